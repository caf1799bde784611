import { forecastReadiness, requiredByStanding, requiredDoneDays, type BarStanding } from "@/lib/domain/forecast";
import { evaluateGate, gateUntil, type Gate, type GateInput } from "@/lib/domain/gate-rules";
import { evidenceStaleness, goLiveRisk, readiness, riskBoundaries, type Risk } from "@/lib/domain/readiness";
import { itemStatuses, type EnvironmentKind, type ItemStatus, type Role, type ScenarioResult } from "@/lib/domain/vocabulary";
import { daysUntil, todayIso } from "@/lib/format/dates";
import { rowDrift, type MatrixRow } from "@/lib/registers/drift";

// The readiness summary of one implementation (docs/gate.md): what the portfolio and the
// navigation show, derived from the same facts as the gate, at a moment `now`, with the moment
// `until` after which it must be derived again. Pure, so the maintained summary and a rebuild
// from scratch are the same function.

export type SummaryInput = {
  gate: GateInput;
  goLiveDate: string | null;
  // The implementation's first day: the start of its readiness history.
  startedOn?: string;
  // Every permission row with its cells in every environment.
  matrix: MatrixRow[];
  // Every scenario of every test patient, with its environment.
  scenarios: { environmentKind: EnvironmentKind; result: ScenarioResult }[];
};

export type ReadinessSummary = {
  verdict: Gate["verdict"];
  blockingReasons: number;
  riskReasons: number;
  risk: NonNullable<Risk["level"]> | "not_tracked";
  riskExplanation: string[];
  requiredItems: number;
  requiredDone: number;
  readinessPercent: number;
  itemsTotal: number;
  itemsByStatus: Record<ItemStatus, number>;
  requiredByStatus: Record<BarStanding, number>;
  waitingByRole: Partial<Record<Role, number>>;
  forecastReadyOn: string | null;
  projectedLate: boolean;
  openGoLiveBlockers: number;
  openPostLiveBlockers: number;
  openHypercareAlerts: number;
  staleEvidence: number;
  permissionDrift: number;
  productionUnverified: number;
  scenariosFailing: number;
  scenariosNotRun: number;
  until: Date | null;
};

// Stale evidence counts only the latest evidence of each kind for each item and environment:
// older evidence that was since repeated is history, not a gap.
export function staleLatestEvidence(input: GateInput): number {
  const staleness = {
    now: input.now,
    freshnessWindowDays: input.freshnessWindowDays,
    configurationChanges: (input.configurationChanges ?? []).map((c) => ({ changedAt: c.changedAt, environmentId: c.environment })),
  };
  let stale = 0;
  for (const item of input.items) {
    const latest = new Map<string, Date>();
    for (const e of item.evidence ?? []) {
      const key = `${e.environment}:${e.kind}`;
      const seen = latest.get(key);
      if (!seen || seen < e.observedAt) latest.set(key, e.observedAt);
    }
    for (const [key, observedAt] of latest) {
      const environment = key.split(":")[0]!;
      if (evidenceStaleness({ observedAt, environmentId: environment }, staleness).stale) stale++;
    }
  }
  return stale;
}

// Per role, the items ready for sign-off that no one in that role has signed at their current
// version (an approval or a rejection both answer it): what "Sign-offs waiting on me" lists.
export function waitingByRole(items: GateInput["items"]): Partial<Record<Role, number>> {
  const waiting: Partial<Record<Role, number>> = {};
  for (const item of items) {
    if (item.status !== "ready_for_signoff") continue;
    for (const role of item.requiredSignOffRoles) {
      if (item.signOffs.some((s) => s.role === role && s.itemVersion === item.version)) continue;
      waiting[role] = (waiting[role] ?? 0) + 1;
    }
  }
  return waiting;
}

export function summarize(input: SummaryInput): { gate: Gate; summary: ReadinessSummary } {
  const gate = evaluateGate(input.gate);
  const { now, status } = input.gate;
  const blocking = gate.reasons.filter((r) => r.severity === "blocking").length;
  const risks = gate.reasons.length - blocking;
  const risk = goLiveRisk({
    status,
    daysToGoLive: input.goLiveDate ? daysUntil(input.goLiveDate, todayIso(now)) : null,
    verdict: gate.verdict,
    blocking,
    risks,
  });
  const items = input.gate.items;
  const byStatus = Object.fromEntries(itemStatuses.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<ItemStatus, number>;
  const requiredByStatus = requiredByStanding(input.gate);
  // The forecast at the current pace. Only an active implementation can be projected late; its
  // pace window slides every day, so the summary is due again at the next midnight.
  const today = todayIso(now);
  const forecast =
    status === "active"
      ? forecastReadiness({ doneDays: requiredDoneDays(input.gate), required: gate.requiredItems, today, goLiveDate: input.goLiveDate, start: input.startedOn })
      : null;
  const forecastMoves = forecast !== null && (forecast.kind === "projected" || forecast.kind === "no_pace");
  const production = input.scenarios.filter((s) => s.environmentKind === "production");
  const ready = readiness(gate.requiredItemsDone, gate.requiredItems);
  return {
    gate,
    summary: {
      verdict: gate.verdict,
      blockingReasons: blocking,
      riskReasons: risks,
      risk: risk.level ?? "not_tracked",
      riskExplanation: risk.reasons,
      requiredItems: gate.requiredItems,
      requiredDone: gate.requiredItemsDone,
      readinessPercent: ready.percent,
      itemsTotal: items.length,
      itemsByStatus: byStatus,
      requiredByStatus,
      waitingByRole: waitingByRole(items),
      forecastReadyOn: forecast?.kind === "projected" ? forecast.readyOn : null,
      projectedLate: forecast?.late ?? false,
      openGoLiveBlockers: items.filter((i) => i.blocker?.severity === "go_live").length,
      openPostLiveBlockers: items.filter((i) => i.blocker?.severity === "post_live").length,
      openHypercareAlerts: (input.gate.hypercareAlerts ?? []).length,
      staleEvidence: staleLatestEvidence(input.gate),
      permissionDrift: input.matrix.filter((row) => rowDrift(row) !== null).length,
      productionUnverified: input.matrix.filter(
        (row) => row.required && (row.cells.find((c) => c.environmentKind === "production")?.result ?? "unverified") === "unverified",
      ).length,
      scenariosFailing: production.filter((s) => s.result === "fail").length,
      scenariosNotRun: production.filter((s) => s.result === "not_run").length,
      // The gate's own moments, and the days the forecast turns at risk or late.
      until: gateUntil(input.gate, [...riskBoundaries(input.goLiveDate), forecastMoves ? new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000) : null]),
    },
  };
}
