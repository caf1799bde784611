import { describe, expect, it } from "vitest";
import { roles, type Role } from "@/lib/domain/vocabulary";
import { authorize, can, policy, type PolicyAction } from "./policy";

// The role table of docs/design.md as the exact set each role may do: any action added to the policy
// or granted to a role must be added here too, or this fails.
const allowed: Record<Role, PolicyAction[]> = {
  admin: [
    "implementation.read",
    "implementation.create",
    "implementation.update",
    "blockers.read_all",
    "audit.read",
    "webhook.manage",
    "template.manage",
    "organization.manage",
    "user.manage",
    "session.end_own",
    "audit.verify",
    "people.read",
    "customer_people.manage",
    "mail.read",
    "password.change_own",
    "inbox.read_own",
    "comment.add",
    "saved_view.manage_own",
    "cutover.complete_own",
  ],
  implementation_manager: [
    "implementation.read",
    "api_token.manage",
    "implementation.create",
    "implementation.update",
    "checklist.edit_any",
    "evidence.record",
    "configuration_change.record",
    "signoff.sign",
    "waiver.grant",
    "gate.decide",
    "permission.record",
    "permission.manage",
    "test_patient.record",
    "test_patient.remove",
    "interface.manage",
    "source_of_truth.record",
    "payload_review.record",
    "payload_rule.manage",
    "interface_watch.manage",
    "phase_plan.manage",
    "cutover.manage",
    "cutover.complete_own",
    "blockers.read_all",
    "blocker.resolve",
    "hypercare.acknowledge",
    "audit.read",
    "webhook.manage",
    "session.end_own",
    "people.read",
    "customer_people.manage",
    "password.change_own",
    "inbox.read_own",
    "comment.add",
    "saved_view.manage_own",
  ],
  engineer: [
    "api_token.manage",
    "implementation.read",
    "checklist.edit_own",
    "evidence.record",
    "configuration_change.record",
    "signoff.sign",
    "permission.record",
    "permission.manage",
    "test_patient.record",
    "interface.manage",
    "source_of_truth.record",
    "payload_review.record",
    "payload_rule.manage",
    "interface_watch.manage",
    "blockers.read_all",
    "blocker.resolve",
    "hypercare.acknowledge",
    "audit.read",
    "session.end_own",
    "password.change_own",
    "inbox.read_own",
    "comment.add",
    "saved_view.manage_own",
    "cutover.complete_own",
  ],
  customer_it: [
    "implementation.read",
    "checklist.edit_own",
    "evidence.record",
    "signoff.sign",
    "permission.record",
    "test_patient.record",
    "source_of_truth.record",
    "payload_review.record",
    "inventory.confirm",
    "audit.read",
    "session.end_own",
    "password.change_own",
    "inbox.read_own",
    "comment.add",
    "saved_view.manage_own",
    "cutover.complete_own",
  ],
};

const actions = Object.keys(policy) as PolicyAction[];

describe("policy table", () => {
  it.each(roles)("gives %s exactly the actions the design gives that role", (role) => {
    const granted = actions.filter((action) => can({ role }, action)).sort();
    expect(granted).toEqual([...allowed[role]].sort());
  });

  it("names only known roles", () => {
    for (const roleList of Object.values(policy)) {
      for (const role of roleList) expect(roles).toContain(role);
    }
  });

  it("keeps customer IT away from every vendor-only power", () => {
    for (const action of ["implementation.create", "checklist.edit_any", "waiver.grant", "gate.decide", "blockers.read_all", "template.manage", "organization.manage", "user.manage", "phase_plan.manage", "cutover.manage"] as const) {
      expect(can({ role: "customer_it" }, action), action).toBe(false);
    }
  });

  it("raises forbidden when refused", () => {
    expect(() => authorize({ role: "customer_it" }, "implementation.create")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });
});
