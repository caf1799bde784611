import { parseTicketUrl } from "@/lib/domain/tickets";
import type { BlockerSeverity } from "@/lib/domain/vocabulary";
import { toCsv } from "@/lib/format/csv";
import { severityLabel } from "@/lib/format/labels";

// The blockers view as CSV, same columns as the page, for the weekly status meeting.

type Row = {
  implementationName: string;
  customerName: string;
  itemTitle: string;
  severity: BlockerSeverity;
  reason: string;
  ownerName: string | null;
  blockedSince: string;
  daysBlocked: number;
  goLiveDate: string | null;
  daysToGoLive: number | null;
  ticketUrl: string | null;
};

export function blockersCsv(rows: Row[]): string {
  return toCsv(
    ["Implementation", "Customer", "Item", "Severity", "Reason", "Owner", "Blocked since", "Days blocked", "Go-live date", "Days to go-live", "Ticket", "Ticket link"],
    rows.map((r) => [
      r.implementationName,
      r.customerName,
      r.itemTitle,
      severityLabel[r.severity],
      r.reason,
      r.ownerName ?? "Unassigned",
      r.blockedSince,
      r.daysBlocked,
      r.goLiveDate ?? "",
      r.daysToGoLive ?? "",
      r.ticketUrl ? (parseTicketUrl(r.ticketUrl).key ?? "") : "",
      r.ticketUrl ?? "",
    ]),
  );
}
