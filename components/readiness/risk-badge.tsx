import { Badge } from "@/components/ui/badge";
import type { Risk } from "@/lib/domain/readiness";

const presentation = {
  late: { tone: "bad", symbol: "✕", label: "Late" },
  at_risk: { tone: "warn", symbol: "!", label: "At risk" },
  on_track: { tone: "good", symbol: "✓", label: "On track" },
  none: { tone: "neutral", symbol: "–", label: "Not tracked" },
} as const;

// The derived risk level, spelled out, with the reasons behind it one click away.
export function RiskBadge({ risk }: { risk: Risk }) {
  const p = presentation[risk.level ?? "none"];
  return (
    <details className="group">
      <summary className="cursor-pointer list-none" aria-label={`Risk: ${p.label}. Show why`}>
        <Badge tone={p.tone}>
          <span aria-hidden="true">{p.symbol}</span>
          {p.label}
          <span aria-hidden="true" className="text-[0.6rem] group-open:rotate-180">▾</span>
        </Badge>
      </summary>
      <ul className="mt-2 max-w-xs list-disc space-y-1 pl-4 text-xs text-slate-700">
        {risk.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </details>
  );
}
