"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ItemStatusBadge } from "@/components/ui/badge";
import { LIVE_REFRESH_MS, queryKeys } from "@/lib/client/query-keys";
import type { ImplementationDetail } from "@/lib/dal/implementations";
import { itemCategories } from "@/lib/domain/vocabulary";
import { categoryLabel, roleLabel, severityLabel } from "@/lib/format/labels";

type Item = ImplementationDetail["items"][number];

async function fetchChecklist(implementationId: string): Promise<Item[]> {
  const response = await fetch(`/api/implementations/${implementationId}/checklist`, { cache: "no-store" });
  if (!response.ok) throw new Error(`checklist request failed: ${response.status}`);
  return ((await response.json()) as { items: Item[] }).items;
}

// The checklist, kept fresh while several people work on one implementation: it asks the
// server for changes every few seconds and whenever a write on this tab succeeds.
export function ChecklistLive({ implementationId, initialItems }: { implementationId: string; initialItems: Item[] }) {
  const query = useQuery({
    queryKey: queryKeys.checklist(implementationId),
    queryFn: () => fetchChecklist(implementationId),
    initialData: initialItems,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const items = query.data;
  const groups = itemCategories
    .map((category) => ({ category, items: items.filter((i) => i.category === category) }))
    .filter((g) => g.items.length > 0);

  return (
      <section aria-labelledby="checklist-heading" className="mt-8">
        <h2 id="checklist-heading" className="text-lg font-semibold">
          Readiness checklist
        </h2>
        <p className="text-sm text-slate-600">
          {items.length} items, grouped by category.{" "}
          {query.isError ? (
            <span role="status" className="text-amber-800">
              Could not refresh just now; showing what was last loaded.
            </span>
          ) : null}
        </p>
        <div className="mt-4 space-y-6">
          {groups.map((group) => (
            <section key={group.category} aria-labelledby={`cat-${group.category}`}>
              <h3 id={`cat-${group.category}`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
                {categoryLabel[group.category]}
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
