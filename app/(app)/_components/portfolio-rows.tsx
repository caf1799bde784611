"use client";

import Link from "next/link";
import { VerdictWordBadge } from "@/components/gate/verdict-badge";
import { GoLiveWhen, goLiveLine } from "@/components/implementation/go-live-when";
import { CompactReadinessBar } from "@/components/readiness/readiness-bar";
import { RiskBadge } from "@/components/readiness/risk-badge";
import { Badge } from "@/components/ui/badge";
import { CardFacts } from "@/components/ui/facts";
import type { BarStanding } from "@/lib/domain/forecast";
import type { Risk } from "@/lib/domain/readiness";
import type { GateVerdict, ImplementationStatus } from "@/lib/domain/vocabulary";

// The portfolio's rows, rendered from plain facts. A client module on purpose: the page sends
// each row once as data (about 1 KB) instead of as an element tree twice over (table and phone
// cards), which was most of the portfolio's cost per request (BENCHMARKS.md). Words are worked
// out on the server (app/(app)/page.tsx), so the browser takes no label tables or date rules.
export type PortfolioDisplayRow = {
  id: string;
  name: string;
  customerName: string;
  // "Epic · Build": EHR and phase, under the name.
  context: string;
  status: ImplementationStatus;
  // Shown when not active: "Live", "On hold"…
  statusLabel: string | null;
  goLiveDate: string | null;
  daysToGoLive: number | null;
  percent: number;
  requiredDone: number;
  required: number;
  requiredByStatus: Record<BarStanding, number>;
  // "Projected late: ready 14 Jan", or null when not projected late.
  projectedLate: string | null;
  verdict: GateVerdict;
  verdictLabel: string;
  // "3 blocking · 2 risks"
  reasons: string;
  risk: Risk;
  goLiveBlockers: number;
  staleEvidence: number;
  permissionDrift: number;
  openHypercareAlerts: number;
  changesSinceMonday: number | null;
  // Every item by status, the non-empty ones, labelled: [["In progress", 6], …].
  itemsByStatus: [string, number][];
};

type Context = { monday: string; vendor: boolean };

