import type { Metadata } from "next";
import Link from "next/link";
import { stepSymbol } from "@/components/cutover/badges";
import { VerdictBadge } from "@/components/gate/gate-panel";
import { RiskBadge } from "@/components/readiness/risk-badge";
import { Badge } from "@/components/ui/badge";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getTimelinePlans, type TimelinePlan } from "@/lib/dal/cutover";
import { listPortfolio } from "@/lib/dal/implementations";
import { cutoverStepState, cutoverStepStateLabel, cutoverSummary, goLiveOffset, phaseStanding, phaseStandingLabel } from "@/lib/domain/cutover";
import { addDays, daysBetween, shortDay } from "@/lib/domain/forecast";
import { derivePortfolioRow, reasonCounts, type PortfolioViewRow } from "@/lib/domain/portfolio";
import { describeGoLive, formatUtc, isoDay, todayIso } from "@/lib/format/dates";
import { phaseLabel } from "@/lib/format/labels";
import { parsePortfolioQuery } from "@/lib/validation/portfolio";
import { PortfolioFilters } from "../_components/portfolio-filters";

export const metadata: Metadata = { title: "Go-live timeline" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Weeks drawn ahead of the current week.
const WEEKS = 13;

// The weeks ahead across the portfolio: one row per implementation, the time from today to its
// go-live drawn as a span in the verdict’s colour with its symbol, the go-live marker, and the
// day it would be ready at the current pace; below it the phase plan's spans and the cutover
// plan's steps (docs/cutover.md). Same rows, filters and tenant scope as the portfolio
// (listPortfolio); drawn as HTML on the server. The picture is hidden from assistive
// technology because each row also says everything in words (go-live, verdict, forecast,
// phases and cutover steps).
export default async function TimelinePage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const query = parsePortfolioQuery({ sort: "go_live", dir: "asc", ...params });
  const result = await listPortfolio(viewer, query);
  const today = todayIso();
  const rows = result.rows.map((row) => derivePortfolioRow(row, today));
  const plans = await getTimelinePlans(viewer, rows.map((row) => row.id));
  const now = new Date();
  // Monday of this week (UTC), and the weeks from there.
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const start = addDays(today, -weekday);
  const span = WEEKS * 7;
  const weeks = Array.from({ length: WEEKS }, (_, i) => addDays(start, i * 7));
  const at = (day: string) => (daysBetween(start, day) / span) * 100;

  const presets: { label: string; href: string }[] = [
    { label: "At risk, go-live within 30 days", href: "/timeline?risk=at_risk&window=30" },
    { label: "Projected late", href: "/timeline?forecast=late" },
    { label: "Overdue", href: "/timeline?window=overdue" },
  ];

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Go-live timeline</h1>
      <p className="text-sm text-slate-600">
        The next {WEEKS} weeks from {shortDay(start, today)}: each implementation’s go-live, its gate verdict and its forecast at the current pace.
      </p>
      <nav aria-label="Quick filters" className="mt-3">
        <ul className="flex flex-wrap gap-2 text-sm">
          {presets.map((p) => (
            <li key={p.href}>
              <Link href={p.href} className="rounded-full border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-50">
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <PortfolioFilters query={query} customers={result.customers} basePath="/timeline" offerMine={viewer.organizationKind === "vendor"} />
      <p className="mt-3 text-sm text-slate-600" aria-live="polite">
        {result.matching === result.total ? `${result.total} implementations` : `${result.matching} of ${result.total} implementations`}
      </p>

      {rows.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No implementation matches this filter.</p>
      ) : (
        <div className="mt-3 rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full table-fixed text-sm">
            <caption className="sr-only">Go-live timeline: go-live date, gate verdict and forecast of each implementation</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="w-full px-3 py-2 md:w-72">
                  Implementation
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  <span className="sr-only">Weeks ahead</span>
                  <div className="relative h-4" aria-hidden="true">
                    {weeks.map((w, i) =>
                      i % 2 === 0 ? (
                        <span key={w} className="absolute text-[0.65rem] font-normal normal-case" style={{ left: `${at(w)}%` }}>
                          {shortDay(w, today)}
                        </span>
                      ) : null,
                    )}
                  </div>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <TimelineRow key={row.id} row={row} plan={plans[row.id] ?? { phases: [], steps: [] }} now={now} today={today} start={start} span={span} weeks={weeks} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Legend />
    </>
  );
}

const verdictFill = { go: "bg-emerald-200 border-emerald-700", conditional_go: "bg-amber-200 border-amber-700", no_go: "bg-rose-200 border-rose-700" } as const;
const verdictSymbol = { go: "✓", conditional_go: "!", no_go: "✕" } as const;

const phaseFill = {
  assessment: "bg-slate-100 border-slate-500",
  pilot: "bg-sky-100 border-sky-700",
  expansion: "bg-indigo-100 border-indigo-700",
  operationalization: "bg-teal-100 border-teal-700",
} as const;
const phaseSymbol = { exit_met: "✓ ", overdue: "! ", current: "▶ ", planned: "", not_planned: "" } as const;
const stepTone = { done: "border-emerald-700 bg-emerald-100", overdue: "border-rose-700 bg-rose-100", open: "border-slate-600 bg-white" } as const;

function TimelineRow({
  row,
  plan,
  now,
  today,
  start,
  span,
  weeks,
}: {
  row: PortfolioViewRow;
  plan: TimelinePlan;
  now: Date;
  today: string;
  start: string;
  span: number;
  weeks: string[];
}) {
  const clamp = (n: number) => Math.max(0, Math.min(100, n));
  const at = (day: string) => (daysBetween(start, day) / span) * 100;
  const goLive = row.goLiveDate;
  const goLiveText = goLive && row.daysToGoLive !== null ? describeGoLive(row.daysToGoLive, row.status) : null;
  const from = clamp(at(today));
  const to = goLive ? clamp(at(goLive)) : from;
  const ready = row.forecastReadyOn;
  return (
    <tr className="align-top" data-testid="timeline-row">
      <td className="px-3 py-2">
        <Link href={`/implementations/${row.id}`} className="font-medium text-sky-800 hover:underline">
          {row.name}
        </Link>
        <div className="text-xs text-slate-600">
          {row.customerName} · {phaseLabel[row.phase]}
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-1 text-xs">
          <span>
            Go-live: {goLive && goLiveText ? <><time dateTime={goLive}>{shortDay(goLive, today)}</time> ({goLiveText.text})</> : "not set"}
          </span>
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-1">
          <Link href={`/implementations/${row.id}#gate-heading`} className="hover:underline">
            <span className="sr-only">Gate of {row.name}: </span>
            <VerdictBadge verdict={row.verdict} />
            <span className="sr-only">, {reasonCounts(row)}. Show the reasons</span>
          </Link>
          <RiskBadge risk={row.forecast} />
          {row.projectedLate ? (
            <Badge tone="bad" wrap>
              <span aria-hidden="true">◷</span>
              {ready ? `Projected late: ready ${shortDay(ready, today)}` : "Projected late: no recent progress"}
            </Badge>
          ) : ready ? (
            <span className="text-xs text-slate-600">Ready at this pace: {shortDay(ready, today)}</span>
          ) : null}
        </div>
        <PlanText row={row} plan={plan} now={now} today={today} />
      </td>
      <td className="hidden px-3 py-2 md:table-cell">
        <div className="relative mt-3 h-6" aria-hidden="true" data-chart="timeline">
          {weeks.map((w) => (
            <span key={w} className="absolute top-0 h-full border-l border-slate-100" style={{ left: `${at(w)}%` }} />
          ))}
          {goLive && to > from ? (
            <span
              className={`absolute top-1 flex h-4 items-center overflow-hidden rounded-sm border px-1 text-[0.65rem] ${verdictFill[row.verdict]}`}
              style={{ left: `${from}%`, width: `${to - from}%` }}
            >
              {verdictSymbol[row.verdict]} {phaseLabel[row.phase]}
            </span>
          ) : null}
          {goLive && at(goLive) >= 0 && at(goLive) <= 100 ? (
            <span className="absolute -top-1 -ml-1.5 text-sm text-slate-900" style={{ left: `${at(goLive)}%` }} title={`Go-live ${goLive}`}>
              ◆
            </span>
          ) : null}
          {goLive && at(goLive) < 0 ? <span className="absolute left-0 top-1 text-[0.65rem] text-rose-800">◀ go-live passed</span> : null}
          {ready && at(ready) >= 0 && at(ready) <= 100 ? (
            <span className="absolute top-3 -ml-1.5 text-sm text-sky-800" style={{ left: `${at(ready)}%` }} title={`Ready at this pace ${ready}`}>
              ◇
            </span>
          ) : null}
          <span className="absolute top-0 h-full border-l-2 border-slate-500" style={{ left: `${from}%` }} title="Today" />
        </div>
        <PlanLanes row={row} plan={plan} now={now} today={today} at={at} />
      </td>
    </tr>
  );
}

// The phase plan and the cutover plan of one row in words: the picture's equivalent.
function PlanText({ row, plan, now, today }: { row: PortfolioViewRow; plan: TimelinePlan; now: Date; today: string }) {
  if (plan.phases.length === 0 && plan.steps.length === 0) return null;
  const summary = cutoverSummary(plan.steps, now);
  return (
    <div className="mt-1 text-xs text-slate-700">
      {summary.total > 0 ? (
        <p>
          Cutover: {summary.done} of {summary.total} steps done{summary.overdue > 0 ? `, ${summary.overdue} overdue` : ""}
          {summary.next ? `; next: ${summary.next.title}, ${shortDay(isoDay(summary.next.dueAt), today)}` : ""}
        </p>
      ) : null}
      <details className="mt-1">
        <summary className="cursor-pointer text-sky-800">
          Phases and cutover steps<span className="sr-only"> of {row.name}</span>
        </summary>
        {plan.phases.length > 0 ? (
          <ul aria-label={`Phases of ${row.name}`} className="mt-1 space-y-0.5">
            {plan.phases.map((p) => (
              <li key={p.phase}>
                {phaseLabel[p.phase]}: {p.plannedStart ? shortDay(p.plannedStart, today) : "start not set"} – {p.plannedEnd ? shortDay(p.plannedEnd, today) : "end not set"} ·{" "}
                {phaseStandingLabel[phaseStanding(p, row.phase, today)]}
              </li>
            ))}
          </ul>
        ) : null}
        {plan.steps.length > 0 ? (
          <ul aria-label={`Cutover steps of ${row.name}`} className="mt-1 space-y-0.5">
            {plan.steps.map((s) => {
              const offset = goLiveOffset(s.dueAt, row.goLiveDate);
              return (
                <li key={s.id}>
                  <span aria-hidden="true">{stepSymbol[cutoverStepState(s, now)]} </span>
                  {s.title} — {formatUtc(s.dueAt)}
                  {offset ? ` (${offset.short})` : ""} · {s.ownerName} · {cutoverStepStateLabel[cutoverStepState(s, now)]}
                </li>
              );
            })}
          </ul>
        ) : null}
        <Link href={`/implementations/${row.id}/cutover`} className="mt-1 inline-block text-sky-800 hover:underline">
          Cutover plan<span className="sr-only"> of {row.name}</span>
        </Link>
      </details>
    </div>
  );
}

// The picture's second and third lanes: each dated phase as a span, each cutover step as a marker.
function PlanLanes({ row, plan, now, today, at }: { row: PortfolioViewRow; plan: TimelinePlan; now: Date; today: string; at: (day: string) => number }) {
  const dated = plan.phases.filter((p) => p.plannedStart && p.plannedEnd);
  if (dated.length === 0 && plan.steps.length === 0) return null;
  const clamp = (n: number) => Math.max(0, Math.min(100, n));
  return (
    <div aria-hidden="true" data-chart="timeline-plan">
      {dated.length > 0 ? (
        <div className="relative mt-1 h-5">
          {dated.map((p) => {
            const left = clamp(at(p.plannedStart!));
            const right = clamp(at(addDays(p.plannedEnd!, 1)));
            if (right <= left) return null;
            const standing = phaseStanding(p, row.phase, today);
            return (
              <span
                key={p.phase}
                className={`absolute top-0.5 flex h-4 items-center overflow-hidden whitespace-nowrap rounded-sm border px-1 text-[0.65rem] ${phaseFill[p.phase]} ${standing === "current" ? "border-2" : ""}`}
                style={{ left: `${left}%`, width: `${right - left}%` }}
                title={`${phaseLabel[p.phase]} ${p.plannedStart} – ${p.plannedEnd}: ${phaseStandingLabel[standing]}`}
              >
                {phaseSymbol[standing]}
                {phaseLabel[p.phase]}
              </span>
            );
          })}
        </div>
      ) : null}
      {plan.steps.length > 0 ? (
        <div className="relative mt-1 h-5">
          {plan.steps.map((s) => {
            const day = isoDay(s.dueAt);
            const x = at(day) + (s.dueAt.getUTCHours() / 24) * (at(addDays(day, 1)) - at(day));
            if (x < 0 || x > 100) return null;
            const state = cutoverStepState(s, now);
            return (
              <span
                key={s.id}
                className={`absolute top-0.5 -ml-2 flex h-4 w-4 items-center justify-center rounded-full border text-[0.6rem] font-bold ${stepTone[state]}`}
                style={{ left: `${x}%` }}
                title={`${s.title}, ${formatUtc(s.dueAt)}: ${cutoverStepStateLabel[state]}`}
              >
                {stepSymbol[state]}
              </span>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

function Legend() {
  return (
    <ul aria-label="Timeline legend" className="mt-3 hidden flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 md:flex">
      <li>◆ go-live</li>
      <li>◇ ready at the current pace</li>
      <li>│ today</li>
      <li>Span from today to go-live in the verdict’s colour: ✓ Go, ! Conditional go, ✕ No-go</li>
      <li>Below it, the planned phases (▶ current, ✓ exit criteria met, ! past its end without them)</li>
      <li>and the cutover steps: ✓ done, ! overdue, ○ not done</li>
    </ul>
  );
}

