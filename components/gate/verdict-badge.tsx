import { Badge } from "@/components/ui/badge";
import type { GateVerdict } from "@/lib/domain/vocabulary";

const symbol: Record<GateVerdict, string> = { go: "✓", conditional_go: "◆", no_go: "✕" };

// The gate's verdict as a badge: symbol and word, never colour alone. The word is given
// (gate-panel.tsx's VerdictBadge looks it up), so a list rendered in the browser (the
// portfolio's rows) carries neither the gate panel nor the label tables.
export function VerdictWordBadge({ verdict, label }: { verdict: GateVerdict; label: string }) {
  return (
    <Badge tone={verdict === "go" ? "good" : verdict === "conditional_go" ? "warn" : "bad"}>
      <span aria-hidden="true">{symbol[verdict]}</span>
      {label}
    </Badge>
  );
}
