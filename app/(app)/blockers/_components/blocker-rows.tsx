"use client";

import Link from "next/link";
import { GoLiveWhen, goLiveLine } from "@/components/implementation/go-live-when";
import { TicketLink } from "@/components/tickets/ticket-link";
import { Badge } from "@/components/ui/badge";
import { CardFacts } from "@/components/ui/facts";
import type { BlockerRow } from "@/lib/dal/blockers";
import { ResolveBlockerForm } from "./resolve-blocker-form";

// The blockers list's rows, rendered from plain facts. A client module for the same reason as
// the portfolio's rows (app/(app)/_components/portfolio-rows.tsx): the page sends each row once
// as data instead of as an element tree twice over (table and phone cards), which was half of
// the page's bytes and much of its render time (BENCHMARKS.md).
export type BlockerDisplayRow = Omit<BlockerRow, "customerId" | "ownerId"> & {
  // "Go-live blocker" / "Post-live blocker", worked out on the server.
  severityText: string;
};

const blockedFor = (days: number) => (days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"}`);

function SeverityBadge({ row }: { row: BlockerDisplayRow }) {
  return (
    <Badge tone={row.severity === "go_live" ? "bad" : "warn"}>
      <span aria-hidden="true">{row.severity === "go_live" ? "✕" : "!"}</span>
      {row.severityText}
    </Badge>
  );
}

export function BlockerTableRows({ rows, mayResolve }: { rows: BlockerDisplayRow[]; mayResolve: boolean }) {
  return rows.map((row) => (
    <tr key={row.itemId} className="align-top">
      <td className="px-3 py-3">
        <Link href={`/implementations/${row.implementationId}/items/${row.itemId}`} className="font-medium text-sky-800 hover:underline">
          {row.itemTitle}
        </Link>
        <div className="text-slate-600">
          <Link href={`/implementations/${row.implementationId}`} className="hover:underline">
            {row.implementationName}
          </Link>
          {` · ${row.customerName}`}
        </div>
      </td>
      <td className="px-3 py-3">
        <SeverityBadge row={row} />
      </td>
      <td className="max-w-xs px-3 py-3 break-words">{row.reason}</td>
      <td className="px-3 py-3">{row.ownerName ?? <span className="text-slate-500">Unassigned</span>}</td>
      <td className="px-3 py-3 whitespace-nowrap">
        <time dateTime={row.blockedSince}>{row.blockedSince}</time>
        <div className={row.daysBlocked >= 7 ? "font-medium text-rose-800" : "text-slate-600"}>{blockedFor(row.daysBlocked)}</div>
      </td>
      <td className="px-3 py-3 whitespace-nowrap">
        <GoLiveWhen date={row.goLiveDate} days={row.daysToGoLive} status={row.implementationStatus} soonDays={7} />
      </td>
      <td className="px-3 py-3">
        <TicketLink url={row.ticketUrl} />
      </td>
      {mayResolve ? (
        <td className="px-3 py-3">
          <ResolveBlockerForm key={row.itemVersion} itemId={row.itemId} version={row.itemVersion} itemTitle={row.itemTitle} />
        </td>
      ) : null}
    </tr>
  ));
}

// On a phone each blocker is a card: what, why, since when, and the go-live it holds up.
export function BlockerCards({ rows, mayResolve }: { rows: BlockerDisplayRow[]; mayResolve: boolean }) {
  return (
    <ul className="mt-4 space-y-3 lg:hidden" aria-label="Open blockers">
      {rows.map((row) => (
        <li key={row.itemId} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <Link href={`/implementations/${row.implementationId}/items/${row.itemId}`} className="font-medium text-sky-800 hover:underline">
                {row.itemTitle}
              </Link>
              <div className="text-slate-600">{`${row.implementationName} · ${row.customerName}`}</div>
            </div>
            <SeverityBadge row={row} />
          </div>
          <p className="mt-2 break-words">{row.reason}</p>
          <CardFacts
            facts={[
              {
                label: "Blocked since",
                value: `${row.blockedSince} (${blockedFor(row.daysBlocked)})`,
                className: row.daysBlocked >= 7 ? "font-medium text-rose-800" : undefined,
              },
              { label: "Go-live", value: goLiveLine(row.goLiveDate, row.daysToGoLive, row.implementationStatus) },
              { label: "Owner", value: row.ownerName ?? "Unassigned" },
              { label: "Ticket", value: <TicketLink url={row.ticketUrl} />, className: "min-w-0 break-words" },
            ]}
          />
          {mayResolve ? (
            <div className="mt-3">
              <ResolveBlockerForm key={row.itemVersion} itemId={row.itemId} version={row.itemVersion} itemTitle={row.itemTitle} layout="card" />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
