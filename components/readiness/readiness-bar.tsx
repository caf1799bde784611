import type { BarStanding } from "@/lib/domain/forecast";

// "Not counting": marked signed off or waived, but the gate does not count it (see its reasons).
// Required items by status as one stacked bar, drawn as plain HTML on the server (no chart
// library, no client JavaScript: the portfolio stays cheap). The bar is a picture only; the
// same numbers are in the list beside it, each with its symbol, so nothing is told by colour.

// `ink` is the fill as a text colour: the compact list colours its symbols with it instead of
// drawing a swatch beside each (a portfolio page draws 100 of these lists).
const segments: { status: BarStanding; label: string; symbol: string; fill: string; ink: string }[] = [
  { status: "signed_off", label: "signed off", symbol: "✓", fill: "bg-emerald-600", ink: "text-emerald-700" },
  { status: "waived", label: "waived", symbol: "–", fill: "bg-teal-300", ink: "text-teal-600" },
  { status: "not_counting", label: "not counting", symbol: "!", fill: "bg-orange-500", ink: "text-orange-600" },
  { status: "ready_for_signoff", label: "ready for sign-off", symbol: "◆", fill: "bg-sky-500", ink: "text-sky-600" },
  { status: "in_progress", label: "in progress", symbol: "◐", fill: "bg-amber-400", ink: "text-amber-600" },
  { status: "blocked", label: "blocked", symbol: "✕", fill: "bg-rose-600", ink: "text-rose-700" },
  { status: "not_started", label: "not started", symbol: "○", fill: "bg-slate-200", ink: "text-slate-500" },
];

// The bar itself: a picture only (aria-hidden), each segment as wide as its share.
function Bar({ byStatus, shown, total, height }: { byStatus: Record<BarStanding, number>; shown: typeof segments; total: number; height: string }) {
  return (
    // The segments' shared look is set here once (`*:`), not on each segment.
    <div className={`flex w-full overflow-hidden rounded-full bg-slate-100 ${height} *:h-full *:border-r *:border-white *:last:border-r-0`} aria-hidden="true" data-chart="readiness-bar">
      {total > 0
        ? shown.map((s) => (
            <div key={s.status} className={s.fill} style={{ width: `${((byStatus[s.status] ?? 0) / total) * 100}%` }} title={`${byStatus[s.status]} ${s.label}`} />
          ))
        : null}
    </div>
  );
}

function standing(byStatus: Record<BarStanding, number>) {
  return {
    total: segments.reduce((n, s) => n + (byStatus[s.status] ?? 0), 0),
    shown: segments.filter((s) => (byStatus[s.status] ?? 0) > 0),
  };
}

// The implementation page's bar, with a swatch beside each number in its list.
export function ReadinessBar({ byStatus, label = "Required items by status" }: { byStatus: Record<BarStanding, number>; label?: string }) {
  const { total, shown } = standing(byStatus);
  return (
    <div className="min-w-0">
      <Bar byStatus={byStatus} shown={shown} total={total} height="h-3" />
      <ul aria-label={label} className="mt-1 flex flex-wrap gap-x-2 gap-y-0.5 text-sm text-slate-700">
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

// The portfolio's bar, drawn twice per row (table and phone card): the fewest elements, the
// symbols in the bar's colours instead of a swatch each.
export function CompactReadinessBar({ byStatus, label }: { byStatus: Record<BarStanding, number>; label: string }) {
  const { total, shown } = standing(byStatus);
  return (
    <div className="min-w-0">
      <Bar byStatus={byStatus} shown={shown} total={total} height="h-2" />
      <ul aria-label={label} className="mt-1 flex flex-wrap gap-x-2 gap-y-0.5 text-xs text-slate-700 *:whitespace-nowrap">
        {total === 0 ? <li>No required items</li> : null}
        {shown.map((s) => (
          <li key={s.status}>
            <span aria-hidden="true" className={s.ink}>
              {s.symbol}
            </span>
            {` ${byStatus[s.status]} ${s.label}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
