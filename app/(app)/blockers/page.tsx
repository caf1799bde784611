import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { CardFacts } from "@/components/ui/facts";
import { ListCount, ListHeader, PagedList, QuickViews } from "@/components/ui/list-page";
import { SortHeader } from "@/components/ui/sort-header";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listBlockerCustomers, listBlockerPage, type BlockerRow } from "@/lib/dal/blockers";
import { hypercareOwnerChoices, listOpenHypercareAlerts, type HypercareAlertRow } from "@/lib/dal/hypercare";
import { can } from "@/lib/dal/policy";
import { listSavedViews } from "@/lib/dal/saved-views";
import { formatUtc } from "@/lib/format/dates";
import { severityLabel } from "@/lib/format/labels";
import { hypercareRuleLabels } from "@/lib/hypercare/vocabulary";
import { BLOCKERS_PAGE_SIZE, blockersFiltered, blockersQueryString, parseBlockersQuery, type BlockerSort, type BlockersQuery } from "@/lib/validation/blockers";
import { SavedViews } from "../_components/saved-views";
import { AcknowledgeAlertForm } from "./_components/acknowledge-alert-form";
import { BlockerFilters } from "./_components/blocker-filters";
import { BlockerCards, BlockerTableRows, type BlockerDisplayRow } from "./_components/blocker-rows";

export const metadata: Metadata = { title: "Blockers" };

// A header link sorts by its column; a second click turns the direction round.
function sortHref(query: BlockersQuery, sort: BlockerSort) {
  const dir = query.sort === sort && query.dir === "asc" ? "desc" : "asc";
  return `/blockers${blockersQueryString({ ...query, sort, dir })}`;
}

// One click to the questions asked most: what holds up this week's go-lives, the oldest first
// (the CSV export then holds the same list), and one's own blockers.
const quickViews = [
  { label: "Go-live within 7 days, oldest first", href: "/blockers?within=7&sort=blocked_since&dir=asc" },
  { label: "Go-live blockers only", href: "/blockers?severity=go_live" },
  { label: "Mine", href: "/blockers?mine=1" },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BlockersPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  // Customer IT have no cross-portfolio view: the page does not exist for them.
  if (!can(viewer, "blockers.read_all")) notFound();
  const query = parseBlockersQuery(await searchParams);
  const mayAcknowledge = can(viewer, "hypercare.acknowledge");
  // Hypercare alerts on live implementations are post-live blockers: they show unless the
  // filter asks for go-live blockers only, or for the viewer's own items.
  const showAlerts = !query.mine && (query.severity.length === 0 || query.severity.includes("post_live"));
  const [{ rows: shown, total, page, pageCount }, customers, views, alerts] = await Promise.all([
    listBlockerPage(viewer, query, BLOCKERS_PAGE_SIZE),
    listBlockerCustomers(viewer),
    listSavedViews(viewer, "blockers"),
    showAlerts ? listOpenHypercareAlerts(viewer, query) : Promise.resolve([]),
  ]);
  // The people an alert can be given to, read only when there is an alert to acknowledge.
  const owners = mayAcknowledge && alerts.length > 0 ? await hypercareOwnerChoices(viewer) : [];
  const mayResolve = can(viewer, "blocker.resolve");
  const display = shown.map(displayRow);
  const filtered = blockersFiltered(query);
  const queryString = blockersQueryString(query);
  const pageHref = (n: number) => {
    const qs = blockersQueryString(query);
    return `/blockers${qs}${n > 1 ? `${qs ? "&" : "?"}page=${n}` : ""}`;
  };

  return (
    <>
      <ListHeader
        title="Blockers"
        description={
          <>
            Every open blocker across the portfolio.{" "}
            {query.sort === "urgent" ? "Go-live blockers first, then the soonest go-live, then the oldest." : null}
          </>
        }
      >
        <ListCount page={page} pageCount={pageCount} pageSize={BLOCKERS_PAGE_SIZE} shown={shown.length}>
          {total} open blocker{total === 1 ? "" : "s"}
          {filtered ? (total === 1 ? " matches this filter" : " match this filter") : ""}
        </ListCount>
        <a href={`/api/blockers.csv${blockersQueryString(query)}`} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50" download>
          Export CSV
        </a>
      </ListHeader>

      <QuickViews views={quickViews} />

      {alerts.length > 0 ? <HypercareAlerts alerts={alerts} owners={mayAcknowledge ? owners : null} /> : null}

      <PagedList
        filters={
          <>
            <BlockerFilters query={query} customers={customers} />
            <SavedViews list="blockers" query={queryString.replace(/^\?/, "")} current={`/blockers${queryString}`} views={views} />
          </>
        }
        isEmpty={total === 0}
        empty={filtered ? "No open blocker matches this filter." : "No open blockers. Nothing stands in the way right now."}
        pager={{ label: "Blocker pages", page, pageCount, href: pageHref }}
      >
        <BlockerCards rows={display} mayResolve={mayResolve} />
        <ScrollTable
          label="Open blockers"
          columns={[
            <SortHeader key="item" label="Item" active={query.sort === "item"} dir={query.dir} href={sortHref(query, "item")} />,
            "Severity",
            "Reason",
            <SortHeader key="owner" label="Owner" active={query.sort === "owner"} dir={query.dir} href={sortHref(query, "owner")} />,
            <SortHeader key="since" label="Blocked since" active={query.sort === "blocked_since"} dir={query.dir} href={sortHref(query, "blocked_since")} />,
            <SortHeader key="go-live" label="Go-live" active={query.sort === "go_live"} dir={query.dir} href={sortHref(query, "go_live")} />,
            "Ticket",
            mayResolve ? <th key="actions" scope="col" className="px-3 py-3"><span className="sr-only">Actions</span></th> : null,
          ]}
          headerCellClass="px-3 py-3"
          className="mt-4 hidden lg:block"
        >
          <BlockerTableRows rows={display} mayResolve={mayResolve} />
        </ScrollTable>
      </PagedList>
    </>
  );
}

