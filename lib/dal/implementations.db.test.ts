import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { configurationChanges, evidence, implementations } from "@/db/schema";
import { seedId } from "@/db/seed";
import { evidenceStaleness } from "@/lib/domain/readiness";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { recordConfigurationChange } from "./configuration";
import { DomainError } from "./errors";
import { getGate, refreshGateState } from "./gate";
import { getImplementation, getImplementationSummary, listPortfolio } from "./implementations";

const demo = withDemoDatabase();
const { v } = demo;

const riverbendImpl = seedId("impl:riverbend-appointments");
const lakeshoreImpl = seedId("impl:lakeshore-availability");

describe("listPortfolio", () => {
  it("shows vendor staff every implementation", async () => {
    for (const person of ["admin", "manager", "engineer"] as const) {
      const rows = (await listPortfolio(v[person])).rows;
      expect(rows).toHaveLength(5);
    }
  });

  it("shows customer IT only their own organization's implementations", async () => {
    const riverbend = (await listPortfolio(v.riverbend!)).rows;
    expect(riverbend.map((r) => r.customerName)).toEqual([
      "Riverbend Health (fictional)",
      "Riverbend Health (fictional)",
    ]);
    const lakeshore = (await listPortfolio(v.lakeshore!)).rows;
    expect(lakeshore).toHaveLength(3);
    expect(lakeshore.every((r) => r.customerName === "Lakeshore Medical Group (fictional)")).toBe(true);
  });

  it("counts items by status, required items done and open go-live blockers", async () => {
    const rows = (await listPortfolio(v.manager!)).rows;
    const appointments = rows.find((r) => r.id === riverbendImpl)!;
    expect(appointments.items.total).toBe(11);
    expect(appointments.items.goLiveBlockers).toBe(1);
    expect(appointments.items.byStatus.blocked).toBe(1);
    expect(Object.values(appointments.items.byStatus).reduce((a, b) => a + b, 0)).toBe(11);
    // Done as the gate counts it: the live implementation's operational items were validated
    // more than the freshness window ago, so their sign-offs no longer count.
    const live = rows.find((r) => r.status === "live")!;
    const gate = await getGate(v.manager!, live.id);
    expect(live.items.requiredDone).toBe(gate.requiredItemsDone);
    expect(live.items.required).toBe(9);
    expect(live.items.requiredDone).toBe(6);
  });

  // Stale evidence per implementation by the pure rule, over the latest evidence of each kind
  // per item and environment.
  async function staleByRule(): Promise<Map<string, number>> {
    const db = demo.db;
    const [allEvidence, changes, impls] = await Promise.all([
      db.select().from(evidence),
      db.select().from(configurationChanges),
      db.select().from(implementations),
    ]);
    const latest = new Map<string, (typeof allEvidence)[number]>();
    for (const e of allEvidence) {
      const key = `${e.checklistItemId}|${e.environmentId}|${e.kind}`;
      const seen = latest.get(key);
      if (!seen || seen.observedAt < e.observedAt) latest.set(key, e);
    }
    const expected = new Map<string, number>();
    for (const e of latest.values()) {
      const impl = impls.find((i) => i.id === e.implementationId)!;
      const verdict = evidenceStaleness(e, {
        now: new Date(),
        freshnessWindowDays: impl.freshnessWindowDays,
        configurationChanges: changes.filter((c) => c.implementationId === impl.id),
      });
      if (verdict.stale) expected.set(impl.id, (expected.get(impl.id) ?? 0) + 1);
    }
    return expected;
  }

  it("counts stale evidence exactly as the staleness rule does", async () => {
    const expected = await staleByRule();
    const rows = (await listPortfolio(v.admin!)).rows;
    for (const row of rows) expect(row.staleEvidence, row.name).toBe(expected.get(row.id) ?? 0);
    // The demo has both kinds: evidence past the window, and evidence from before a change.
    expect(rows.find((r) => r.id === riverbendImpl)!.staleEvidence).toBeGreaterThan(0);
    expect(rows.find((r) => r.id === seedId("impl:lakeshore-documents"))!.staleEvidence).toBeGreaterThan(0);
  });

  it("counts a change to every environment against all evidence, and a change to one environment only against its own", async () => {
    const db = demo.db;
    const before = new Map(((await listPortfolio(v.admin!)).rows).map((r) => [r.id, r.staleEvidence]));
    // Through the DAL, as the app records them: the write refreshes the maintained summary.
    const manager = v.manager!;
    const added = [
      // Touches every environment of Riverbend appointments, an hour ago.
      await recordConfigurationChange(manager, { implementationId: riverbendImpl, environmentId: null, changedAt: new Date(Date.now() - 3_600_000), note: "Everywhere" }),
      // Touches only the sandbox of Lakeshore availability.
      await recordConfigurationChange(manager, { implementationId: lakeshoreImpl, environmentId: seedId("env:lakeshore-availability:sandbox"), changedAt: new Date(Date.now() - 3_600_000), note: "Sandbox only" }),
    ];
    try {
      const expected = await staleByRule();
      const rows = (await listPortfolio(v.admin!)).rows;
      for (const row of rows) expect(row.staleEvidence, row.name).toBe(expected.get(row.id) ?? 0);
      expect(rows.find((r) => r.id === riverbendImpl)!.staleEvidence).toBeGreaterThan(before.get(riverbendImpl)!);
    } finally {
      for (const { id } of added) await db.delete(configurationChanges).where(eq(configurationChanges.id, id));
      // Removed behind the DAL's back: bring the two summaries back in line with the facts.
      for (const id of [riverbendImpl, lakeshoreImpl]) await db.transaction((tx) => refreshGateState(tx, id));
    }
  });

  it("orders by go-live date, undated last", async () => {
    const rows = (await listPortfolio(v.admin!)).rows;
    const dates = rows.map((r) => r.goLiveDate);
    expect(dates.at(-1)).toBeNull();
    const dated = dates.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort());
  });
});

describe("getImplementation", () => {
  it("returns the header, three environments and the checklist in template order", async () => {
    const impl = await getImplementation(v.engineer!, riverbendImpl);
    expect(impl.customerName).toBe("Riverbend Health (fictional)");
    expect(impl.environments.map((e) => e.kind)).toEqual(["sandbox", "test", "production"]);
    expect(impl.items).toHaveLength(11);
    expect(impl.items[0]?.title).toBe("Non-production testing");
  });

  it("lets customer IT open their own organization's implementation", async () => {
    const impl = await getImplementation(v.riverbend!, riverbendImpl);
    expect(impl.id).toBe(riverbendImpl);
  });

  it("answers another organization's id, a missing id and a malformed id with the same not found", async () => {
    const viewer = v.riverbend!;
    const attempts = [lakeshoreImpl, seedId("impl:does-not-exist"), "not-a-uuid", "' OR 1=1--"];
    const errors = await Promise.all(
      attempts.map((id) => getImplementation(viewer, id).then(() => null, (e: unknown) => e)),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "not_found", message: "Implementation was not found." });
    }
  });
});

describe("getImplementationSummary", () => {
  it("gives its own organization the header and environments, and anyone else the same not found", async () => {
    const own = await getImplementationSummary(v.riverbend!, riverbendImpl);
    expect(own).toMatchObject({ id: riverbendImpl, customerName: "Riverbend Health (fictional)" });
    expect(own.environments.map((e) => e.kind)).toEqual(["sandbox", "test", "production"]);
    for (const id of [lakeshoreImpl, seedId("impl:does-not-exist"), "nope"]) {
      await expect(getImplementationSummary(v.riverbend!, id)).rejects.toMatchObject({ code: "not_found" });
    }
  });
});
