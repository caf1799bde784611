import { describe, expect, it } from "vitest";
import { evaluateGate, roleSignOffState, type GateInput, type GateItem } from "./gate";

const now = new Date("2026-11-22T12:00:00Z");
const signedAt = new Date("2026-11-20T10:00:00Z");

function item(overrides: Partial<GateItem> = {}): GateItem {
  return {
    id: "item-1",
    title: "Production smoke test",
    required: true,
    status: "signed_off",
    version: 3,
    requiredSignOffRoles: ["customer_it", "implementation_manager"],
    signOffs: [
      { role: "customer_it", decision: "approve", itemVersion: 3, signerName: "Casey Lin", signedAt },
      { role: "implementation_manager", decision: "approve", itemVersion: 3, signerName: "Maya Okafor", signedAt },
    ],
    waiver: null,
    blocker: null,
    staleEvidenceBehindSignOff: 0,
    ...overrides,
  };
}

function input(overrides: Partial<GateInput> = {}): GateInput {
  return {
    implementationId: "impl-1",
    status: "active",
    workflows: ["appointment_sync"],
    freshnessWindowDays: 14,
    today: "2026-11-22",
    now,
    items: [item()],
    permissions: [
      { id: "p1", permission: "patient/Appointment.rs", required: true, productionResult: "granted", productionCheckedAt: signedAt },
    ],
    productionScenarios: [
      { id: "s1", patientLabel: "Test patient A", scenario: "Appointment booked", workflowSurface: "appointment_sync", result: "pass" },
    ],
    ...overrides,
  };
}

const keys = (gate: ReturnType<typeof evaluateGate>) => gate.reasons.map((r) => `${r.severity}:${r.key}`);