// Open alerts of the silent-failure watch (docs/hypercare.md): on a live implementation a
// post-live blocker, before go-live a risk. One list of cards at every width (few rows, each
// with its own form).
function HypercareAlerts({ alerts, owners }: { alerts: HypercareAlertRow[]; owners: { id: string; name: string; organizationId: string; vendor: boolean }[] | null }) {
  return (
    <section aria-labelledby="hypercare-alerts" className="mt-6">
      <h2 id="hypercare-alerts" className="text-lg font-semibold">
        Hypercare alerts <span className="text-base font-normal text-slate-600">({alerts.length} open)</span>
      </h2>
      <p className="text-sm text-slate-600">Interfaces whose traffic looks wrong. An alert clears by itself when the figures return to normal.</p>
      <ul className="mt-3 space-y-3" aria-label="Open hypercare alerts">
        {alerts.map((a) => {
          const label = `${a.interfaceName} (${a.environment}) — ${hypercareRuleLabels[a.rule]}`;
          return (
            <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <Link href={`/implementations/${a.implementationId}/interfaces`} className="font-medium break-words text-sky-800 hover:underline">
                    {label}
                  </Link>
                  <div className="text-slate-600">
                    <Link href={`/implementations/${a.implementationId}`} className="hover:underline">
                      {a.implementationName}
                    </Link>{" "}
                    · {a.customerName}
                  </div>
                </div>
                <Badge tone={a.live ? "bad" : "warn"}>
                  <span aria-hidden="true">{a.live ? "✕" : "!"}</span>
                  {a.live ? "Post-live blocker" : "Hypercare risk"}
                </Badge>
              </div>
              <p className="mt-2 break-words">{a.summary}</p>
              <CardFacts
                columns="grid-cols-1 sm:grid-cols-2"
                facts={[
                  { label: "Since", value: <time dateTime={a.since.toISOString()}>{formatUtc(a.since)}</time> },
                  { label: "Owner", value: a.ownerName ?? "Not acknowledged yet" },
                  Boolean(a.nextStep) && { label: "Next step", value: a.nextStep, className: "break-words" },
                  Boolean(a.expectedOutcome) && { label: "Expected outcome", value: a.expectedOutcome, className: "break-words" },
                ]}
              />
              {owners ? (
                <div className="mt-3">
                  <AcknowledgeAlertForm
                    alertId={a.id}
                    label={label}
                    owners={owners.filter((o) => o.vendor || o.organizationId === a.customerId)}
                    current={{ ownerId: a.ownerId, nextStep: a.nextStep, expectedOutcome: a.expectedOutcome }}
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// The facts a row shows, with its words worked out here, so the rows' client module carries no
// label tables.
function displayRow({ customerId: _customerId, ownerId: _ownerId, ...facts }: BlockerRow): BlockerDisplayRow {
  return { ...facts, severityText: severityLabel[facts.severity] };
}
