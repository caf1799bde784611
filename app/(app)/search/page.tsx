import type { Metadata } from "next";
import Link from "next/link";
import { Badge, ItemStatusBadge } from "@/components/ui/badge";
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

      {found.implementations.length > 0 ? (
        <section aria-labelledby="found-implementations" className="mt-6">
          <h2 id="found-implementations" className="text-lg font-semibold">Implementations ({found.implementations.length})</h2>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            {found.implementations.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
                <Link href={`/implementations/${r.id}`} className="font-medium text-sky-800 hover:underline">
                  {r.name}
                </Link>
                <span className="text-slate-600">{r.customerName}</span>
                {r.status !== "active" ? <Badge>{implementationStatusLabel[r.status]}</Badge> : null}
                <span className="text-slate-600">Go-live: {r.goLiveDate ?? "not set"}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {found.items.length > 0 ? (
        <section aria-labelledby="found-items" className="mt-6">
          <h2 id="found-items" className="text-lg font-semibold">Checklist items ({found.items.length})</h2>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            {found.items.map((r) => (
              <li key={r.id} className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/implementations/${r.implementationId}/items/${r.id}`} className="font-medium text-sky-800 hover:underline">
                    {r.title}
                  </Link>
                  <ItemStatusBadge status={r.status} />
                </div>
                <div className="text-slate-600">
                  {r.implementationName} · {r.customerName}
                </div>
                {r.snippet.trim() ? <p className="mt-1 break-words text-slate-700">{r.snippet}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {found.blockers.length > 0 ? (
        <section aria-labelledby="found-blockers" className="mt-6">
          <h2 id="found-blockers" className="text-lg font-semibold">Open blockers ({found.blockers.length})</h2>
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
            {found.blockers.map((r) => (
              <li key={r.itemId} className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/implementations/${r.implementationId}/items/${r.itemId}`} className="font-medium text-sky-800 hover:underline">
                    {r.itemTitle}
                  </Link>
                  <Badge tone={r.severity === "go_live" ? "bad" : "warn"}>
                    <span aria-hidden="true">{r.severity === "go_live" ? "✕" : "!"}</span>
                    {severityLabel[r.severity]}
                  </Badge>
                  <span className="text-slate-600">since {r.blockedSince}</span>
                </div>
                <div className="text-slate-600">
                  {r.implementationName} · {r.customerName}
                </div>
                <p className="mt-1 break-words">{r.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
