import { Badge } from "@/components/ui/badge";
import type { PermissionResult, ScenarioResult } from "@/lib/domain/vocabulary";
import { permissionResultLabel, scenarioResultLabel } from "@/lib/format/labels";

// Results spelled out, with a symbol; colour only reinforces them.

const permissionTone = {
  unverified: { tone: "neutral", symbol: "○" },
  granted: { tone: "good", symbol: "✓" },
  denied: { tone: "bad", symbol: "✕" },
  error: { tone: "warn", symbol: "!" },
} as const;

export function PermissionResultBadge({ result }: { result: PermissionResult }) {
  const { tone, symbol } = permissionTone[result];
  return (
    <Badge tone={tone}>
      <span aria-hidden="true">{symbol}</span>
      {permissionResultLabel[result]}
    </Badge>
  );
}

const scenarioTone = {
  not_run: { tone: "neutral", symbol: "○" },
  pass: { tone: "good", symbol: "✓" },
  fail: { tone: "bad", symbol: "✕" },
} as const;

export function ScenarioResultBadge({ result }: { result: ScenarioResult }) {
  const { tone, symbol } = scenarioTone[result];
  return (
    <Badge tone={tone}>
      <span aria-hidden="true">{symbol}</span>
      {scenarioResultLabel[result]}
    </Badge>
  );
}

export function DriftBadge({ wrap = false }: { wrap?: boolean }) {
  return (
    <Badge tone="bad" wrap={wrap}>
      <span aria-hidden="true">⚠</span>
      Works in sandbox/test, unproven in production
    </Badge>
  );
}

export function StaleBadge() {
  return (
    <Badge tone="warn">
      <span aria-hidden="true">◔</span>
      Stale
    </Badge>
  );
}
