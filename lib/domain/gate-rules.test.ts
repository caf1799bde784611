import { describe, expect, it } from "vitest";
import {
  acceptanceReasons,
  blockerReasons,
  coverageReasons,
  evaluateGate,
  gateContext,
  gateUntil,
  hypercareReasons,
  implementationStatusReasons,
  operationalValidationReason,
  permissionReasons,
  requiredItemReasons,
  roleSignOffState,
  scenarioReasons,
  staleSignOffEvidenceReasons,
  type GateEvidence,
  type GateInput,
  type GateItem,
} from "@/lib/domain/gate-rules";
import { groupReasons } from "./gate-groups";

const now = new Date("2026-11-22T12:00:00Z");
const signedAt = new Date("2026-11-20T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

const technical: GateEvidence = { id: "ev-t", kind: "technical", environment: "production", outcome: "pass", observedAt: new Date("2026-11-20T09:00:00Z") };
const validation: GateEvidence = { id: "ev-o", kind: "operational", environment: "production", outcome: "pass", observedAt: new Date("2026-11-20T09:30:00Z") };

function item(overrides: Partial<GateItem> = {}): GateItem {
  const evidence = overrides.evidence ?? [technical];
  return {
    id: "item-1",
    title: "Production smoke test",
    required: true,
    status: "signed_off",
    version: 3,
    ownerName: "Priya Raman",
    needsOperationalValidation: false,
    requiredSignOffRoles: ["customer_it", "implementation_manager"],
    evidence,
    signOffs: [
      { role: "customer_it", decision: "approve", itemVersion: 3, signerName: "Casey Lin", signedAt, evidence },
      { role: "implementation_manager", decision: "approve", itemVersion: 3, signerName: "Maya Okafor", signedAt, evidence },
    ],
    waiver: null,
    blocker: null,
    ...overrides,
  };
}

function input(overrides: Partial<GateInput> = {}): GateInput {
  return {
    implementationId: "impl-1",
    status: "active",
    workflows: ["appointment_sync"],
    freshnessWindowDays: 14,
    now,
    managerName: "Maya Okafor",
    engineeringOwnerName: "Erin Vasquez",
    configurationChanges: [],
    items: [item()],
    permissions: [
      { id: "p1", permission: "patient/Appointment.rs", required: true, productionResult: "granted", productionCheckedAt: signedAt },
    ],
    productionScenarios: [
      { id: "s1", patientLabel: "Test patient A", scenario: "Appointment booked", workflowSurface: "appointment_sync", result: "pass" },
    ],
    acceptances: [],
    ...overrides,
  };
}

const keys = (reasons: { severity: string; key: string }[]) => reasons.map((r) => `${r.severity}:${r.key}`);

describe("evaluateGate", () => {
  it("is Go when every condition holds, with no reasons", () => {
    const gate = evaluateGate(input());
    expect(gate.verdict).toBe("go");
    expect(gate.reasons).toEqual([]);
    expect(gate).toMatchObject({ requiredItems: 1, requiredItemsDone: 1 });
  });

  it("lists blocking reasons before risks, and its digest changes with any reason", () => {
    const stale = { ...technical, observedAt: new Date(now.getTime() - 20 * DAY) };
    const items = [item({ evidence: [stale] }), item({ id: "b", required: false, blocker: { severity: "go_live", reason: "x" } })];
    const gate = evaluateGate(input({ items }));
    expect(gate.reasons.map((r) => r.severity)).toEqual(["blocking", "risk"]);
    expect(evaluateGate(input({ items })).digest).toBe(gate.digest);
    expect(evaluateGate(input()).digest).not.toBe(gate.digest);
  });

  it("says for every reason what would clear it, and groups it by item and owner", () => {
    const gate = evaluateGate(input({ items: [item({ status: "ready_for_signoff", signOffs: [] })], permissions: [] }));
    for (const r of gate.reasons) expect(r.clear.length).toBeGreaterThan(10);
    const groups = groupReasons(gate.reasons);
    expect(groups.map((g) => g.group)).toEqual([{ key: "item:item-1", label: "Production smoke test", ownerName: "Priya Raman" }]);
  });

  it("is No-go when the implementation is Go but for one operational item signed on technical evidence alone", () => {
    // The reported case: the customer signed "validated with a real example in production" on a green log.
    const signedOnLogs = item({ needsOperationalValidation: true });
    const gate = evaluateGate(input({ items: [signedOnLogs] }));
    expect(gate.verdict).toBe("no_go");
    expect(gate.requiredItemsDone).toBe(0);
    expect(gate.reasons[0]).toMatchObject({ key: "validation:item-1", severity: "blocking" });
    expect(gate.reasons[0]?.message).toContain("signed, but no fresh passing production validation");
  });
});

describe("implementationStatusReasons", () => {
  it("blocks while the implementation is paused or cancelled, and not otherwise", () => {
    expect(keys(implementationStatusReasons(gateContext(input({ status: "paused" }))))).toEqual(["blocking:implementation:paused"]);
    expect(keys(implementationStatusReasons(gateContext(input({ status: "cancelled" }))))).toEqual(["blocking:implementation:cancelled"]);
    expect(implementationStatusReasons(gateContext(input({ status: "live" })))).toEqual([]);
  });
});

describe("blockerReasons", () => {
  it("blocks on an open go-live blocker, even on an optional item; a post-live blocker is only a risk", () => {
    const ctx = gateContext(input());
    expect(keys(blockerReasons(ctx, item({ id: "opt", required: false, blocker: { severity: "go_live", reason: "Feed down" } })))).toEqual([
      "blocking:blocker:opt",
    ]);
    const postLive = blockerReasons(ctx, item({ id: "opt", required: false, blocker: { severity: "post_live", reason: "Dashboard" } }));
    expect(keys(postLive)).toEqual(["risk:blocker:opt"]);
    expect(postLive[0]?.message).toBe("“Production smoke test” has an open post-live blocker: Dashboard");
    expect(blockerReasons(ctx, item())).toEqual([]);
  });

  it("makes the gate Conditional go on a post-live blocker alone", () => {
    const gate = evaluateGate(input({ items: [item(), item({ id: "opt", required: false, blocker: { severity: "post_live", reason: "Dashboard" } })] }));
    expect(gate.verdict).toBe("conditional_go");
  });
});

describe("requiredItemReasons", () => {
  const ctx = gateContext(input());

  it("counts an item every required role approved at its current version", () => {
    expect(requiredItemReasons(ctx, item())).toMatchObject({ done: true, reasons: [] });
  });

  it("names the role still to sign, and links the item", () => {
    const outcome = requiredItemReasons(ctx, item({ status: "ready_for_signoff", signOffs: [item().signOffs[0]!] }));
    expect(outcome.done).toBe(false);
    expect(outcome.reasons).toEqual([
      expect.objectContaining({
        key: "item:item-1",
        severity: "blocking",
        message: "“Production smoke test” needs sign-off by the implementation manager.",
        clear: "The implementation manager signs version 3 (or an implementation manager waives the item).",
        href: "/implementations/impl-1/items/item-1",
      }),
    ]);
  });

  it("treats a sign-off of an earlier version as superseded: re-sign needed", () => {
    const outcome = requiredItemReasons(ctx, item({ version: 5 }));
    expect(outcome.done).toBe(false);
    expect(outcome.reasons[0]?.message).toContain("customer IT (signed v3, now v5 — re-sign needed)");
  });

  it("counts a waiver in force until the end of its expiry day, then blocks", () => {
    const waived = item({ status: "waived", signOffs: [], waiver: { expiresOn: "2026-11-22", approverName: "Dana Cole" } });
    const ok = requiredItemReasons(ctx, waived);
    expect(ok.done).toBe(true);
    expect(ok.waiver).toEqual({ itemId: "item-1", title: "Production smoke test", approverName: "Dana Cole", expiresOn: "2026-11-22" });
    const nextDay = requiredItemReasons(gateContext(input({ now: new Date("2026-11-23T00:00:00Z") })), waived);
    expect(nextDay.done).toBe(false);
    expect(keys(nextDay.reasons)).toEqual(["blocking:waiver-expired:item-1"]);
  });

  it("lets an item with no required roles count once it is ready", () => {
    const free = item({ requiredSignOffRoles: [], signOffs: [], status: "ready_for_signoff" });
    expect(requiredItemReasons(ctx, free).done).toBe(true);
    expect(requiredItemReasons(ctx, { ...free, status: "in_progress" }).done).toBe(false);
  });
});

describe("operationalValidationReason", () => {
  const ctx = gateContext(input());
  const needs = (evidence: GateEvidence[], extra: Partial<GateItem> = {}) => item({ needsOperationalValidation: true, evidence, ...extra });

  it("accepts a sign-off with a fresh passing production validation behind it", () => {
    expect(operationalValidationReason(ctx, needs([technical, validation]))).toBeNull();
  });

  it("refuses technical evidence alone, saying so", () => {
    expect(operationalValidationReason(ctx, needs([technical]))?.message).toBe(
      "“Production smoke test” is signed, but no fresh passing production validation: only technical evidence stands behind it.",
    );
  });

  it("refuses a validation outside production, a failing one, and none at all", () => {
    expect(operationalValidationReason(ctx, needs([{ ...validation, environment: "test" }]))).not.toBeNull();
    expect(operationalValidationReason(ctx, needs([{ ...validation, outcome: "fail" }]))).not.toBeNull();
    expect(operationalValidationReason(ctx, needs([]))?.message).toContain("none stands behind it");
  });

  it("refuses a validation older than the window, or from before a production configuration change", () => {
    const old = { ...validation, observedAt: new Date(now.getTime() - 15 * DAY) };
    expect(operationalValidationReason(ctx, needs([old]))?.message).toContain("is older than the 14 days freshness window");
    const changed = gateContext(input({ configurationChanges: [{ changedAt: new Date("2026-11-21T00:00:00Z"), environment: "production" }] }));
    expect(operationalValidationReason(changed, needs([validation]))?.message).toContain("predates a later configuration change in production");
    // A change in test says nothing about a production validation.
    const elsewhere = gateContext(input({ configurationChanges: [{ changedAt: new Date("2026-11-21T00:00:00Z"), environment: "test" }] }));
    expect(operationalValidationReason(elsewhere, needs([validation]))).toBeNull();
  });

  it("looks at what the signers saw, not at evidence recorded elsewhere on the item", () => {
    const signedOnLogs = needs([technical]);
    // A validation on the item that no current sign-off saw does not stand behind them.
    expect(operationalValidationReason(ctx, { ...signedOnLogs, evidence: [technical, validation] })).not.toBeNull();
  });

  it("does not apply to items whose template asks for no operational validation", () => {
    expect(operationalValidationReason(ctx, item({ evidence: [technical] }))).toBeNull();
  });
});

describe("staleSignOffEvidenceReasons", () => {
  it("names each sign-off resting on stale evidence, and why", () => {
    const old = { ...technical, observedAt: new Date(now.getTime() - 20 * DAY) };
    const reasons = staleSignOffEvidenceReasons(gateContext(input()), item({ evidence: [old] }));
    expect(keys(reasons)).toEqual(["risk:stale-signed-evidence:item-1"]);
    expect(reasons[0]?.message).toBe(
      "1 piece of evidence behind the sign-off of “Production smoke test” is stale — Casey Lin (customer IT, v3, signed 2026-11-20): 1 piece older than 14 days; Maya Okafor (implementation manager, v3, signed 2026-11-20): 1 piece older than 14 days.",
    );
    const changed = gateContext(input({ configurationChanges: [{ changedAt: new Date("2026-11-21T00:00:00Z"), environment: null }] }));
    expect(staleSignOffEvidenceReasons(changed, item())[0]?.message).toContain("1 piece observed before a later configuration change");
  });

  it("is nothing while the evidence is fresh, and the gate makes it a risk to accept", () => {
    expect(staleSignOffEvidenceReasons(gateContext(input()), item())).toEqual([]);
    const old = { ...technical, observedAt: new Date(now.getTime() - 20 * DAY) };
    expect(evaluateGate(input({ items: [item({ evidence: [old] })] })).verdict).toBe("conditional_go");
  });
});

describe("permissionReasons", () => {
  const perm = (productionResult: "granted" | "denied" | "error" | "unverified", extra = {}) => ({
    id: `p-${productionResult}`,
    permission: "system/Slot.rs",
    required: true,
    productionResult,
    productionCheckedAt: productionResult === "unverified" ? null : signedAt,
    ...extra,
  });
  const reasons = (p: ReturnType<typeof perm>, extra: Partial<GateInput> = {}) => permissionReasons(gateContext(input({ permissions: [p], ...extra })));

  it("blocks on a required production permission denied or in error; unverified is a risk; optional ones do not count", () => {
    expect(keys(reasons(perm("denied")))).toEqual(["blocking:permission:p-denied"]);
    expect(keys(reasons(perm("error")))).toEqual(["blocking:permission:p-error"]);
    expect(reasons(perm("unverified"))[0]).toMatchObject({ severity: "risk", href: "/implementations/impl-1/permissions", group: { ownerName: "Erin Vasquez" } });
    expect(reasons(perm("denied", { required: false }))).toEqual([]);
  });

  it("makes a grant older than the window, or than a production configuration change, a stale risk", () => {
    expect(keys(reasons(perm("granted", { productionCheckedAt: new Date("2026-10-01T00:00:00Z") })))).toEqual(["risk:permission-stale:p-granted"]);
    expect(keys(reasons(perm("granted"), { configurationChanges: [{ changedAt: new Date("2026-11-21T00:00:00Z"), environment: "production" }] }))).toEqual([
      "risk:permission-stale:p-granted",
    ]);
    expect(reasons(perm("granted"))).toEqual([]);
  });
});

describe("scenarioReasons and coverageReasons", () => {
  const scenario = (result: "pass" | "fail" | "not_run") => ({
    id: `s-${result}`,
    patientLabel: "Test patient B",
    scenario: "Rescheduled across departments",
    workflowSurface: "appointment_sync" as const,
    result,
  });

  it("blocks on a failed production scenario; one not run is a risk", () => {
    const ctx = gateContext(input({ productionScenarios: [scenario("pass"), scenario("fail"), scenario("not_run")] }));
    expect(keys(scenarioReasons(ctx))).toEqual(["blocking:scenario:s-fail", "risk:scenario:s-not_run"]);
  });

  it("flags every workflow in scope with no passing production scenario", () => {
    const uncovered = coverageReasons(gateContext(input({ workflows: ["appointment_sync", "scheduling_availability", "other"] })));
    expect(keys(uncovered)).toEqual(["risk:coverage:scheduling_availability"]);
    expect(uncovered[0]?.message).toBe("No test patient scenario for scheduling availability has passed in production.");
  });
});

describe("acceptanceReasons", () => {
  const risk = { key: "permission:p1", severity: "risk" as const, message: "m", clear: "c", href: "h", group: { key: "permissions", label: "API permissions", ownerName: null } };
  const acceptance = { reasonKey: "permission:p1", reasonText: "Required permission x is unverified in production.", acceptedByName: "Dana Cole", reevaluateOn: "2026-11-22" };

  it("holds an accepted risk through its re-evaluation day, then blocks while the risk still stands", () => {
    expect(acceptanceReasons(gateContext(input({ acceptances: [acceptance] })), [risk])).toEqual([]);
    const after = gateContext(input({ now: new Date("2026-11-23T00:00:00Z"), acceptances: [acceptance] }));
    const reasons = acceptanceReasons(after, [risk]);
    expect(keys(reasons)).toEqual(["blocking:reevaluate:permission:p1"]);
    expect(reasons[0]?.message).toContain("accepted by Dana Cole until 2026-11-22 is due for re-evaluation");
    // A risk that has since cleared needs no re-evaluation.
    expect(acceptanceReasons(after, [])).toEqual([]);
  });

  it("turns the gate from Conditional go to No-go as the re-evaluation date passes", () => {
    const facts = { permissions: [{ id: "p1", permission: "x", required: true, productionResult: "unverified" as const, productionCheckedAt: null }], acceptances: [acceptance] };
    expect(evaluateGate(input(facts)).verdict).toBe("conditional_go");
    expect(evaluateGate(input({ ...facts, now: new Date("2026-11-23T00:00:00Z") })).verdict).toBe("no_go");
  });
});

describe("gateUntil", () => {
  it("is the next moment evidence, a permission grant, a waiver or an acceptance flips", () => {
    const facts = input({
      items: [item({ evidence: [validation], needsOperationalValidation: true })],
      permissions: [{ id: "p1", permission: "x", required: true, productionResult: "granted", productionCheckedAt: new Date("2026-11-21T00:00:00Z") }],
    });
    // The validation (observed 2026-11-20T09:30) leaves the 14-day window first.
    expect(gateUntil(facts)).toEqual(new Date(validation.observedAt.getTime() + 14 * DAY));
    const waiver = input({ items: [item({ status: "waived", signOffs: [], evidence: [], waiver: { expiresOn: "2026-11-25", approverName: "D" } })], permissions: [] });
    expect(gateUntil(waiver)).toEqual(new Date("2026-11-26T00:00:00Z"));
    const accepted = input({ items: [], permissions: [], acceptances: [{ reasonKey: "k", reasonText: "t", acceptedByName: "D", reevaluateOn: "2026-11-24" }] });
    expect(gateUntil(accepted)).toEqual(new Date("2026-11-25T00:00:00Z"));
    expect(gateUntil(input({ items: [], permissions: [] }))).toBeNull();
  });

  it("holds the verdict until then and no longer: the verdict flips at the boundary", () => {
    const facts = input({ items: [item({ evidence: [validation], needsOperationalValidation: true })], permissions: [] });
    const until = evaluateGate(facts).until!;
    expect(evaluateGate({ ...facts, now: new Date(until.getTime() - 1) }).verdict).toBe("go");
    expect(evaluateGate({ ...facts, now: new Date(until.getTime() + 1) }).verdict).toBe("no_go");
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

describe("hypercareReasons", () => {
  const alert = { id: "alert-1", interfaceName: "Transcription feed", environment: "production" as const, summary: "No message for 121 business-hour minutes (limit 60).", ownerName: null, nextStep: null };

  it("makes an open alert a post-live blocker once live and a hypercare risk before, a risk either way", () => {
    const live = hypercareReasons(gateContext(input({ status: "live", hypercareAlerts: [alert] })));
    expect(live).toEqual([
      expect.objectContaining({
        key: "hypercare:alert-1",
        severity: "risk",
        message: "Post-live blocker: Transcription feed (production) — No message for 121 business-hour minutes (limit 60).",
        href: "/implementations/impl-1/interfaces",
      }),
    ]);
    const before = hypercareReasons(gateContext(input({ hypercareAlerts: [alert] })));
    expect(before[0]!.message).toBe("Hypercare risk: Transcription feed (production) — No message for 121 business-hour minutes (limit 60).");
    expect(hypercareReasons(gateContext(input()))).toEqual([]);
  });

  it("leaves an otherwise Go gate at Conditional go, and names the owner once acknowledged", () => {
    const gate = evaluateGate(input({ status: "live", hypercareAlerts: [{ ...alert, ownerName: "Erin Vasquez", nextStep: "Restart the outbound channel" }] }));
    expect(gate.verdict).toBe("conditional_go");
    expect(gate.reasons.find((r) => r.key === "hypercare:alert-1")!.clear).toBe("Erin Vasquez owns it; next step: Restart the outbound channel. It clears when the figures return to normal.");
  });
});
