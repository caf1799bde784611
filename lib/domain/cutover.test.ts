import { describe, expect, it } from "vitest";
import {
  cutoverGateItems,
  cutoverStepDefaults,
  cutoverStepState,
  cutoverSummary,
  defaultStepDueAt,
  findStandardItem,
  goLiveOffset,
  orderSteps,
  phaseStanding,
} from "./cutover";

const at = (iso: string) => new Date(iso);

describe("standard cutover steps", () => {
  it("fall before and after go-live at their UTC hour: freeze three days before, hand-off two weeks after", () => {
    const due = Object.fromEntries(cutoverStepDefaults.map((s) => [s.key, defaultStepDueAt("2027-03-10", s).toISOString()]));
    expect(due).toEqual({
      "change-freeze": "2027-03-07T17:00:00.000Z",
      "production-smoke-test": "2027-03-09T15:00:00.000Z",
      "command-centre-staffing": "2027-03-10T07:00:00.000Z",
      "first-real-patient-check": "2027-03-10T10:00:00.000Z",
      "rollback-decision-point": "2027-03-10T16:00:00.000Z",
      "support-hand-off": "2027-03-24T17:00:00.000Z",
    });
  });

  it("have distinct keys and titles", () => {
    expect(new Set(cutoverStepDefaults.map((s) => s.key)).size).toBe(cutoverStepDefaults.length);
    expect(new Set(cutoverStepDefaults.map((s) => s.title)).size).toBe(cutoverStepDefaults.length);
  });
});

describe("goLiveOffset", () => {
  it("counts calendar days from go-live, whatever the hour", () => {
    expect(goLiveOffset(at("2027-03-07T23:59:00Z"), "2027-03-10")).toEqual({ days: -3, short: "D-3", text: "3 days before go-live" });
    expect(goLiveOffset(at("2027-03-10T00:00:00Z"), "2027-03-10")).toEqual({ days: 0, short: "D", text: "go-live day" });
    expect(goLiveOffset(at("2027-03-11T08:00:00Z"), "2027-03-10")).toEqual({ days: 1, short: "D+1", text: "1 day after go-live" });
  });

  it("says nothing without a go-live date", () => {
    expect(goLiveOffset(at("2027-03-11T08:00:00Z"), null)).toBeNull();
  });
});

describe("cutoverStepState and cutoverSummary", () => {
  const now = at("2027-03-09T12:00:00Z");
  const steps = [
    { id: "a", title: "Change freeze", dueAt: at("2027-03-07T17:00:00Z"), doneAt: at("2027-03-07T16:30:00Z") },
    { id: "b", title: "Production smoke test", dueAt: at("2027-03-09T11:00:00Z"), doneAt: null },
    { id: "c", title: "Rollback decision point", dueAt: at("2027-03-10T16:00:00Z"), doneAt: null },
    { id: "d", title: "Command centre staffed", dueAt: at("2027-03-10T07:00:00Z"), doneAt: null },
  ];

  it("a step is done once marked, overdue once its time passed without it, open before", () => {
    expect(cutoverStepState(steps[0]!, now)).toBe("done");
    expect(cutoverStepState(steps[1]!, now)).toBe("overdue");
    expect(cutoverStepState(steps[2]!, now)).toBe("open");
    // Done late is still done.
    expect(cutoverStepState({ dueAt: at("2027-03-01T00:00:00Z"), doneAt: now }, now)).toBe("done");
  });

  it("counts done and overdue steps and names the next one due", () => {
    const summary = cutoverSummary(steps, now);
    expect(summary).toMatchObject({ total: 4, done: 1, overdue: 1 });
    expect(summary.next?.id).toBe("b");
    expect(cutoverSummary([], now)).toEqual({ total: 0, done: 0, overdue: 0, next: null });
  });

  it("orders steps by due time", () => {
    expect(orderSteps(steps).map((s) => s.id)).toEqual(["a", "b", "d", "c"]);
  });
});

describe("phaseStanding", () => {
  const today = "2027-03-09";
  const row = (over: Partial<Parameters<typeof phaseStanding>[0]>) => ({ phase: "pilot" as const, plannedStart: null, plannedEnd: null, exitMetAt: null, ...over });

  it("met exit criteria win over every date", () => {
    expect(phaseStanding(row({ plannedEnd: "2027-01-01", exitMetAt: at("2027-01-02T00:00:00Z") }), "pilot", today)).toBe("exit_met");
  });

  it("a phase past its planned end without its exit criteria is overdue, current or not", () => {
    expect(phaseStanding(row({ plannedStart: "2027-02-01", plannedEnd: "2027-03-08" }), "pilot", today)).toBe("overdue");
    expect(phaseStanding(row({ plannedEnd: "2027-03-08" }), "expansion", today)).toBe("overdue");
  });

  it("the implementation's phase is current until its end; other dated phases are planned", () => {
    expect(phaseStanding(row({ plannedEnd: "2027-03-09" }), "pilot", today)).toBe("current");
    expect(phaseStanding(row({}), "pilot", today)).toBe("current");
    expect(phaseStanding(row({ plannedStart: "2027-04-01" }), "assessment", today)).toBe("planned");
    expect(phaseStanding(row({}), "assessment", today)).toBe("not_planned");
  });
});

describe("findStandardItem", () => {
  const rollback = cutoverGateItems.find((i) => i.key === "rollback-plan-approved")!;

  it("finds the template's copy by key, or an ad-hoc item by its title", () => {
    expect(findStandardItem([{ key: "rollback-plan-approved", title: "Rollback signed" }], rollback)?.title).toBe("Rollback signed");
    expect(findStandardItem([{ key: null, title: "  rollback plan APPROVED " }], rollback)?.title).toBe("  rollback plan APPROVED ");
    expect(findStandardItem([{ key: "support-readiness", title: "Support readiness" }], rollback)).toBeNull();
  });

  it("the standard items are signed on attestation, never on operational validation", () => {
    for (const item of cutoverGateItems) expect(item.attestationOnly && !item.operational).toBe(true);
  });
});
