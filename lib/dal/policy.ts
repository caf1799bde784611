import type { Viewer } from "@/lib/viewer";
import type { Role } from "@/lib/vocabulary";
import { forbidden } from "./errors";

// The one table that says which role may do what (docs/design.md, "Roles"). Tenancy is the
// other half: customer IT users only ever reach their own organization's rows, which every
// DAL query enforces in SQL (see tenant.ts). `own` actions also require the viewer to own the
// row, checked where the row is read.
export const policy = {
  "implementation.read": ["admin", "implementation_manager", "engineer", "customer_it"],
  "implementation.create": ["admin", "implementation_manager"],
  "implementation.update": ["admin", "implementation_manager"],
  "checklist.edit_any": ["implementation_manager"],
  "checklist.edit_own": ["engineer", "customer_it"],
  "evidence.record": ["implementation_manager", "engineer", "customer_it"],
  "configuration_change.record": ["implementation_manager", "engineer"],
  "signoff.sign": ["implementation_manager", "engineer", "customer_it"],
  "waiver.grant": ["implementation_manager"],
  "gate.decide": ["implementation_manager"],
  "permission.record": ["implementation_manager", "engineer", "customer_it"],
  // Which permissions an integration needs is the vendor's call; the customer records results.
  "permission.manage": ["implementation_manager", "engineer"],
  "test_patient.record": ["implementation_manager", "engineer", "customer_it"],
  // Removing a test patient or scenario erases a result someone recorded: managers only.
  "test_patient.remove": ["implementation_manager"],
  "blockers.read_all": ["admin", "implementation_manager", "engineer"],
  "blocker.resolve": ["implementation_manager", "engineer"],
  "audit.read": ["admin", "implementation_manager", "engineer", "customer_it"],
  "webhook.manage": ["admin", "implementation_manager"],
  "template.manage": ["admin"],
  "organization.manage": ["admin"],
  "user.manage": ["admin"],
  "session.end_own": ["admin", "implementation_manager", "engineer", "customer_it"],
} as const satisfies Record<string, readonly Role[]>;

export type PolicyAction = keyof typeof policy;

export function can(viewer: Pick<Viewer, "role">, action: PolicyAction): boolean {
  return (policy[action] as readonly Role[]).includes(viewer.role);
}

export function authorize(viewer: Pick<Viewer, "role">, action: PolicyAction): void {
  if (!can(viewer, action)) throw forbidden();
}
