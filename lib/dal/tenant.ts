import { eq, type SQL } from "drizzle-orm";
import { implementations } from "@/db/schema";
import type { Viewer } from "@/lib/viewer";

// The tenant condition every implementation-scoped query puts in its WHERE: a customer
// organization's users see only their organization's implementations; vendor staff see all.
export function implementationScope(viewer: Viewer): SQL | undefined {
  return viewer.organizationKind === "customer"
    ? eq(implementations.customerOrganizationId, viewer.organizationId)
    : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// An id that is not a UUID cannot name a row: answer "not found" without asking Postgres.
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
