import type { BarStanding } from "@/lib/domain/forecast";

// "Not counting": marked signed off or waived, but the gate does not count it (see its reasons).
// Required items by status as one stacked bar, drawn as plain HTML on the server (no chart
// library, no client JavaScript: the portfolio stays cheap). The bar is a picture only; the
// same numbers are in the list beside it, each with its symbol, so nothing is told by colour.

const segments: { status: BarStanding; label: string; symbol: string; fill: string }[] = [
  { status: "signed_off", label: "signed off", symbol: "✓", fill: "bg-emerald-600" },
  { status: "waived", label: "waived", symbol: "–", fill: "bg-teal-300" },
  { status: "not_counting", label: "not counting", symbol: "!", fill: "bg-orange-500" },
  { status: "ready_for_signoff", label: "ready for sign-off", symbol: "◆", fill: "bg-sky-500" },
  { status: "in_progress", label: "in progress", symbol: "◐", fill: "bg-amber-400" },
  { status: "blocked", label: "blocked", symbol: "✕", fill: "bg-rose-600" },
  { status: "not_started", label: "not started", symbol: "○", fill: "bg-slate-200" },
];

export function readinessBarText(byStatus: Record<BarStanding, number>): string {
  const total = segments.reduce((n, s) => n + (byStatus[s.status] ?? 0), 0);
  const parts = segments.filter((s) => (byStatus[s.status] ?? 0) > 0).map((s) => `${byStatus[s.status]} ${s.label}`);
  return total === 0 ? "No required items" : `${total} required: ${parts.join(", ")}`;
}

export function ReadinessBar({ byStatus, compact = false, label = "Required items by status" }: { byStatus: Record<BarStanding, number>; compact?: boolean; label?: string }) {
  const total = segments.reduce((n, s) => n + (byStatus[s.status] ?? 0), 0);
  const shown = segments.filter((s) => (byStatus[s.status] ?? 0) > 0);
  return (
    <div className="min-w-0">
      <div className={`flex w-full overflow-hidden rounded-full bg-slate-100 ${compact ? "h-2" : "h-3"}`} aria-hidden="true" data-chart="readiness-bar">
        {total > 0
          ? shown.map((s) => (
              <div key={s.status} className={`${s.fill} h-full border-r border-white last:border-r-0`} style={{ width: `${((byStatus[s.status] ?? 0) / total) * 100}%` }} title={`${byStatus[s.status]} ${s.label}`} />
            ))
          : null}
      </div>
      <ul aria-label={label} className={`mt-1 flex flex-wrap gap-x-2 gap-y-0.5 text-slate-700 ${compact ? "text-xs" : "text-sm"}`}>
        {total === 0 ? <li>No required items</li> : null}
        {shown.map((s) => (
          <li key={s.status} className="inline-flex items-center gap-1 whitespace-nowrap">
            <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-sm ${s.fill}`} />
            <span aria-hidden="true">{s.symbol}</span>
            <span>
              <span className="font-semibold">{byStatus[s.status]}</span> {s.label}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
