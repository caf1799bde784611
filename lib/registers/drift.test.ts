import { describe, expect, it } from "vitest";
import type { EnvironmentKind, PermissionResult } from "@/lib/domain/vocabulary";
import { cellStale, rowDrift, summarizePermissions, type MatrixRow } from "./drift";

const now = new Date("2026-05-01T12:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const context = { now, freshnessWindowDays: 14, configurationChanges: [] };

function row(id: string, results: [PermissionResult, PermissionResult, PermissionResult], required = true, checkedDaysAgo = 1): MatrixRow {
  const kinds: EnvironmentKind[] = ["sandbox", "test", "production"];
  return {
    id,
    interface: "fhir_api",
    permission: `system/${id}.rs`,
    required,
    cells: kinds.map((kind, i) => ({
      environmentId: `env-${kind}`,
      environmentKind: kind,
      result: results[i]!,
      checkedAt: results[i] === "unverified" ? null : daysAgo(checkedDaysAgo),
    })),
  };
}

describe("rowDrift", () => {
  it.each<[PermissionResult, PermissionResult, PermissionResult, boolean]>([
    ["granted", "unverified", "unverified", true],
    ["unverified", "granted", "denied", true],
    ["granted", "granted", "error", true],
    ["granted", "granted", "granted", false],
    ["unverified", "unverified", "unverified", false],
    ["denied", "denied", "unverified", false],
    ["unverified", "unverified", "granted", false],
  ])("sandbox %s, test %s, production %s → drift %s", (sandbox, test, production, drifts) => {
    expect(rowDrift(row("A", [sandbox, test, production])) !== null).toBe(drifts);
  });

  it("says where it worked and what production answered", () => {
    expect(rowDrift(row("Slot", ["granted", "granted", "denied"]))).toMatchObject({ grantedIn: ["sandbox", "test"], production: "denied" });
  });

  it("treats a missing production cell as unverified", () => {
    const r = row("Slot", ["granted", "unverified", "unverified"]);
    r.cells = r.cells.filter((c) => c.environmentKind !== "production");
    expect(rowDrift(r)?.production).toBe("unverified");
  });
});

describe("cellStale", () => {
  it("is stale past the freshness window or before a later configuration change, never when unverified", () => {
    const [cell] = row("A", ["granted", "granted", "granted"], true, 20).cells;
    expect(cellStale(cell!, context)).toBe(true);
    const fresh = row("A", ["granted", "granted", "granted"], true, 2).cells[2]!;
    expect(cellStale(fresh, context)).toBe(false);
    expect(cellStale(fresh, { ...context, configurationChanges: [{ changedAt: daysAgo(1), environmentId: "env-production" }] })).toBe(true);
    expect(cellStale(fresh, { ...context, configurationChanges: [{ changedAt: daysAgo(1), environmentId: "env-test" }] })).toBe(false);
    expect(cellStale({ ...fresh, result: "unverified", checkedAt: null }, context)).toBe(false);
  });
});

describe("summarizePermissions", () => {
  it("counts required rows freshly granted in production, drift and stale cells", () => {
    const summary = summarizePermissions(
      [
        row("Appointment", ["granted", "granted", "granted"]),
        row("Slot", ["granted", "granted", "denied"]),
        row("Schedule", ["granted", "granted", "granted"], true, 30),
        row("Location", ["granted", "unverified", "unverified"], false),
      ],
      context,
    );
    expect(summary).toMatchObject({ rows: 4, requiredRows: 3, productionGranted: 1, productionGrantedStale: 1, stale: 3 });
    expect(summary.drift.map((d) => d.permission)).toEqual(["system/Slot.rs", "system/Location.rs"]);
    expect(summary.requiredMissing.map((m) => [m.permission, m.production, m.stale])).toEqual([
      ["system/Slot.rs", "denied", false],
      ["system/Schedule.rs", "granted", true],
    ]);
  });

  it("is all zeros for an empty matrix", () => {
    expect(summarizePermissions([], context)).toEqual({ rows: 0, requiredRows: 0, productionGranted: 0, productionGrantedStale: 0, requiredMissing: [], drift: [], stale: 0 });
  });
});
