import type { Metadata } from "next";
import Link from "next/link";
import { VerdictBadge } from "@/components/gate/gate-panel";
import { GoLiveWhen, goLiveLine } from "@/components/implementation/go-live-when";
import { ReadinessBar } from "@/components/readiness/readiness-bar";
import { RiskBadge } from "@/components/readiness/risk-badge";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { ListCount, ListHeader, PagedList, QuickViews } from "@/components/ui/list-page";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listPortfolio } from "@/lib/dal/implementations";
import { can } from "@/lib/dal/policy";
import { listSavedViews } from "@/lib/dal/saved-views";
import { shortDay } from "@/lib/domain/forecast";
import { derivePortfolioRow, reasonCounts, type PortfolioViewRow } from "@/lib/domain/portfolio";
import { itemStatuses } from "@/lib/domain/vocabulary";
import { mondayOf, todayIso } from "@/lib/format/dates";
import { ehrVendorLabel, implementationStatusLabel, itemStatusLabel, phaseLabel } from "@/lib/format/labels";
import { PORTFOLIO_PAGE_SIZE, parsePortfolioQuery, portfolioFiltered, portfolioParams, portfolioQueryString, type PortfolioQuery } from "@/lib/validation/portfolio";
import { PortfolioFilters } from "./_components/portfolio-filters";
import { SavedViews } from "./_components/saved-views";