describe("evaluateGate", () => {
  it("is Go when every condition holds, with no reasons", () => {
    const gate = evaluateGate(input());
    expect(gate.verdict).toBe("go");
    expect(gate.reasons).toEqual([]);
    expect(gate).toMatchObject({ requiredItems: 1, requiredItemsDone: 1 });
  });

  it("is No-go while a required role has not signed, naming the role and linking the item", () => {
    const gate = evaluateGate(input({ items: [item({ status: "ready_for_signoff", signOffs: [item().signOffs[0]!] })] }));
    expect(gate.verdict).toBe("no_go");
    expect(gate.reasons).toEqual([
      {
        key: "item:item-1",
        severity: "blocking",
        message: "“Production smoke test” needs sign-off by the implementation manager.",
        href: "/implementations/impl-1/items/item-1",
      },
    ]);
  });

  it("treats a sign-off of an earlier version as superseded: re-sign needed", () => {
    const gate = evaluateGate(input({ items: [item({ version: 5 })] }));
    expect(gate.verdict).toBe("no_go");
    expect(gate.reasons[0]?.message).toContain("customer IT (signed v3, now v5 — re-sign needed)");
    expect(gate.requiredItemsDone).toBe(0);
  });

  it("counts a waiver in force, lists it, and blocks once it has expired", () => {
    const waived = item({ status: "waived", signOffs: [], waiver: { expiresOn: "2026-11-22", approverName: "Dana Cole" } });
    const ok = evaluateGate(input({ items: [waived] }));
    expect(ok.verdict).toBe("go");
    expect(ok.waivers).toEqual([{ itemId: "item-1", title: "Production smoke test", approverName: "Dana Cole", expiresOn: "2026-11-22" }]);

    const expired = evaluateGate(input({ today: "2026-11-23", items: [waived] }));
    expect(expired.verdict).toBe("no_go");
    expect(keys(expired)).toEqual(["blocking:waiver-expired:item-1"]);
    expect(expired.waivers).toEqual([]);
  });

  it("blocks on an open go-live blocker, even on an optional item; a post-live blocker is only a risk", () => {
    const goLive = evaluateGate(
      input({ items: [item(), item({ id: "opt", required: false, blocker: { severity: "go_live", reason: "Feed down" } })] }),
    );
    expect(goLive.verdict).toBe("no_go");
    expect(keys(goLive)).toEqual(["blocking:blocker:opt"]);

    const postLive = evaluateGate(
      input({ items: [item(), item({ id: "opt", required: false, blocker: { severity: "post_live", reason: "Dashboard" } })] }),
    );
    expect(postLive.verdict).toBe("conditional_go");
    expect(keys(postLive)).toEqual(["risk:blocker:opt"]);
  });

  it("makes stale evidence behind a sign-off a risk to accept", () => {
    const gate = evaluateGate(input({ items: [item({ staleEvidenceBehindSignOff: 2 })] }));
    expect(gate.verdict).toBe("conditional_go");
    expect(gate.reasons[0]?.message).toBe("2 pieces of evidence behind the sign-off of “Production smoke test” are stale.");
  });

  it("blocks on a required production permission denied or in error; unverified or stale is a risk; optional ones do not count", () => {
    const perm = (productionResult: "granted" | "denied" | "error" | "unverified", extra = {}) => ({
      id: `p-${productionResult}`,
      permission: "system/Slot.rs",
      required: true,
      productionResult,
      productionCheckedAt: productionResult === "unverified" ? null : signedAt,
      ...extra,
    });
    expect(evaluateGate(input({ permissions: [perm("denied")] })).verdict).toBe("no_go");
    expect(evaluateGate(input({ permissions: [perm("error")] })).verdict).toBe("no_go");
    const unverified = evaluateGate(input({ permissions: [perm("unverified")] }));
    expect(unverified.verdict).toBe("conditional_go");
    expect(unverified.reasons[0]).toMatchObject({ href: "/implementations/impl-1/permissions" });
    const stale = evaluateGate(input({ permissions: [perm("granted", { productionCheckedAt: new Date("2026-10-01T00:00:00Z") })] }));
    expect(keys(stale)).toEqual(["risk:permission-stale:p-granted"]);
    expect(evaluateGate(input({ permissions: [perm("denied", { required: false })] })).verdict).toBe("go");
  });

  it("blocks on a failed production scenario; not run and uncovered workflows are risks", () => {
    const scenario = (result: "pass" | "fail" | "not_run", workflowSurface: "appointment_sync" | "scheduling_availability" = "appointment_sync") => ({
      id: `s-${result}`,
      patientLabel: "Test patient B",
      scenario: "Rescheduled across departments",
      workflowSurface,
      result,
    });
    expect(evaluateGate(input({ productionScenarios: [scenario("pass"), scenario("fail")] })).verdict).toBe("no_go");
    const notRun = evaluateGate(input({ productionScenarios: [scenario("pass"), scenario("not_run")] }));
    expect(keys(notRun)).toEqual(["risk:scenario:s-not_run"]);
    const uncovered = evaluateGate(input({ workflows: ["appointment_sync", "scheduling_availability"] }));
    expect(keys(uncovered)).toEqual(["risk:coverage:scheduling_availability"]);
    expect(uncovered.reasons[0]?.message).toBe("No test patient scenario for scheduling availability has passed in production.");
  });

  it("blocks while the implementation is paused or cancelled", () => {
    expect(keys(evaluateGate(input({ status: "paused" })))).toEqual(["blocking:implementation:paused"]);
  });

  it("lists blocking reasons before risks, and its digest changes with any reason", () => {
    const gate = evaluateGate(
      input({
        items: [item({ staleEvidenceBehindSignOff: 1 }), item({ id: "b", required: false, blocker: { severity: "go_live", reason: "x" } })],
      }),
    );
    expect(gate.reasons.map((r) => r.severity)).toEqual(["blocking", "risk"]);
    const same = evaluateGate(
      input({
        items: [item({ staleEvidenceBehindSignOff: 1 }), item({ id: "b", required: false, blocker: { severity: "go_live", reason: "x" } })],
      }),
    );
    expect(same.digest).toBe(gate.digest);
    expect(evaluateGate(input()).digest).not.toBe(gate.digest);
  });

  it("lets an item with no required roles count once it is ready", () => {
    const free = item({ requiredSignOffRoles: [], signOffs: [], status: "ready_for_signoff" });
    expect(evaluateGate(input({ items: [free] })).verdict).toBe("go");
    expect(evaluateGate(input({ items: [{ ...free, status: "in_progress" }] })).verdict).toBe("no_go");
  });
});

describe("roleSignOffState", () => {
  it("says a rejection at the current version is not an approval", () => {
    const state = roleSignOffState(
      { version: 4, signOffs: [{ role: "customer_it", decision: "reject", itemVersion: 4, signerName: "Casey Lin", signedAt }] },
      "customer_it",
    );
    expect(state).toMatchObject({ approved: false, superseded: null });
    expect(state.current?.decision).toBe("reject");
  });
});