export function PortfolioTableRows({ rows, monday, vendor }: { rows: PortfolioDisplayRow[] } & Context) {
  return rows.map((row) => (
    <tr key={row.id} className="align-top">
      <td className="px-3 py-3">
        <Link href={`/implementations/${row.id}`} className="font-medium text-sky-800 hover:underline">
          {row.name}
        </Link>
        <div className="text-slate-600">{row.customerName}</div>
        {/* EHR and phase sit under the name, so every column fits a laptop screen. */}
        <div className="text-xs text-slate-600">{row.context}</div>
        {row.statusLabel ? (
          <div className="mt-1">
            <Badge>{row.statusLabel}</Badge>
          </div>
        ) : null}
        <ChangesSinceMonday row={row} monday={monday} />
      </td>
      <td className="px-3 py-3 whitespace-nowrap">
        <GoLiveWhen date={row.goLiveDate} days={row.daysToGoLive} status={row.status} />
      </td>
      <td className="min-w-40 px-3 py-3">
        <span className="font-medium">{row.percent}%</span>{" "}
        <span className="text-slate-600">{`${row.requiredDone} / ${row.required} required`}</span>
        <CompactReadinessBar byStatus={row.requiredByStatus} label={`Required items of ${row.name} by status`} />
        <ProjectedLate row={row} />
      </td>
      <td className="px-3 py-3">
        <Link href={`/implementations/${row.id}`} className="block hover:underline">
          <span className="sr-only">Gate: </span>
          <VerdictWordBadge verdict={row.verdict} label={row.verdictLabel} />
          <span className="sr-only">, </span>
          <div className="mt-1 whitespace-nowrap text-xs text-slate-600">{row.reasons}</div>
        </Link>
        <HypercareAlerts row={row} vendor={vendor} />
      </td>
      <td className="px-3 py-3">
        <RiskBadge risk={row.risk} />
      </td>
      <td className="px-3 py-3">
        {row.goLiveBlockers > 0 ? (
          <Badge tone="bad">
            <span aria-hidden="true">✕</span>
            {`${row.goLiveBlockers} open`}
          </Badge>
        ) : (
          <span className="text-slate-600">None</span>
        )}
      </td>
      <td className="px-3 py-3">
        {row.staleEvidence > 0 ? (
          <Badge tone="warn">
            <span aria-hidden="true">◔</span>
            {`${row.staleEvidence} stale`}
          </Badge>
        ) : (
          <span className="text-slate-600">None</span>
        )}
      </td>
      <td className="px-3 py-3">
        {row.permissionDrift > 0 ? (
          <Link href={`/implementations/${row.id}/permissions`} className="hover:underline">
            <Badge tone="bad" wrap>
              <span aria-hidden="true">⚠</span>
              {`${row.permissionDrift} unproven in production`}
            </Badge>
          </Link>
        ) : (
          <span className="text-slate-600">None</span>
        )}
      </td>
      <td className="hidden px-3 py-3 2xl:table-cell">
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
          {row.itemsByStatus.map(([label, n]) => (
            <li key={label}>
              {`${label}: `}
              <span className="font-semibold">{n}</span>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  ));
}

// On a phone the table becomes a list of cards with the same facts, most important first.
export function PortfolioCards({ rows, monday, vendor }: { rows: PortfolioDisplayRow[] } & Context) {
  return (
    <ul className="mt-4 space-y-3 md:hidden" aria-label="Implementations">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <Link href={`/implementations/${row.id}`} className="font-medium text-sky-800 hover:underline">
                {row.name}
              </Link>
              <div className="text-slate-600">{`${row.customerName} · ${row.context}`}</div>
            </div>
            {row.statusLabel ? <Badge>{row.statusLabel}</Badge> : null}
          </div>
          <ChangesSinceMonday row={row} monday={monday} />
          <CardFacts
            facts={[
              {
                label: "Gate",
                value: (
                  <>
                    <VerdictWordBadge verdict={row.verdict} label={row.verdictLabel} />
                    <div className="text-xs text-slate-600">{row.reasons}</div>
                  </>
                ),
              },
              { label: "Risk", value: <RiskBadge risk={row.risk} /> },
              { label: "Go-live", value: goLiveLine(row.goLiveDate, row.daysToGoLive, row.status) },
              {
                label: "Readiness",
                value: (
                  <>
                    {`${row.percent}% (${row.requiredDone} / ${row.required} required)`}
                    <CompactReadinessBar byStatus={row.requiredByStatus} label={`Required items of ${row.name} by status`} />
                    <ProjectedLate row={row} />
                  </>
                ),
              },
              { label: "Go-live blockers", value: row.goLiveBlockers > 0 ? `${row.goLiveBlockers} open` : "None" },
              row.openHypercareAlerts > 0 && { label: "Hypercare alerts", value: <HypercareAlerts row={row} vendor={vendor} /> },
              { label: "Stale evidence", value: row.staleEvidence > 0 ? `${row.staleEvidence} stale` : "None" },
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

// Open alerts of the silent-failure watch (docs/hypercare.md): post-live blockers once live.
// Vendor staff go to the blockers view to acknowledge them; customer IT to the interfaces.
function HypercareAlerts({ row, vendor }: { row: PortfolioDisplayRow; vendor: boolean }) {
  if (row.openHypercareAlerts === 0) return null;
  const n = row.openHypercareAlerts;
  const what = row.status === "live" ? `post-live hypercare alert${n === 1 ? "" : "s"}` : `hypercare alert${n === 1 ? "" : "s"}`;
  return (
    <Link href={vendor ? "/blockers#hypercare-alerts" : `/implementations/${row.id}/interfaces`} className="mt-1 block hover:underline">
      <Badge tone={row.status === "live" ? "bad" : "warn"} wrap>
        <span aria-hidden="true">⚡</span>
        {`${n} open ${what}`}
      </Badge>
    </Link>
  );
}

// The forecast at the current pace, flagged when it misses go-live (symbol and words, not colour).
function ProjectedLate({ row }: { row: PortfolioDisplayRow }) {
  if (!row.projectedLate) return null;
  return (
    <Link href={`/implementations/${row.id}#readiness-over-time`} className="mt-1 block hover:underline">
      <Badge tone="bad" wrap>
        <span aria-hidden="true">◷</span>
        {row.projectedLate}
      </Badge>
    </Link>
  );
}

// Asked "what changed since Monday": how much, with the activity trail since then one click away.
function ChangesSinceMonday({ row, monday }: { row: PortfolioDisplayRow; monday: string }) {
  if (row.changesSinceMonday === null) return null;
  const n = row.changesSinceMonday;
  return (
    <Link href={`/implementations/${row.id}/activity?since=${monday}`} className="mt-1 block text-sm font-medium text-sky-800 hover:underline">
      {`${n} change${n === 1 ? "" : "s"} since Monday`}
      <span className="sr-only">{` on ${row.name}`}</span>
    </Link>
  );
}
