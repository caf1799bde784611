import type { GateVerdict, ImplementationStatus } from "@/lib/domain/vocabulary";

// Readiness, evidence staleness and go-live risk: pure functions, no I/O, so the portfolio,
// the implementation page and the tests all derive the same answer from the same facts.
// Risk is never typed in by anyone.

export type Readiness = { done: number; total: number; percent: number };

// Signed-off or waived required items over required items.
export function readiness(requiredDone: number, requiredTotal: number): Readiness {
  const total = Math.max(0, requiredTotal);
  const done = Math.min(Math.max(0, requiredDone), total);
  return { done, total, percent: total === 0 ? 0 : Math.floor((done / total) * 100) };
}

export type StalenessContext = {
  now: Date;
  freshnessWindowDays: number;
  // Configuration changes recorded on the implementation; a null environment means all.
  configurationChanges: { changedAt: Date; environmentId: string | null }[];
};

export type Staleness = { stale: false } | { stale: true; reason: "older_than_window" | "before_configuration_change" };

const DAY_MS = 24 * 60 * 60 * 1000;

// Evidence is stale when it is older than the freshness window, or older than a later
// configuration change that touched its environment.
export function evidenceStaleness(
  evidence: { observedAt: Date; environmentId: string },
  context: StalenessContext,
): Staleness {
  const changed = context.configurationChanges.some(
    (c) =>
      (c.environmentId === null || c.environmentId === evidence.environmentId) &&
      c.changedAt.getTime() > evidence.observedAt.getTime(),
  );
  if (changed) return { stale: true, reason: "before_configuration_change" };
  if (context.now.getTime() - evidence.observedAt.getTime() > context.freshnessWindowDays * DAY_MS) {
    return { stale: true, reason: "older_than_window" };
  }
  return { stale: false };
}

export type RiskLevel = "on_track" | "at_risk" | "late";

export type RiskInput = {
  status: ImplementationStatus;
  daysToGoLive: number | null;
  // The gate's verdict and the number of its blocking reasons and risks.
  verdict: GateVerdict;
  blocking: number;
  risks: number;
};

// A null level means risk is not tracked: the implementation is live, paused or cancelled.
export type Risk = { level: RiskLevel | null; reasons: string[] };

// How close go-live must be for a No-go to put it at risk.
export const READINESS_HORIZON_DAYS = 14;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// The portfolio's forecast: the gate's verdict seen against the time left to go-live. The only
// risk rule there is — the portfolio, its filters and its sort all read this one.
//   late:     active and the go-live date has passed;
//   at risk:  active, No-go, and go-live within the horizon (or no go-live date to plan against);
//   on track: otherwise (Go, Conditional go, or a No-go with time left to clear it).
export function goLiveRisk(input: RiskInput): Risk {
  if (input.status !== "active") {
    return { level: null, reasons: [`Risk is not tracked while the implementation is ${input.status}.`] };
  }
  const { daysToGoLive: days, verdict } = input;
  const gate =
    verdict === "go"
      ? "The gate says Go."
      : verdict === "conditional_go"
        ? `The gate says Conditional go: ${plural(input.risks, "risk")} to accept.`
        : `The gate says No-go: ${plural(input.blocking, "blocking reason")}${input.risks > 0 ? ` and ${plural(input.risks, "risk")}` : ""}.`;
  if (days !== null && days < 0) {
    return { level: "late", reasons: [`The go-live date passed ${plural(-days, "day")} ago and it is not live.`, gate] };
  }
  if (verdict === "no_go") {
    if (days === null) return { level: "at_risk", reasons: [gate, "No go-live date is set."] };
    if (days <= READINESS_HORIZON_DAYS) {
      return { level: "at_risk", reasons: [gate, days === 0 ? "Go-live is today." : `${plural(days, "day")} to go-live.`] };
    }
    return { level: "on_track", reasons: [gate, `${plural(days, "day")} to go-live: time remains to clear them.`] };
  }
  return { level: "on_track", reasons: [gate, days === null ? "No go-live date is set." : days === 0 ? "Go-live is today." : `${plural(days, "day")} to go-live.`] };
}

// The moments (UTC midnights) at which goLiveRisk's answer may change by time alone, for a
// go-live date: entering the horizon, and the day after go-live.
export function riskBoundaries(goLiveDate: string | null): Date[] {
  if (!goLiveDate) return [];
  const day = Date.parse(`${goLiveDate}T00:00:00Z`);
  return [new Date(day - READINESS_HORIZON_DAYS * DAY_MS), new Date(day + DAY_MS)];
}
