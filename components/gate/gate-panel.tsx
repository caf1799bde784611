import Link from "next/link";
import type { GateView } from "@/lib/dal/gate";
import { groupReasons } from "@/lib/domain/gate-groups";
import type { GateVerdict } from "@/lib/domain/vocabulary";
import { gateVerdictLabel } from "@/lib/format/labels";
import { VerdictWordBadge } from "./verdict-badge";

export function VerdictBadge({ verdict }: { verdict: GateVerdict }) {
  return <VerdictWordBadge verdict={verdict} label={gateVerdictLabel[verdict]} />;
}

const verdictStyle: Record<GateVerdict, { box: string; symbol: string }> = {
  go: { box: "border-emerald-400 bg-emerald-50 text-emerald-950", symbol: "✓" },
  conditional_go: { box: "border-amber-400 bg-amber-50 text-amber-950", symbol: "◆" },
  no_go: { box: "border-rose-400 bg-rose-50 text-rose-950", symbol: "✕" },
};


// On the page, a long list shows its first few groups and folds the rest; the printed report
// shows every reason.
const FOLD_AFTER = 5;

type Reason = GateView["reasons"][number];

// Reasons grouped by what they are about (an item, a register) and who can act on it; each
// says what would clear it.
function ReasonList({ label, reasons, symbol, symbolClass, links }: { label: string; reasons: Reason[]; symbol: string; symbolClass: string; links: boolean }) {
  const groups = groupReasons(reasons);
  const group = ({ group: g, reasons: rs }: (typeof groups)[number]) => (
    <li key={g.key}>
      <p className="font-medium text-slate-900">
        {g.label}
        <span className="font-normal text-slate-600"> · {g.ownerName ? `owner: ${g.ownerName}` : "no owner yet"}</span>
      </p>
      <ul className="mt-0.5 space-y-1 pl-1">
        {rs.map((r) => (
          <li key={r.key} className="flex gap-2">
            <span aria-hidden="true" className={symbolClass}>{symbol}</span>
            <span>
              {links ? (
                <Link href={r.href} className="underline decoration-slate-300 hover:decoration-slate-700">
                  {r.message}
                </Link>
              ) : (
                <span>{r.message}</span>
              )}
              {r.clear ? <span className="block text-xs text-slate-600">To clear: {r.clear}</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
  const fold = links && groups.length > FOLD_AFTER + 1;
  const first = fold ? groups.slice(0, FOLD_AFTER) : groups;
  return (
    <>
      <ul className="mt-1 space-y-2 text-sm" aria-label={label}>
        {first.map(group)}
      </ul>
      {fold ? (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-slate-700">Show {groups.length - FOLD_AFTER} more</summary>
          <ul className="mt-1 space-y-2" aria-label={`${label} (more)`}>
            {groups.slice(FOLD_AFTER).map(group)}
          </ul>
        </details>
      ) : null}
    </>
  );
}

// The gate's verdict and every reason behind it, each linked to where it can be cleared.
// `links` is off in the printed report.
export type GateSummaryData = Pick<GateView, "verdict" | "reasons" | "waivers" | "requiredItems" | "requiredItemsDone">;

export function GateSummary({ gate, links = true }: { gate: GateSummaryData; links?: boolean }) {
  const blocking = gate.reasons.filter((r) => r.severity === "blocking");
  const risks = gate.reasons.filter((r) => r.severity === "risk");
  const style = verdictStyle[gate.verdict];
  return (
    <div>
      <p className={`inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-lg font-semibold ${style.box}`}>
        <span aria-hidden="true">{style.symbol}</span>
        Gate: {gateVerdictLabel[gate.verdict]}
      </p>
      <p className="mt-2 text-sm text-slate-700">
        {gate.requiredItemsDone} of {gate.requiredItems} required items signed off or waived.{" "}
        {gate.verdict === "go"
          ? "Every condition for go-live holds."
          : gate.verdict === "conditional_go"
            ? "Nothing blocks go-live, but each risk below needs a named person to accept it."
            : "The reasons below block go-live."}
      </p>
      {blocking.length > 0 ? (
        <>
          <h3 className="mt-3 text-sm font-semibold">Blocking ({blocking.length})</h3>
          <ReasonList label="Blocking reasons" reasons={blocking} symbol="✕" symbolClass="text-rose-700" links={links} />
        </>
      ) : null}
      {risks.length > 0 ? (
        <>
          <h3 className="mt-3 text-sm font-semibold">Risks to accept ({risks.length})</h3>
          <ReasonList label="Risks" reasons={risks} symbol="◆" symbolClass="text-amber-700" links={links} />
        </>
      ) : null}
      {gate.waivers.length > 0 ? (
        <>
          <h3 className="mt-3 text-sm font-semibold">Waived ({gate.waivers.length})</h3>
          <ul className="mt-1 space-y-1 text-sm" aria-label="Waivers in force">
            {gate.waivers.map((w) => (
              <li key={w.itemId}>
                “{w.title}” waived until {w.expiresOn}, approved by {w.approverName}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
