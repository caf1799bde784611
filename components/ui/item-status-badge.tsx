import type { ItemStatus } from "@/lib/domain/vocabulary";
import { itemStatusLabel } from "@/lib/format/labels";
import { Badge, type Tone } from "./badge";

// An item's status as a badge. Apart from Badge so that a client module using only Badge (the
// portfolio's rows) does not carry the label tables.
const statusTone: Record<ItemStatus, { tone: Tone; symbol: string }> = {
  not_started: { tone: "neutral", symbol: "○" },
  in_progress: { tone: "info", symbol: "◐" },
  blocked: { tone: "bad", symbol: "✕" },
  ready_for_signoff: { tone: "warn", symbol: "◆" },
  signed_off: { tone: "good", symbol: "✓" },
  waived: { tone: "neutral", symbol: "–" },
};

export function ItemStatusBadge({ status }: { status: ItemStatus }) {
  const { tone, symbol } = statusTone[status];
  return (
    <Badge tone={tone}>
      <span aria-hidden="true">{symbol}</span>
      {itemStatusLabel[status]}
    </Badge>
  );
}
