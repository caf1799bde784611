import type { Metadata } from "next";
import Link from "next/link";
import { ActivityList } from "@/components/activity/activity-list";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listActivity } from "@/lib/dal/activity";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { activityKinds } from "@/lib/domain/activity";
import { orNotFound } from "@/lib/server/not-found";
import { parseActivityQuery, type ActivityQuery } from "@/lib/validation/activity";

export const metadata: Metadata = { title: "Activity" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};


function activityHref(implementationId: string, query: ActivityQuery, after?: number): string {
  const params = new URLSearchParams();
  if (query.person) params.set("person", query.person);
  if (query.kind) params.set("kind", query.kind);
  if (query.item) params.set("item", query.item);
  if (query.since) params.set("since", query.since);
  if (after !== undefined) params.set("after", String(after));
  const search = params.toString();
  return `/implementations/${implementationId}/activity${search ? `?${search}` : ""}`;
}

export default async function ActivityPage({ params, searchParams }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const query = parseActivityQuery(await searchParams);
  const implementation = await orNotFound(getImplementationSummary(viewer, id));
  const page = await orNotFound(listActivity(viewer, { implementationId: implementation.id, itemId: query.item }, query));

  return (
    <>
      <ImplementationHeader implementation={implementation} current="activity" />
      <section aria-labelledby="activity-heading" className="mt-6">
        <h2 id="activity-heading" className="text-lg font-semibold">
          Activity{query.item ? " for one item" : ""}
        </h2>
        <p className="text-sm text-slate-600">Who changed what and when, newest first, from the audit trail.</p>
        {query.since ? (
          <p className="mt-1 text-sm">
            Showing what happened since <time dateTime={query.since}>{query.since}</time> 00:00 UTC.{" "}
            <Link href={activityHref(implementation.id, { ...query, since: undefined })} className="text-sky-800 hover:underline">
              Show all activity
            </Link>
          </p>
        ) : null}
        <form method="get" aria-label="Filter activity" className="mt-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4 md:items-end">
          {query.item ? <input type="hidden" name="item" value={query.item} /> : null}
          {query.since ? <input type="hidden" name="since" value={query.since} /> : null}
          <FilterSelect label="Person" name="person" value={query.person ?? ""} any="Anyone" options={page.people.map((p) => ({ value: p.id, label: p.name }))} />
          <FilterSelect label="Kind" name="kind" value={query.kind ?? ""} any="Everything" options={Object.entries(activityKinds).map(([value, label]) => ({ value, label }))} />
          <div className="flex gap-2">
            <Button type="submit" size="sm">
              Apply
            </Button>
            <Link href={`/implementations/${implementation.id}/activity`} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
              Clear
            </Link>
          </div>
        </form>
        <ActivityList entries={page.entries} label="Activity timeline" />
        <nav aria-label="Activity pages" className="mt-4 flex gap-3 text-sm">
          {query.after !== undefined ? (
            <Link href={activityHref(implementation.id, query)} className="text-sky-800 hover:underline">
              Newest
            </Link>
          ) : null}
          {page.nextAfter !== null ? (
            <Link href={activityHref(implementation.id, query, page.nextAfter)} className="text-sky-800 hover:underline">
              Older
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
