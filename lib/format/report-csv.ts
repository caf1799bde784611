import type { ReadinessReport } from "@/lib/dal/report";
import { toCsv } from "@/lib/format/csv";

// The readiness report's items as CSV, for the go-live meeting's spreadsheet.

export function reportItemsCsv(report: ReadinessReport): string {
  const head = [
    "Position",
    "Item",
    "Category",
    "Required",
    "Status",
    "Version",
    "Owner",
    "Due date",
    "Next step",
    "What changed",
    "What was tested",
    "What still needs proof",
    "Evidence",
    "Current sign-offs",
    "Waiver",
    "Blocker",
  ];
  const rows = report.items.map((i) => [
    i.position + 1,
    i.title,
    i.category,
    i.required ? "yes" : "no",
    i.status,
    i.version,
    i.ownerName ?? "",
    i.dueDate ?? "",
    i.nextStep,
    i.whatChanged,
    i.whatWasTested,
    i.whatNeedsProof,
    i.evidence.map((e) => `${e.environment} ${e.kind} ${e.outcome} ${e.observedAt.slice(0, 10)}: ${e.whatWasTested}`).join(" | "),
    i.signOffs
      .filter((s) => !s.superseded)
      .map((s) => `${s.decision} by ${s.signerName} (${s.role}) v${s.itemVersion} ${s.signedAt.slice(0, 16)}Z`)
      .join(" | "),
    i.waiver ? `until ${i.waiver.expiresOn}, approved by ${i.waiver.approverName}: ${i.waiver.reason}` : "",
    i.status === "blocked" && i.blockerReason ? `${i.blockerSeverity} since ${i.blockedSince}: ${i.blockerReason}` : "",
  ]);
  return toCsv(head, rows);
}
