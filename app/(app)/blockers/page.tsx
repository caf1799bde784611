import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GoLiveWhen, goLiveLine } from "@/components/implementation/go-live-when";
import { TicketLink } from "@/components/tickets/ticket-link";
import { Badge } from "@/components/ui/badge";
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
import { ResolveBlockerForm } from "./_components/resolve-blocker-form";

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
        <BlockerCards rows={shown} mayResolve={mayResolve} />
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
          {shown.map((row) => (
            <tr key={row.itemId} className="align-top">
              <td className="px-3 py-3">
                <Link href={`/implementations/${row.implementationId}/items/${row.itemId}`} className="font-medium text-sky-800 hover:underline">
                  {row.itemTitle}
                </Link>
                <div className="text-slate-600">
                  <Link href={`/implementations/${row.implementationId}`} className="hover:underline">
                    {row.implementationName}
                  </Link>{" "}
                  · {row.customerName}
                </div>
              </td>
              <td className="px-3 py-3">
                <Badge tone={row.severity === "go_live" ? "bad" : "warn"}>
                  <span aria-hidden="true">{row.severity === "go_live" ? "✕" : "!"}</span>
                  {severityLabel[row.severity]}
                </Badge>
              </td>
              <td className="max-w-xs px-3 py-3 break-words">{row.reason}</td>
              <td className="px-3 py-3">{row.ownerName ?? <span className="text-slate-500">Unassigned</span>}</td>
              <td className="px-3 py-3 whitespace-nowrap">
                <time dateTime={row.blockedSince}>{row.blockedSince}</time>
                <div className={row.daysBlocked >= 7 ? "font-medium text-rose-800" : "text-slate-600"}>
                  {row.daysBlocked === 0 ? "today" : `${row.daysBlocked} day${row.daysBlocked === 1 ? "" : "s"}`}
                </div>
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
          ))}
        </ScrollTable>
      </PagedList>
    </>
  );
}

type Row = BlockerRow;

// On a phone each blocker is a card: what, why, since when, and the go-live it holds up.
function BlockerCards({ rows, mayResolve }: { rows: Row[]; mayResolve: boolean }) {
  return (
    <ul className="mt-4 space-y-3 lg:hidden" aria-label="Open blockers">
      {rows.map((row) => (
        <li key={row.itemId} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <Link href={`/implementations/${row.implementationId}/items/${row.itemId}`} className="font-medium text-sky-800 hover:underline">
                {row.itemTitle}
              </Link>
              <div className="text-slate-600">
                {row.implementationName} · {row.customerName}
              </div>
            </div>
            <Badge tone={row.severity === "go_live" ? "bad" : "warn"}>
              <span aria-hidden="true">{row.severity === "go_live" ? "✕" : "!"}</span>
              {severityLabel[row.severity]}
            </Badge>
          </div>
          <p className="mt-2 break-words">{row.reason}</p>
          <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2">
            <div>
              <dt className="text-xs text-slate-500">Blocked since</dt>
              <dd className={row.daysBlocked >= 7 ? "font-medium text-rose-800" : undefined}>
                {row.blockedSince} ({row.daysBlocked === 0 ? "today" : `${row.daysBlocked} day${row.daysBlocked === 1 ? "" : "s"}`})
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Go-live</dt>
              <dd>{goLiveLine(row.goLiveDate, row.daysToGoLive, row.implementationStatus)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Owner</dt>
              <dd>{row.ownerName ?? "Unassigned"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Ticket</dt>
              <dd className="min-w-0 break-words">
                <TicketLink url={row.ticketUrl} />
              </dd>
            </div>
          </dl>
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
              <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2">
                <div>
                  <dt className="text-xs text-slate-500">Since</dt>
                  <dd>
                    <time dateTime={a.since.toISOString()}>{formatUtc(a.since)}</time>
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">Owner</dt>
                  <dd>{a.ownerName ?? "Not acknowledged yet"}</dd>
                </div>
                {a.nextStep ? (
                  <div>
                    <dt className="text-xs text-slate-500">Next step</dt>
                    <dd className="break-words">{a.nextStep}</dd>
                  </div>
                ) : null}
                {a.expectedOutcome ? (
                  <div>
                    <dt className="text-xs text-slate-500">Expected outcome</dt>
                    <dd className="break-words">{a.expectedOutcome}</dd>
                  </div>
                ) : null}
              </dl>
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
