import type { PortfolioRow } from "@/lib/dal/implementations";
import { readiness, type Readiness, type Risk } from "@/lib/domain/readiness";
import { daysUntil } from "@/lib/format/dates";

// The portfolio row as shown. Everything that decides (verdict, forecast, counts) comes from
// the maintained readiness summary, itself derived by the gate (lib/domain/gate-rules.ts) and goLiveRisk
// (lib/domain/readiness.ts); filter, sort and paging happen in SQL (lib/dal/implementations.ts). This
// only shapes a row for the screen: days left, readiness as a fraction, the forecast with why.

// The portfolio row as the DAL reads it (type only: this file does no I/O).
export type PortfolioInputRow = PortfolioRow;

export type PortfolioViewRow = PortfolioInputRow & { daysToGoLive: number | null; readiness: Readiness; forecast: Risk };

export function derivePortfolioRow(row: PortfolioInputRow, today: string): PortfolioViewRow {
  return {
    ...row,
    daysToGoLive: row.goLiveDate ? daysUntil(row.goLiveDate, today) : null,
    readiness: readiness(row.items.requiredDone, row.items.required),
    forecast: { level: row.risk === "not_tracked" ? null : row.risk, reasons: row.riskExplanation },
  };
}

// "3 blocking · 2 risks": the gate's reasons at a glance, in words (never by colour alone).
export function reasonCounts(row: Pick<PortfolioRow, "blockingReasons" | "riskReasons">): string {
  const parts: string[] = [];
  if (row.blockingReasons > 0) parts.push(`${row.blockingReasons} blocking`);
  if (row.riskReasons > 0) parts.push(`${row.riskReasons} ${row.riskReasons === 1 ? "risk" : "risks"}`);
  return parts.length > 0 ? parts.join(" · ") : "No open reasons";
}
