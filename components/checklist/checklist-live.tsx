"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ItemStatusBadge } from "@/components/ui/item-status-badge";
import { LIVE_REFRESH_MS, queryKeys } from "@/lib/client/query-keys";
import type { ImplementationDetail } from "@/lib/dal/implementations";
import { itemCategories } from "@/lib/domain/vocabulary";
import { categoryLabel, roleLabel, severityLabel } from "@/lib/format/labels";
import { checklistShowLabel, checklistShows, checklistSortLabel, checklistSorts, checklistViewQueryString, type ChecklistView } from "@/lib/validation/checklist-view";

type Item = ImplementationDetail["items"][number];

type Checklist = { items: Item[]; total: number };

async function fetchChecklist(implementationId: string, view: ChecklistView): Promise<Checklist> {
  const response = await fetch(`/api/implementations/${implementationId}/checklist${checklistViewQueryString(view)}`, { cache: "no-store" });
  if (!response.ok) throw new Error(`checklist request failed: ${response.status}`);
  return (await response.json()) as Checklist;
}

// The checklist, kept fresh while several people work on one implementation: it asks the
// server for changes every few seconds and whenever a write on this tab succeeds. The server
// filters and orders it as the view asks (the same URL parameters as the page).
export function ChecklistLive({
  implementationId,
  initialItems,
  initialTotal,
  view = { show: "all", sort: "category" },
}: {
  implementationId: string;
  initialItems: Item[];
  initialTotal: number;
  view?: ChecklistView;
}) {
  const query = useQuery({
    queryKey: queryKeys.checklistView(implementationId, view.show, view.sort),
    queryFn: () => fetchChecklist(implementationId, view),
    initialData: { items: initialItems, total: initialTotal },
    refetchInterval: LIVE_REFRESH_MS,
  });
  const { items, total } = query.data;
  // Sorted by a column, the list is one list; by category, one list per category.
  const groups =
    view.sort === "category"
      ? itemCategories.map((category) => ({ category, label: categoryLabel[category], items: items.filter((i) => i.category === category) })).filter((g) => g.items.length > 0)
      : items.length > 0
        ? [{ category: "sorted", label: checklistSortLabel[view.sort], items }]
        : [];

  return (
      <section aria-labelledby="checklist-heading" className="mt-8">
        <h2 id="checklist-heading" className="text-lg font-semibold">
          Readiness checklist
        </h2>
        <p className="text-sm text-slate-600">
          {view.show === "all" ? `${total} items` : `${items.length} of ${total} items: ${checklistShowLabel[view.show].toLowerCase()}`}
          {view.sort === "category" ? ", grouped by category." : `, sorted: ${checklistSortLabel[view.sort].toLowerCase()}.`}{" "}
          {query.isError ? (
            <span role="status" className="text-amber-800">
              Could not refresh just now; showing what was last loaded.
            </span>
          ) : null}
        </p>
        {/* A plain GET form: works without JavaScript, and the URL keeps the view. */}
        <form method="get" action="#checklist-heading" aria-label="Filter and sort the checklist" className="mt-3 flex flex-wrap items-end gap-3 text-sm">
          <label className="block">
            <span className="font-medium text-slate-700">Show</span>
            <select name="show" defaultValue={view.show} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5">
              {checklistShows.map((s) => (
                <option key={s} value={s}>
                  {checklistShowLabel[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="font-medium text-slate-700">Order</span>
            <select name="sort" defaultValue={view.sort} className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5">
              {checklistSorts.map((s) => (
                <option key={s} value={s}>
                  {checklistSortLabel[s]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
            Apply
          </button>
        </form>
        {groups.length === 0 ? <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No item in this view.</p> : null}
        <div className="mt-4 space-y-6">
          {groups.map((group) => (
            <section key={group.category} aria-labelledby={`cat-${group.category}`}>
              <h3 id={`cat-${group.category}`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
                {group.label}
              </h3>
              <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
                {group.items.map((item) => (
                  <li key={item.id} className="flex flex-col gap-2 p-4 md:flex-row md:items-start md:justify-between">
                    <div className="min-w-0">
                      <p className="font-medium">
                        <Link href={`/implementations/${implementationId}/items/${item.id}`} className="text-sky-800 hover:underline">
                          {item.title}
                        </Link>
                        {item.required ? null : <span className="ml-2 text-xs text-slate-500">(optional)</span>}
                      </p>
                      {item.nextStep ? <p className="text-sm text-slate-700">Next: {item.nextStep}</p> : null}
                      <p className="text-sm text-slate-600">Expected: {item.expectedOutcome || "—"}</p>
                      {item.status === "blocked" && item.blockerReason ? (
                        <p className="mt-1 text-sm text-rose-900">
                          <span className="font-semibold">
                            {item.blockerSeverity ? severityLabel[item.blockerSeverity] : "Blocked"}
                          </span>{" "}
                          since {item.blockedSince}: {item.blockerReason}
                        </p>
                      ) : null}
                      <p className="mt-1 text-xs text-slate-500">
                        Sign-off by {item.requiredSignOffRoles.map((r) => roleLabel[r]).join(" and ") || "no one"}
                        {item.needsOperationalValidation ? " · needs operational validation" : ""}
                      </p>
                    </div>
                    <div className="flex shrink-0 flex-col items-start gap-1 text-sm md:items-end">
                      <ItemStatusBadge status={item.status} />
                      <span className="text-slate-700">{item.ownerName ?? "No owner"}</span>
                      {item.dueDate ? <span className="text-slate-600">Due {item.dueDate}</span> : null}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>
  );
}
