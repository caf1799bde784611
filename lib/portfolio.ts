import type { PortfolioRow } from "@/lib/dal/implementations";
import { daysUntil } from "@/lib/dates";
import { goLiveRisk, readiness, type Readiness, type Risk } from "@/lib/readiness";
import type { PortfolioQuery } from "@/lib/validation/portfolio";

// The portfolio as shown: each row's readiness and risk derived, then the URL's filter and
// sort applied. Pure, so the rules are tested without a database or a browser.

// The portfolio row as the DAL reads it (type only: this file does no I/O).
export type PortfolioInputRow = PortfolioRow;

export type PortfolioViewRow = PortfolioInputRow & { daysToGoLive: number | null; readiness: Readiness; risk: Risk };

const riskRank = (risk: Risk) => (risk.level === "late" ? 0 : risk.level === "at_risk" ? 1 : risk.level === "on_track" ? 2 : 3);

export function derivePortfolioRow(row: PortfolioInputRow, today: string): PortfolioViewRow {
  const daysToGoLive = row.goLiveDate ? daysUntil(row.goLiveDate, today) : null;
  const ready = readiness(row.items.requiredDone, row.items.required);
  return {
    ...row,
    daysToGoLive,
    readiness: ready,
    risk: goLiveRisk({
      status: row.status,
      daysToGoLive,
      readiness: ready,
      openGoLiveBlockers: row.items.goLiveBlockers,
      staleEvidence: row.staleEvidence,
    }),
  };
}

function matches(row: PortfolioViewRow, query: PortfolioQuery): boolean {
  if (query.customer && row.customerId !== query.customer) return false;
  if (query.ehr && row.ehrVendor !== query.ehr) return false;
  if (query.phase && row.phase !== query.phase) return false;
  if (query.risk && (row.risk.level ?? "not_tracked") !== query.risk) return false;
  if (query.window) {
    const days = row.daysToGoLive;
    if (days === null) return false;
    if (query.window === "overdue") return days < 0 && row.status === "active";
    if (days < 0 || days > Number(query.window)) return false;
  }
  return true;
}

function compare(a: PortfolioViewRow, b: PortfolioViewRow, sort: PortfolioQuery["sort"]): number {
  switch (sort) {
    case "readiness":
      return a.readiness.percent - b.readiness.percent;
    case "risk":
      return riskRank(a.risk) - riskRank(b.risk);
    case "customer":
      return a.customerName.localeCompare(b.customerName);
    case "name":
      return a.name.localeCompare(b.name);
    case "go_live":
      // Undated implementations sort after every dated one.
      return (a.daysToGoLive ?? Number.POSITIVE_INFINITY) - (b.daysToGoLive ?? Number.POSITIVE_INFINITY);
  }
}

export function portfolioView(rows: PortfolioInputRow[], query: PortfolioQuery, today: string): PortfolioViewRow[] {
  const direction = query.dir === "desc" ? -1 : 1;
  return rows
    .map((row) => derivePortfolioRow(row, today))
    .filter((row) => matches(row, query))
    .sort((a, b) => direction * compare(a, b, query.sort) || a.name.localeCompare(b.name));
}
