import { eq, type SQL } from "drizzle-orm";
import { implementations } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";

// The tenant condition every implementation-scoped query puts in its WHERE. Only the vendor's
// staff see every implementation; anyone else sees their own organization's, and an
// organization of any other kind would see only its own too (fails closed).
export function implementationScope(viewer: Viewer): SQL | undefined {
  return viewer.organizationKind === "vendor"
    ? undefined
    : eq(implementations.customerOrganizationId, viewer.organizationId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// An id that is not a UUID cannot name a row: answer "not found" without asking Postgres.
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
