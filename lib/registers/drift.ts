import { evidenceStaleness, type StalenessContext } from "@/lib/domain/readiness";
import type { EnvironmentKind, PermissionInterface, PermissionResult } from "@/lib/domain/vocabulary";

// Permission drift: a permission proven in sandbox or test but not in production is the
// classic "works in sandbox" go-live failure. Staleness follows the evidence rule: a result
// older than the freshness window, or than a later configuration change, proves nothing now.

export type MatrixCell = {
  environmentId: string;
  environmentKind: EnvironmentKind;
  result: PermissionResult;
  checkedAt: Date | null;
};

export type MatrixRow = {
  id: string;
  interface: PermissionInterface;
  permission: string;
  required: boolean;
  cells: MatrixCell[];
};

export type Drift = {
  requirementId: string;
  interface: PermissionInterface;
  permission: string;
  required: boolean;
  grantedIn: EnvironmentKind[];
  production: PermissionResult;
};

const production = (row: MatrixRow): PermissionResult =>
  row.cells.find((c) => c.environmentKind === "production")?.result ?? "unverified";

// Null when the row does not drift.
export function rowDrift(row: MatrixRow): Drift | null {
  const grantedIn = row.cells
    .filter((c) => c.environmentKind !== "production" && c.result === "granted")
    .map((c) => c.environmentKind);
  const prod = production(row);
  if (grantedIn.length === 0 || prod === "granted") return null;
  return { requirementId: row.id, interface: row.interface, permission: row.permission, required: row.required, grantedIn, production: prod };
}

// An unverified cell asserts nothing, so it cannot be stale.
export function cellStale(cell: MatrixCell, context: StalenessContext): boolean {
  if (cell.result === "unverified" || !cell.checkedAt) return false;
  return evidenceStaleness({ observedAt: cell.checkedAt, environmentId: cell.environmentId }, context).stale;
}

export type PermissionSummary = {
  rows: number;
  requiredRows: number;
  // Required rows granted in production by a result that is not stale: what the gate needs.
  productionGranted: number;
  // Required rows granted in production, but by a stale result.
  productionGrantedStale: number;
  // Required rows not (freshly) granted in production.
  requiredMissing: { requirementId: string; interface: PermissionInterface; permission: string; production: PermissionResult; stale: boolean }[];
  drift: Drift[];
  // Cells whose result is stale, in any environment.
  stale: number;
};

export function summarizePermissions(rows: MatrixRow[], context: StalenessContext): PermissionSummary {
  const summary: PermissionSummary = { rows: rows.length, requiredRows: 0, productionGranted: 0, productionGrantedStale: 0, requiredMissing: [], drift: [], stale: 0 };
  for (const row of rows) {
    const drift = rowDrift(row);
    if (drift) summary.drift.push(drift);
    summary.stale += row.cells.filter((c) => cellStale(c, context)).length;
    if (!row.required) continue;
    summary.requiredRows += 1;
    const prodCell = row.cells.find((c) => c.environmentKind === "production");
    const stale = prodCell ? cellStale(prodCell, context) : false;
    if (prodCell?.result === "granted" && !stale) summary.productionGranted += 1;
    else {
      if (prodCell?.result === "granted") summary.productionGrantedStale += 1;
      summary.requiredMissing.push({ requirementId: row.id, interface: row.interface, permission: row.permission, production: prodCell?.result ?? "unverified", stale });
    }
  }
  return summary;
}
