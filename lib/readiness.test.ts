import { describe, expect, it } from "vitest";
import { evidenceStaleness, goLiveRisk, readiness, type RiskInput } from "./readiness";

const base: RiskInput = {
  status: "active",
  daysToGoLive: 30,
  readiness: readiness(4, 9),
  openGoLiveBlockers: 0,
  staleEvidence: 0,
};

describe("readiness", () => {
  it("is signed-off or waived required items over required items", () => {
    expect(readiness(4, 9)).toEqual({ done: 4, total: 9, percent: 44 });
    expect(readiness(9, 9)).toEqual({ done: 9, total: 9, percent: 100 });
  });

  it("is 0 of 0 for a checklist with no required items, never a division by zero", () => {
    expect(readiness(0, 0)).toEqual({ done: 0, total: 0, percent: 0 });
  });

  it("clamps inconsistent counts", () => {
    expect(readiness(12, 9).done).toBe(9);
    expect(readiness(-1, 9).done).toBe(0);
  });
});

describe("goLiveRisk", () => {
  it("is on track far from go-live with no blocker and fresh evidence", () => {
    expect(goLiveRisk(base).level).toBe("on_track");
  });

  it("is on track when every required item is waived or signed off", () => {
    const risk = goLiveRisk({ ...base, daysToGoLive: 2, readiness: readiness(9, 9) });
    expect(risk).toEqual({ level: "on_track", reasons: [expect.stringContaining("Every required item")] });
  });

  it("is at risk with an open go-live blocker, and says so", () => {
    const risk = goLiveRisk({ ...base, openGoLiveBlockers: 2 });
    expect(risk.level).toBe("at_risk");
    expect(risk.reasons).toContain("2 open go-live blockers.");
  });

  it("is at risk with stale evidence", () => {
    expect(goLiveRisk({ ...base, staleEvidence: 1 }).reasons).toContain("1 piece of evidence is stale.");
  });

  it("is at risk when go-live is within two weeks and readiness is incomplete", () => {
    const risk = goLiveRisk({ ...base, daysToGoLive: 14 });
    expect(risk.level).toBe("at_risk");
    expect(risk.reasons).toEqual(["4 of 9 required items signed off with 14 days to go-live."]);
    expect(goLiveRisk({ ...base, daysToGoLive: 15 }).level).toBe("on_track");
  });

  it("counts go-live today as at risk when not ready, and on track when ready", () => {
    expect(goLiveRisk({ ...base, daysToGoLive: 0 }).reasons).toEqual(["4 of 9 required items signed off with go-live today."]);
    expect(goLiveRisk({ ...base, daysToGoLive: 0, readiness: readiness(9, 9) }).level).toBe("on_track");
  });

  it("is late once the date has passed, listing every other reason too", () => {
    const risk = goLiveRisk({ ...base, daysToGoLive: -3, openGoLiveBlockers: 1 });
    expect(risk.level).toBe("late");
    expect(risk.reasons).toEqual(["The go-live date passed 3 days ago and it is not live.", "1 open go-live blocker."]);
  });

  it("is at risk with no go-live date, or with no required items", () => {
    expect(goLiveRisk({ ...base, daysToGoLive: null }).reasons).toEqual(["No go-live date is set."]);
    expect(goLiveRisk({ ...base, readiness: readiness(0, 0) }).reasons).toEqual(["The checklist has no required items."]);
  });

  it("is not tracked for live, paused or cancelled implementations", () => {
    for (const status of ["live", "paused", "cancelled"] as const) {
      expect(goLiveRisk({ ...base, status, daysToGoLive: -10 }).level).toBeNull();
    }
  });
});

describe("evidenceStaleness", () => {
  const now = new Date("2026-11-22T12:00:00Z");
  const day = 24 * 60 * 60 * 1000;
  const context = { now, freshnessWindowDays: 14, configurationChanges: [] };
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);

  it("is fresh inside the window and stale past it", () => {
    expect(evidenceStaleness({ observedAt: at(14), environmentId: "prod" }, context)).toEqual({ stale: false });
    expect(evidenceStaleness({ observedAt: at(14.01), environmentId: "prod" }, context)).toEqual({
      stale: true,
      reason: "older_than_window",
    });
  });

  it("is stale when a later configuration change touched its environment or all of them", () => {
    const changes = (environmentId: string | null) => ({ ...context, configurationChanges: [{ changedAt: at(2), environmentId }] });
    expect(evidenceStaleness({ observedAt: at(3), environmentId: "prod" }, changes("prod"))).toEqual({
      stale: true,
      reason: "before_configuration_change",
    });
    expect(evidenceStaleness({ observedAt: at(3), environmentId: "prod" }, changes(null)).stale).toBe(true);
    // A change in another environment, or one before the evidence, leaves it fresh.
    expect(evidenceStaleness({ observedAt: at(3), environmentId: "prod" }, changes("test")).stale).toBe(false);
    expect(evidenceStaleness({ observedAt: at(1), environmentId: "prod" }, changes("prod")).stale).toBe(false);
  });
});