export const metadata: Metadata = { title: "Portfolio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// "Items by status" (every item, not only required ones) shows on wide screens only: below that
// the readiness bar's list gives the required items by status, and the table keeps every column
// readable at 1280 px.
const columns: { key: PortfolioQuery["sort"] | null; label: string; className?: string }[] = [
  { key: "name", label: "Implementation" },
  { key: "go_live", label: "Go-live" },
  { key: "readiness", label: "Readiness" },
  { key: "verdict", label: "Gate" },
  { key: "risk", label: "Risk" },
  { key: null, label: "Go-live blockers" },
  { key: null, label: "Stale evidence" },
  { key: null, label: "Permission drift" },
  { key: null, label: "Items by status", className: "hidden 2xl:table-cell" },
];

// A new sort starts again at the first page.
function sortHref(query: PortfolioQuery, key: PortfolioQuery["sort"]): string {
  const dir = query.sort === key && query.dir === "asc" ? "desc" : "asc";
  return `/?${portfolioParams({ ...query, sort: key, dir }, { sort: "always" }).toString()}`;
}

function pageHref(query: PortfolioQuery, page: number): string {
  return `/?${portfolioParams(query, { sort: "always", page }).toString()}`;
}

// One click to the lists people ask for most; "mine" means implementations the viewer manages
// or owns the engineering of. Sign-offs waiting on the viewer are on My work.
function quickViews(vendor: boolean): { label: string; href: string }[] {
  return [
    ...(vendor
      ? [
          { label: "Mine", href: "/?mine=1" },
          { label: "Mine, changed since Monday", href: "/?mine=1&changed=this_week" },
        ]
      : [{ label: "Changed since Monday", href: "/?changed=this_week" }]),
    { label: "Go-live within 7 days", href: "/?window=7" },
    { label: "Open hypercare alerts", href: "/?hypercare=open" },
    { label: "Sign-offs waiting on me", href: "/my-work#my-signoffs" },
  ];
}

export default async function PortfolioPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const query = parsePortfolioQuery(await searchParams);
  const [result, views] = await Promise.all([listPortfolio(viewer, query), listSavedViews(viewer, "portfolio")]);
  const today = todayIso();
  const monday = mondayOf(today);
  const shown = result.rows.map((row) => derivePortfolioRow(row, today));
  const { customers, page, pageCount } = result;
  const filtered = portfolioFiltered(query);
  const vendor = viewer.organizationKind === "vendor";
  const queryString = portfolioQueryString(query);

  return (
    <>
      <ListHeader
        title="Portfolio"
        description={viewer.organizationKind === "customer" ? `Implementations for ${viewer.organizationName}.` : "Every implementation across all customers."}
      >
        {can(viewer, "implementation.create") ? (
          <ButtonLink href="/implementations/new" size="sm">
            New implementation
          </ButtonLink>
        ) : null}
        <ListCount page={page} pageCount={pageCount} pageSize={PORTFOLIO_PAGE_SIZE} shown={shown.length}>
          {result.matching !== result.total ? `${result.matching} of ${result.total} implementations` : `${result.total} implementation${result.total === 1 ? "" : "s"}`}
        </ListCount>
      </ListHeader>

      <QuickViews views={quickViews(vendor)} />

      <PagedList
        filters={
          <>
            <PortfolioFilters query={query} customers={customers} offerMine={vendor} />
            <SavedViews list="portfolio" query={queryString.replace(/^\?/, "")} current={`/${queryString}`} views={views} />
          </>
        }
        isEmpty={shown.length === 0}
        empty={filtered ? "No implementation matches this filter." : "No implementations to show yet."}
        pager={{ label: "Portfolio pages", page, pageCount, href: (n) => pageHref(query, n) }}
      >
        <PortfolioCards rows={shown} today={today} monday={monday} vendor={vendor} />
        <ScrollTable
          caption="Implementations with go-live date, readiness, gate verdict, risk and item counts"
          columns={columns.map((column) => {
            const active = column.key !== null && query.sort === column.key;
            return (
              <th
                key={column.label}
                scope="col"
                className={`px-3 py-3 ${column.className ?? ""}`}
                aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
              >
                {column.key ? (
                  <Link href={sortHref(query, column.key)} className="hover:text-slate-900">
                    {column.label}
                    {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
                  </Link>
                ) : (
                  column.label
                )}
              </th>
            );
          })}
          className="mt-4 hidden md:block"
        >
          {shown.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="px-3 py-3">
                <Link href={`/implementations/${row.id}`} className="font-medium text-sky-800 hover:underline">
                  {row.name}
                </Link>
                <div className="text-slate-600">{row.customerName}</div>
                {/* EHR and phase sit under the name, so every column fits a laptop screen. */}
                <div className="text-xs text-slate-600">
                  {ehrVendorLabel[row.ehrVendor]} · {phaseLabel[row.phase]}
                </div>
                {row.status !== "active" ? (
                  <div className="mt-1">
                    <Badge>{implementationStatusLabel[row.status]}</Badge>
                  </div>
                ) : null}
                <ChangesSinceMonday row={row} monday={monday} />
              </td>
              <td className="px-3 py-3 whitespace-nowrap">
                <GoLiveWhen date={row.goLiveDate} days={row.daysToGoLive} status={row.status} />
              </td>
              <td className="min-w-40 px-3 py-3">
                <span className="font-medium">{row.readiness.percent}%</span>{" "}
                <span className="text-slate-600">
                  {row.readiness.done} / {row.readiness.total} required
                </span>
                <ReadinessBar byStatus={row.items.requiredByStatus} compact label={`Required items of ${row.name} by status`} />
                <ProjectedLate row={row} today={today} />
              </td>
              <td className="px-3 py-3">
                <Link href={`/implementations/${row.id}`} className="block hover:underline">
                  <span className="sr-only">Gate: </span>
                  <VerdictBadge verdict={row.verdict} />
                  <span className="sr-only">, </span>
                  <div className="mt-1 whitespace-nowrap text-xs text-slate-600">{reasonCounts(row)}</div>
                </Link>
                <HypercareAlerts row={row} vendor={vendor} />
              </td>
              <td className="px-3 py-3">
                <RiskBadge risk={row.forecast} />
              </td>
              <td className="px-3 py-3">
                {row.items.goLiveBlockers > 0 ? (
                  <Badge tone="bad">
                    <span aria-hidden="true">✕</span>
                    {row.items.goLiveBlockers} open
                  </Badge>
                ) : (
                  <span className="text-slate-600">None</span>
                )}
              </td>
              <td className="px-3 py-3">
                {row.staleEvidence > 0 ? (
                  <Badge tone="warn">
                    <span aria-hidden="true">◔</span>
                    {row.staleEvidence} stale
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
                      {row.permissionDrift} unproven in production
                    </Badge>
                  </Link>
                ) : (
                  <span className="text-slate-600">None</span>
                )}
              </td>
              <td className="hidden px-3 py-3 2xl:table-cell">
                <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
                  {itemStatuses
                    .filter((s) => row.items.byStatus[s] > 0)
                    .map((s) => (
                      <li key={s}>
                        {itemStatusLabel[s]}: <span className="font-semibold">{row.items.byStatus[s]}</span>
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </ScrollTable>
      </PagedList>
    </>
  );
}


// On a phone the table becomes a list of cards with the same facts, most important first.
function PortfolioCards({ rows, today, monday, vendor }: { rows: PortfolioViewRow[]; today: string; monday: string; vendor: boolean }) {
  return (
    <ul className="mt-4 space-y-3 md:hidden" aria-label="Implementations">
      {rows.map((row) => (
        <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <Link href={`/implementations/${row.id}`} className="font-medium text-sky-800 hover:underline">
                {row.name}
              </Link>
              <div className="text-slate-600">
                {row.customerName} · {ehrVendorLabel[row.ehrVendor]} · {phaseLabel[row.phase]}
              </div>
            </div>
            {row.status !== "active" ? <Badge>{implementationStatusLabel[row.status]}</Badge> : null}
          </div>
          <ChangesSinceMonday row={row} monday={monday} />
          <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2">
            <div>
              <dt className="text-xs text-slate-500">Gate</dt>
              <dd>
                <VerdictBadge verdict={row.verdict} />
                <div className="text-xs text-slate-600">{reasonCounts(row)}</div>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Risk</dt>
              <dd>
                <RiskBadge risk={row.forecast} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Go-live</dt>
              <dd>{goLiveLine(row.goLiveDate, row.daysToGoLive, row.status)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Readiness</dt>
              <dd>
                {row.readiness.percent}% ({row.readiness.done} / {row.readiness.total} required)
                <ReadinessBar byStatus={row.items.requiredByStatus} compact label={`Required items of ${row.name} by status`} />
                <ProjectedLate row={row} today={today} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Go-live blockers</dt>
              <dd>{row.items.goLiveBlockers > 0 ? `${row.items.goLiveBlockers} open` : "None"}</dd>
            </div>
            {row.openHypercareAlerts > 0 ? (
              <div>
                <dt className="text-xs text-slate-500">Hypercare alerts</dt>
                <dd>
                  <HypercareAlerts row={row} vendor={vendor} />
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-xs text-slate-500">Stale evidence</dt>
              <dd>{row.staleEvidence > 0 ? `${row.staleEvidence} stale` : "None"}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

// Open alerts of the silent-failure watch (docs/hypercare.md): post-live blockers once live.
// Vendor staff go to the blockers view to acknowledge them; customer IT to the interfaces.
function HypercareAlerts({ row, vendor }: { row: PortfolioViewRow; vendor: boolean }) {
  if (row.openHypercareAlerts === 0) return null;
  const n = row.openHypercareAlerts;
  const what = row.status === "live" ? `post-live hypercare alert${n === 1 ? "" : "s"}` : `hypercare alert${n === 1 ? "" : "s"}`;
  return (
    <Link href={vendor ? "/blockers#hypercare-alerts" : `/implementations/${row.id}/interfaces`} className="mt-1 block hover:underline">
      <Badge tone={row.status === "live" ? "bad" : "warn"} wrap>
        <span aria-hidden="true">⚡</span>
        {n} open {what}
      </Badge>
    </Link>
  );
}

// The forecast at the current pace, flagged when it misses go-live (symbol and words, not colour).
function ProjectedLate({ row, today }: { row: PortfolioViewRow; today: string }) {
  if (!row.projectedLate) return null;
  return (
    <Link href={`/implementations/${row.id}#readiness-over-time`} className="mt-1 block hover:underline">
      <Badge tone="bad" wrap>
        <span aria-hidden="true">◷</span>
        {row.forecastReadyOn ? `Projected late: ready ${shortDay(row.forecastReadyOn, today)}` : "Projected late: no recent progress"}
      </Badge>
    </Link>
  );
}

// Asked "what changed since Monday": how much, with the activity trail since then one click away.
function ChangesSinceMonday({ row, monday }: { row: PortfolioViewRow; monday: string }) {
  if (row.changesSinceMonday === null) return null;
  const n = row.changesSinceMonday;
  return (
    <Link href={`/implementations/${row.id}/activity?since=${monday}`} className="mt-1 block text-sm font-medium text-sky-800 hover:underline">
      {n} change{n === 1 ? "" : "s"} since Monday<span className="sr-only"> on {row.name}</span>
    </Link>
  );
}
