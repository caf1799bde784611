import { Badge } from "@/components/ui/badge";
import { cutoverStepStateLabel, phaseStandingLabel, type CutoverStepState, type PhaseStanding } from "@/lib/domain/cutover";

// How a phase or a cutover step stands, spelled out: the colour and the symbol only repeat the
// words. The same symbols mark the timeline and the cutover picture.

const phaseTone = {
  exit_met: { tone: "good", symbol: "✓" },
  overdue: { tone: "bad", symbol: "!" },
  current: { tone: "info", symbol: "▶" },
  planned: { tone: "neutral", symbol: "○" },
  not_planned: { tone: "neutral", symbol: "–" },
} as const satisfies Record<PhaseStanding, { tone: string; symbol: string }>;

export const stepSymbol: Record<CutoverStepState, string> = { done: "✓", overdue: "!", open: "○" };

const stepTone = { done: "good", overdue: "bad", open: "neutral" } as const satisfies Record<CutoverStepState, string>;

export function PhaseStandingBadge({ standing }: { standing: PhaseStanding }) {
  const { tone, symbol } = phaseTone[standing];
  return (
    <Badge tone={tone} wrap>
      <span aria-hidden="true">{symbol}</span>
      {phaseStandingLabel[standing]}
    </Badge>
  );
}

export function CutoverStepBadge({ state }: { state: CutoverStepState }) {
  return (
    <Badge tone={stepTone[state]}>
      <span aria-hidden="true">{stepSymbol[state]}</span>
      {cutoverStepStateLabel[state]}
    </Badge>
  );
}
