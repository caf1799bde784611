import type { Viewer } from "@/lib/domain/viewer";
import type { Role } from "@/lib/domain/vocabulary";
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
  // The interface inventory is built by the vendor's team; the source of truth of each data
  // domain is agreed with the customer, who records it too; anyone on the project reviews
  // sample payloads (technical evidence).
  "interface.manage": ["implementation_manager", "engineer"],
  "source_of_truth.record": ["implementation_manager", "engineer", "customer_it"],
  "payload_review.record": ["implementation_manager", "engineer", "customer_it"],
  "payload_rule.manage": ["implementation_manager", "engineer"],
  // The silent-failure watch's hand-set rules of an interface are the vendor's team's to tune,
  // like the inventory they sit on; everyone on the project reads them on the interface page.
  "interface_watch.manage": ["implementation_manager", "engineer"],
  // Only the customer can say the list is complete: it is their organization's inventory.
  "inventory.confirm": ["customer_it"],
  // The phase plan and the cutover plan (lib/dal/cutover.ts) are the manager's to write; the
  // owner of a cutover step (anyone on the project) marks their own step done.
  "phase_plan.manage": ["implementation_manager"],
  "cutover.manage": ["implementation_manager"],
  "cutover.complete_own": ["admin", "implementation_manager", "engineer", "customer_it"],
  "blockers.read_all": ["admin", "implementation_manager", "engineer"],
  "blocker.resolve": ["implementation_manager", "engineer"],
  // An open hypercare alert (docs/hypercare.md) is acknowledged by the vendor's team that runs
  // the implementation, as they resolve blockers: they name an owner (who may be a customer's
  // person), the next step and the expected outcome.
  "hypercare.acknowledge": ["implementation_manager", "engineer"],
  "audit.read": ["admin", "implementation_manager", "engineer", "customer_it"],
  "webhook.manage": ["admin", "implementation_manager"],
  // API tokens let a machine post technical evidence and interface metrics for one
  // implementation. The vendor's team makes them (they run the CI jobs and the interface
  // engine's monitors). Customer IT may not: a token acts with no person present and its
  // evidence counts on the vendor's checklist, so the people who own that checklist hold the
  // credentials; a customer's monitor gets a token from the implementation's engineer.
  "api_token.manage": ["implementation_manager", "engineer"],
  "template.manage": ["admin"],
  "organization.manage": ["admin"],
  "user.manage": ["admin"],
  "session.end_own": ["admin", "implementation_manager", "engineer", "customer_it"],
  // harden: checking every organization's audit chain spans all tenants, so admins only.
  "audit.verify": ["admin"],
  // People (lib/dal/people.ts). Admins manage every organization and person; implementation
  // managers invite and disable the customer IT people of the health systems they run
  // implementations for (the DAL checks that they run one there).
  "people.read": ["admin", "implementation_manager"],
  "customer_people.manage": ["admin", "implementation_manager"],
  "mail.read": ["admin"],
  "password.change_own": ["admin", "implementation_manager", "engineer", "customer_it"],
  // Everyone has an inbox of their own (lib/dal/inbox.ts) and may comment on what they can see.
  "inbox.read_own": ["admin", "implementation_manager", "engineer", "customer_it"],
  "comment.add": ["admin", "implementation_manager", "engineer", "customer_it"],
  // Named views of a list (lib/dal/saved-views.ts): each person keeps their own; a view of a
  // list also needs the right to see that list (the blockers: blockers.read_all).
  "saved_view.manage_own": ["admin", "implementation_manager", "engineer", "customer_it"],
} as const satisfies Record<string, readonly Role[]>;

export type PolicyAction = keyof typeof policy;

export function can(viewer: Pick<Viewer, "role">, action: PolicyAction): boolean {
  return (policy[action] as readonly Role[]).includes(viewer.role);
}

export function authorize(viewer: Pick<Viewer, "role">, action: PolicyAction): void {
  if (!can(viewer, action)) throw forbidden();
}
