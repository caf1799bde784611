import { and, eq, isNull, or, type SQL, type SQLWrapper } from "drizzle-orm";
import { implementations, organizations, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { notFound } from "./errors";

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

// The WHERE for one implementation by id, in the viewer's scope. An id that is not a UUID is
// not found before any query; another organization's is not found by the query: one answer.
export function oneImplementationInScope(viewer: Viewer, implementationId: string): SQL | undefined {
  if (!isUuid(implementationId)) throw notFound("Implementation");
  return and(eq(implementations.id, implementationId), implementationScope(viewer));
}

// Who may own an item, a cutover step or an alert of an implementation: anyone enabled who can
// see it, that is the vendor's people and the people of the implementation's customer. The
// query joins the person to their organization; the item page's facts pass its aliases.
export function mayOwnOn(
  customerOrganizationId: string | SQLWrapper,
  person: { disabledAt: SQLWrapper } = users,
  organization: { id: SQLWrapper; kind: SQLWrapper } = organizations,
): SQL | undefined {
  return and(isNull(person.disabledAt), or(eq(organization.kind, "vendor"), eq(organization.id, customerOrganizationId)));
}
