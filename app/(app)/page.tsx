import type { Metadata } from "next";
import Link from "next/link";
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
import { ehrVendorLabel, gateVerdictLabel, implementationStatusLabel, itemStatusLabel, phaseLabel } from "@/lib/format/labels";
import { PORTFOLIO_PAGE_SIZE, parsePortfolioQuery, portfolioFiltered, portfolioParams, portfolioQueryString, type PortfolioQuery } from "@/lib/validation/portfolio";
import { PortfolioFilters } from "./_components/portfolio-filters";
import { PortfolioCards, PortfolioTableRows, type PortfolioDisplayRow } from "./_components/portfolio-rows";
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
  const display = shown.map((row) => displayRow(row, today));
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
        <PortfolioCards rows={display} monday={monday} vendor={vendor} />
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
          <PortfolioTableRows rows={display} monday={monday} vendor={vendor} />
        </ScrollTable>
      </PagedList>
    </>
  );
}


// The words each row shows, worked out here so the rows' client module carries no label tables.
function displayRow(row: PortfolioViewRow, today: string): PortfolioDisplayRow {
  return {
    id: row.id,
    name: row.name,
    customerName: row.customerName,
    context: `${ehrVendorLabel[row.ehrVendor]} · ${phaseLabel[row.phase]}`,
    status: row.status,
    statusLabel: row.status !== "active" ? implementationStatusLabel[row.status] : null,
    goLiveDate: row.goLiveDate,
    daysToGoLive: row.daysToGoLive,
    percent: row.readiness.percent,
    requiredDone: row.readiness.done,
    required: row.readiness.total,
    requiredByStatus: row.items.requiredByStatus,
    projectedLate: row.projectedLate ? (row.forecastReadyOn ? `Projected late: ready ${shortDay(row.forecastReadyOn, today)}` : "Projected late: no recent progress") : null,
    verdict: row.verdict,
    verdictLabel: gateVerdictLabel[row.verdict],
    reasons: reasonCounts(row),
    risk: row.forecast,
    goLiveBlockers: row.items.goLiveBlockers,
    staleEvidence: row.staleEvidence,
    permissionDrift: row.permissionDrift,
    openHypercareAlerts: row.openHypercareAlerts,
    changesSinceMonday: row.changesSinceMonday,
    itemsByStatus: itemStatuses.filter((s) => row.items.byStatus[s] > 0).map((s) => [itemStatusLabel[s], row.items.byStatus[s]]),
  };
}
