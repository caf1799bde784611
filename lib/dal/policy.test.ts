import { describe, expect, it } from "vitest";
import { roles, type Role } from "@/lib/vocabulary";
import { authorize, can, policy, type PolicyAction } from "./policy";

// DESIGN.md's role table, restated as expectations.
const expected: Record<Role, PolicyAction[]> = {
  admin: ["implementation.read", "implementation.create", "template.manage", "user.manage", "blockers.read_all"],
  implementation_manager: [
    "implementation.read",
    "implementation.create",
    "checklist.edit_any",
    "evidence.record",
    "signoff.sign",
    "waiver.grant",
    "gate.decide",
    "blockers.read_all",
  ],
  engineer: ["implementation.read", "checklist.edit_own", "evidence.record", "signoff.sign", "blocker.resolve", "blockers.read_all"],
  customer_it: ["implementation.read", "checklist.edit_own", "evidence.record", "signoff.sign"],
};

const refused: Record<Role, PolicyAction[]> = {
  admin: ["signoff.sign", "waiver.grant", "gate.decide"],
  implementation_manager: ["template.manage", "user.manage"],
  engineer: ["implementation.create", "checklist.edit_any", "waiver.grant", "gate.decide", "template.manage"],
  customer_it: [
    "implementation.create",
    "implementation.update",
    "checklist.edit_any",
    "waiver.grant",
    "gate.decide",
    "blockers.read_all",
    "blocker.resolve",
    "template.manage",
    "user.manage",
  ],
};

describe("policy table", () => {
  it.each(roles)("grants %s what the design gives that role", (role) => {
    for (const action of expected[role]) expect(can({ role }, action), `${role} ${action}`).toBe(true);
  });

  it.each(roles)("refuses %s what the design withholds", (role) => {
    for (const action of refused[role]) expect(can({ role }, action), `${role} ${action}`).toBe(false);
  });

  it("names only known roles", () => {
    for (const allowed of Object.values(policy)) {
      for (const role of allowed) expect(roles).toContain(role);
    }
  });

  it("lets every role end its own session", () => {
    for (const role of roles) expect(can({ role }, "session.end_own")).toBe(true);
  });

  it("raises forbidden when refused", () => {
    expect(() => authorize({ role: "customer_it" }, "implementation.create")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });
});
