import { describe, expect, it } from "vitest";
import type { GateItem, GateSignOff } from "./gate-rules";
import { waitingByRole } from "./readiness-summary";

const signOff = (role: GateSignOff["role"], itemVersion: number, decision: GateSignOff["decision"] = "approve"): GateSignOff => ({
  role,
  decision,
  itemVersion,
  signerName: "Synthetic signer",
  signedAt: new Date("2026-11-30T10:00:00Z"),
});

const item = (over: Partial<GateItem>): GateItem => ({
  id: "item",
  title: "Synthetic item",
  required: true,
  status: "ready_for_signoff",
  version: 3,
  requiredSignOffRoles: ["customer_it", "engineer"],
  signOffs: [],
  waiver: null,
  blocker: null,
  ...over,
});

// What the navigation's "waiting on me" count sums, per role: the same question as the My work
// list (lib/dal/my-work.ts waitingOnRole).
describe("waitingByRole", () => {
  it("counts a ready item for every required role that has not answered its current version", () => {
    expect(waitingByRole([item({})])).toEqual({ customer_it: 1, engineer: 1 });
  });

  it("takes a rejection of the current version as an answer, and a sign-off of an earlier version as none", () => {
    const items = [
      item({ id: "a", signOffs: [signOff("engineer", 3, "reject"), signOff("customer_it", 2)] }),
      item({ id: "b", signOffs: [signOff("customer_it", 3)] }),
    ];
    expect(waitingByRole(items)).toEqual({ customer_it: 1, engineer: 1 });
  });

  it("leaves out items that are not ready for sign-off, and roles with nothing waiting", () => {
    const items = [item({ status: "in_progress" }), item({ status: "signed_off" }), item({ requiredSignOffRoles: ["implementation_manager"] })];
    expect(waitingByRole(items)).toEqual({ implementation_manager: 1 });
  });
});
