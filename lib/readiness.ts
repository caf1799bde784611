import type { ImplementationStatus } from "@/lib/vocabulary";

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
  readiness: Readiness;
  openGoLiveBlockers: number;
  staleEvidence: number;
};

// A null level means risk is not tracked: the implementation is live, paused or cancelled.
export type Risk = { level: RiskLevel | null; reasons: string[] };

// How close go-live must be for incomplete readiness alone to put it at risk.
export const READINESS_HORIZON_DAYS = 14;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function goLiveRisk(input: RiskInput): Risk {
  if (input.status !== "active") {
    return { level: null, reasons: [`Risk is not tracked while the implementation is ${input.status}.`] };
  }
  const reasons: string[] = [];
  const { daysToGoLive, readiness: r } = input;
  const ready = r.total > 0 && r.done === r.total;
  const late = daysToGoLive !== null && daysToGoLive < 0;

  if (late) reasons.push(`The go-live date passed ${plural(-daysToGoLive, "day")} ago and it is not live.`);
  if (input.openGoLiveBlockers > 0) reasons.push(`${plural(input.openGoLiveBlockers, "open go-live blocker")}.`);
  if (input.staleEvidence > 0) {
    reasons.push(`${plural(input.staleEvidence, "piece")} of evidence ${input.staleEvidence === 1 ? "is" : "are"} stale.`);
  }
  if (daysToGoLive === null) reasons.push("No go-live date is set.");
  if (r.total === 0) reasons.push("The checklist has no required items.");
  else if (!ready && daysToGoLive !== null && daysToGoLive >= 0 && daysToGoLive <= READINESS_HORIZON_DAYS) {
    reasons.push(
      `${r.done} of ${r.total} required items signed off with ${daysToGoLive === 0 ? "go-live today" : `${plural(daysToGoLive, "day")} to go-live`}.`,
    );
  }

  if (late) return { level: "late", reasons };
  if (reasons.length > 0) return { level: "at_risk", reasons };
  return {
    level: "on_track",
    reasons: [
      ready
        ? "Every required item is signed off or waived; no open go-live blocker or stale evidence."
        : `${r.done} of ${r.total} required items signed off, ${plural(daysToGoLive ?? 0, "day")} to go-live; no open go-live blocker or stale evidence.`,
    ],
  };
}
