import type { OrganizationKind, Role } from "@/lib/domain/vocabulary";

// The signed-in person as every DAL function sees them. Built from the database on each
// request, never from anything the client sends.
export type Viewer = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  // The browser session this request came with: its id and when it signed in. Absent for
  // viewers built outside a request (tests, jobs); actions that need a recent sign-in refuse then.
  session?: { id: string | null; signedInAt: Date | null };
};

const VENDOR_ROLES: readonly Role[] = ["admin", "implementation_manager", "engineer"];

// Vendor roles belong to the vendor organization and customer IT to a customer one. A row
// that breaks this (a data error) grants nothing rather than guessing.
export function roleFitsOrganization(role: Role, kind: OrganizationKind): boolean {
  return kind === "vendor" ? VENDOR_ROLES.includes(role) : role === "customer_it";
}
