import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ItemStatusBadge } from "@/components/ui/item-status-badge";
import { requireViewer } from "@/lib/auth/session-viewer";
import { searchEverything } from "@/lib/dal/search";
import { implementationStatusLabel, severityLabel } from "@/lib/format/labels";
import { parseSearchQuery, SEARCH_MAX_LENGTH } from "@/lib/validation/search";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// One search over what the viewer may see (lib/dal/search.ts): implementations, checklist
// items and open blockers, best matches first. A plain GET form: the URL keeps the query.
export default async function SearchPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const { q } = parseSearchQuery(await searchParams);
  const found = await searchEverything(viewer, q);
  const total = found.implementations.length + found.items.length + found.blockers.length;

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
      <p className="text-sm text-slate-600">
        Implementations, checklist items and open blockers you may see. Quotes find a phrase; a minus sign leaves a word out.
      </p>
      <form method="get" aria-label="Search again" className="mt-4 flex max-w-xl flex-wrap items-end gap-2 text-sm">
        <label className="min-w-0 flex-1">
          <span className="font-medium text-slate-700">Words</span>
          <input type="search" name="q" defaultValue={q} maxLength={SEARCH_MAX_LENGTH} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2" />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-2 font-semibold text-white hover:bg-slate-700">
          Search
        </button>
      </form>

      {q ? (
        <p className="mt-4 text-sm text-slate-700" role="status">
          {total === 0 ? `Nothing found for “${q}”.` : `${total} result${total === 1 ? "" : "s"} for “${q}”.`}
        </p>
      ) : null}

      <ResultSection id="found-implementations" title="Implementations" rows={found.implementations} rowKey={(r) => r.id}>
        {(r) => (
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/implementations/${r.id}`} className="font-medium text-sky-800 hover:underline">
              {r.name}
            </Link>
            <span className="text-slate-600">{r.customerName}</span>
            {r.status !== "active" ? <Badge>{implementationStatusLabel[r.status]}</Badge> : null}
            <span className="text-slate-600">Go-live: {r.goLiveDate ?? "not set"}</span>
          </div>
        )}
      </ResultSection>

      <ResultSection id="found-items" title="Checklist items" rows={found.items} rowKey={(r) => r.id}>
        {(r) => (
          <ItemResult implementationId={r.implementationId} itemId={r.id} title={r.title} where={`${r.implementationName} · ${r.customerName}`} badge={<ItemStatusBadge status={r.status} />}>
            {r.snippet.trim() ? <p className="mt-1 break-words text-slate-700">{r.snippet}</p> : null}
          </ItemResult>
        )}
      </ResultSection>

      <ResultSection id="found-blockers" title="Open blockers" rows={found.blockers} rowKey={(r) => r.itemId}>
        {(r) => (
          <ItemResult
            implementationId={r.implementationId}
            itemId={r.itemId}
            title={r.itemTitle}
            where={`${r.implementationName} · ${r.customerName}`}
            badge={
              <>
                <Badge tone={r.severity === "go_live" ? "bad" : "warn"}>
                  <span aria-hidden="true">{r.severity === "go_live" ? "✕" : "!"}</span>
                  {severityLabel[r.severity]}
                </Badge>
                <span className="text-slate-600">since {r.blockedSince}</span>
              </>
            }
          >
            <p className="mt-1 break-words">{r.reason}</p>
          </ItemResult>
        )}
      </ResultSection>
    </>
  );
}

// One kind of result: a heading with the count, then the matches in one list; nothing at all
// when there are none.
function ResultSection<Row>({ id, title, rows, rowKey, children }: { id: string; title: string; rows: Row[]; rowKey: (row: Row) => string; children: (row: Row) => ReactNode }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-6">
      <h2 id={id} className="text-lg font-semibold">
        {title} ({rows.length})
      </h2>
      <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
        {rows.map((row) => (
          <li key={rowKey(row)} className="px-4 py-3">
            {children(row)}
          </li>
        ))}
      </ul>
    </section>
  );
}

// A checklist item found by its own words or by its blocker: its link, what it is, and where.
function ItemResult({ implementationId, itemId, title, where, badge, children }: { implementationId: string; itemId: string; title: string; where: string; badge: ReactNode; children: ReactNode }) {
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/implementations/${implementationId}/items/${itemId}`} className="font-medium text-sky-800 hover:underline">
          {title}
        </Link>
        {badge}
      </div>
      <div className="text-slate-600">{where}</div>
      {children}
    </>
  );
}
