import { describe, expect, it } from "vitest";
import { evidenceStaleness, goLiveRisk, readiness, riskBoundaries, type RiskInput } from "./readiness";

const base: RiskInput = { status: "active", daysToGoLive: 30, verdict: "no_go", blocking: 2, risks: 1 };

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
  // The forecast is the gate's verdict seen against the time left: one rule, no second opinion.
  it("is on track for a Go or a Conditional go, saying what the gate says", () => {
    expect(goLiveRisk({ ...base, verdict: "go", blocking: 0, risks: 0 })).toEqual({ level: "on_track", reasons: ["The gate says Go.", "30 days to go-live."] });
    expect(goLiveRisk({ ...base, daysToGoLive: 3, verdict: "conditional_go", blocking: 0, risks: 2 }).level).toBe("on_track");
  });

  it("is on track for a No-go with more than two weeks left, and says time remains", () => {
    const risk = goLiveRisk({ ...base, daysToGoLive: 75, blocking: 11 });
    expect(risk).toEqual({ level: "on_track", reasons: ["The gate says No-go: 11 blocking reasons and 1 risk.", "75 days to go-live: time remains to clear them."] });
  });

  it("is at risk for a No-go within two weeks of go-live, go-live day included", () => {
    expect(goLiveRisk({ ...base, daysToGoLive: 14 }).level).toBe("at_risk");
    expect(goLiveRisk({ ...base, daysToGoLive: 15 }).level).toBe("on_track");
    expect(goLiveRisk({ ...base, daysToGoLive: 0 })).toEqual({ level: "at_risk", reasons: ["The gate says No-go: 2 blocking reasons and 1 risk.", "Go-live is today."] });
  });

  it("is at risk for a No-go with no go-live date to plan against", () => {
    expect(goLiveRisk({ ...base, daysToGoLive: null }).reasons).toContain("No go-live date is set.");
    expect(goLiveRisk({ ...base, daysToGoLive: null }).level).toBe("at_risk");
  });

  it("is late once the date has passed and it is not live, whatever the verdict", () => {
    const risk = goLiveRisk({ ...base, daysToGoLive: -2, verdict: "go", blocking: 0, risks: 0 });
    expect(risk).toEqual({ level: "late", reasons: ["The go-live date passed 2 days ago and it is not live.", "The gate says Go."] });
  });

  it("is not tracked for live, paused or cancelled implementations", () => {
    for (const status of ["live", "paused", "cancelled"] as const) {
      expect(goLiveRisk({ ...base, status }).level).toBeNull();
    }
  });

  it("changes by time alone only at the boundaries riskBoundaries names", () => {
    expect(riskBoundaries("2026-12-31")).toEqual([new Date("2026-12-17T00:00:00Z"), new Date("2027-01-01T00:00:00Z")]);
    expect(riskBoundaries(null)).toEqual([]);
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
