import { readFileSync } from "node:fs";
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedId } from "@/db/seed";
import { canonicalJson, type Json } from "@/lib/domain/sign-off-snapshot";
import type { Viewer } from "@/lib/domain/viewer";
import { blockItemSchema, recordEvidenceSchema, unblockItemSchema, updateItemSchema } from "@/lib/validation/checklist";
import { recordConfigurationChangeSchema } from "@/lib/validation/configuration";
import { recordPermissionCheckSchema, recordScenarioResultSchema } from "@/lib/validation/registers";
import { revokeWaiverSchema, signOffItemSchema, waiveItemSchema } from "@/lib/validation/sign-offs";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { blockItem, recordEvidence, unblockItem, updateItem } from "./checklist";
import { recordConfigurationChange } from "./configuration";
import { DomainError } from "./errors";
import { rebuildSummary, refreshDueSummaries } from "./gate";
import { recordPermissionCheck } from "./permissions";
import { getSignOffPanel, revokeWaiver, signOffItem, waiveItem } from "./sign-offs";
import { recordScenarioResult } from "./test-patients";

// The maintained readiness summary must equal one rebuilt from scratch after any sequence of
// accepted writes: a write that forgets to refresh it, or a `until` that misses a flip, shows
// here as a difference.

const fresh = (viewer: Viewer): Viewer => ({ ...viewer, session: { id: "session-summary", signedInAt: new Date(Date.now() - 60_000) } });
const demo = withDemoDatabase({ viewer: fresh });
const { v } = demo;
// The seed writes behind the DAL: build the summaries once, as the first portfolio read would.
beforeAll(async () => {
  await refreshDueSummaries(v.manager);
});

const impls = ["riverbend-appointments", "riverbend-demographics", "lakeshore-availability"].map((k) => seedId(`impl:${k}`));

// A small deterministic generator, so a failing sequence can be replayed.
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function differences(now = new Date()) {
  const rows = await demo.db.select().from(s.readinessSummaries).where(inArray(s.readinessSummaries.implementationId, impls));
  const found: string[] = [];
  for (const id of impls) {
    const stored = rows.find((r) => r.implementationId === id);
    const rebuilt = await rebuildSummary(id, now);
    if (!stored || !rebuilt) {
      found.push(`${id}: missing`);
      continue;
    }
    const { implementationId: _id, evaluatedAt: _at, ...maintained } = stored;
    for (const [key, value] of Object.entries(rebuilt)) {
      const mine = (maintained as Record<string, unknown>)[key];
      // Compared as canonical JSON: a jsonb column gives its keys back in its own order.
      const a = canonicalJson(JSON.parse(JSON.stringify(mine ?? null)) as Json);
      const b = canonicalJson(JSON.parse(JSON.stringify(value ?? null)) as Json);
      if (a !== b) found.push(`${id} ${key}: maintained ${a}, rebuilt ${b}`);
    }
  }
  return found;
}

describe("the maintained readiness summary", () => {
  it("gets its per-role waiting counts from the migration that added them as the summary derives them", async () => {
    // The migration fills the new column for existing rows in SQL; it must agree with the code.
    const migration = readFileSync(new URL("../../db/migrations/0022_summary_waiting_by_role.sql", import.meta.url), "utf8");
    const backfill = migration.split("--> statement-breakpoint").find((part) => part.includes("UPDATE"))!;
    const rows = await demo.db.select().from(s.readinessSummaries).where(inArray(s.readinessSummaries.implementationId, impls));
    expect(rows.some((r) => Object.keys(r.waitingByRole).length > 0)).toBe(true);
    await demo.db.update(s.readinessSummaries).set({ waitingByRole: {} }).where(inArray(s.readinessSummaries.implementationId, impls));
    expect((await differences()).some((d) => d.includes("waitingByRole"))).toBe(true);
    await demo.db.execute(sql.raw(backfill));
    expect(await differences()).toEqual([]);
  });

  it("equals a rebuild from scratch after a long random sequence of writes", async () => {
    const random = mulberry32(20261202);
    const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const db = demo.db;
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 - 3_600_000).toISOString().slice(0, 16);
    const today = new Date().toISOString().slice(0, 10);
    const counts: Record<string, number> = {};
    const rejected: Record<string, number> = {};

    const ops: Record<string, () => Promise<unknown>> = {
      async updateItem() {
        const item = pick(await db.select().from(s.checklistItems).where(inArray(s.checklistItems.implementationId, impls)));
        return updateItem(
          v.manager!,
          updateItemSchema.parse({
            itemId: item.id,
            version: String(item.version),
            ownerId: item.ownerId ?? "",
            status: pick(["in_progress", "ready_for_signoff", item.status]),
            nextStep: `Step ${Math.floor(random() * 1000)}`,
            expectedOutcome: item.expectedOutcome,
            dueDate: "",
            whatChanged: item.whatChanged,
            whatWasTested: item.whatWasTested,
            whatNeedsProof: item.whatNeedsProof,
          }),
        );
      },
      async recordEvidence() {
        const item = pick(await db.select().from(s.checklistItems).where(inArray(s.checklistItems.implementationId, impls)));
        const env = pick(await db.select().from(s.environments).where(eq(s.environments.implementationId, item.implementationId)));
        return recordEvidence(
          v.manager!,
          recordEvidenceSchema.parse({
            itemId: item.id,
            environmentId: env.id,
            kind: pick(["technical", "operational"]),
            whatWasTested: "Synthetic check for the summary test",
            outcome: pick(["pass", "pass", "fail", "inconclusive"]),
            observedAt: daysAgo(Math.floor(random() * 25)),
            linkUrl: "",
          }),
        );
      },
      async signOff() {
        const ready = await db.select().from(s.checklistItems).where(inArray(s.checklistItems.implementationId, impls));
        const item = pick(ready.filter((i) => i.status === "ready_for_signoff").concat(ready.slice(0, 1)));
        const signer = pick([v.manager!, v.engineer!, item.implementationId === impls[2] ? v.lakeshore! : v.riverbend!]);
        const panel = await getSignOffPanel(signer, item.implementationId, item.id);
        return signOffItem(
          signer,
          signOffItemSchema.parse({ itemId: item.id, itemVersion: String(panel.version), snapshotDigest: panel.signing.snapshotDigest, decision: pick(["approve", "approve", "reject"]), comment: "Checked for the summary test" }),
        );
      },
      async block() {
        const item = pick(await db.select().from(s.checklistItems).where(inArray(s.checklistItems.implementationId, impls)));
        if (item.status === "blocked") {
          return unblockItem(v.engineer!, unblockItemSchema.parse({ itemId: item.id, version: String(item.version), resolution: "Cleared for the summary test" }));
        }
        return blockItem(
          v.manager!,
          blockItemSchema.parse({ itemId: item.id, version: String(item.version), reason: "Blocked for the summary test", severity: pick(["go_live", "post_live"]), ticketUrl: "", since: today }),
        );
      },
      async waiver() {
        const items = await db.select().from(s.checklistItems).where(inArray(s.checklistItems.implementationId, impls));
        const item = pick(items);
        if (item.status === "waived") {
          return revokeWaiver(v.manager!, revokeWaiverSchema.parse({ itemId: item.id, version: String(item.version), reason: "Revoked for the summary test" }));
        }
        const expiresOn = new Date(Date.now() + Math.floor(random() * 10) * 86_400_000).toISOString().slice(0, 10);
        return waiveItem(
          v.manager!,
          waiveItemSchema.parse({ itemId: item.id, version: String(item.version), reason: "Waived for the summary test", approverName: "Dana Cole (fictional)", expiresOn }),
        );
      },
      async permission() {
        const reqs = await db.select().from(s.permissionRequirements).where(inArray(s.permissionRequirements.implementationId, impls));
        if (reqs.length === 0) return null;
        const req = pick(reqs);
        const env = pick(await db.select().from(s.environments).where(eq(s.environments.implementationId, req.implementationId)));
        const [cell] = await db.select().from(s.permissionChecks).where(eq(s.permissionChecks.requirementId, req.id));
        const cells = await db.select().from(s.permissionChecks).where(eq(s.permissionChecks.requirementId, req.id));
        const version = cells.find((c) => c.environmentId === env.id)?.version ?? (cell ? 0 : 0);
        return recordPermissionCheck(
          v.engineer!,
          recordPermissionCheckSchema.parse({ requirementId: req.id, environmentId: env.id, version: String(version), result: pick(["granted", "denied", "error", "unverified"]), note: "" }),
        );
      },
      async scenario() {
        const scenarios = await db.select().from(s.testPatientScenarios).where(inArray(s.testPatientScenarios.implementationId, impls));
        if (scenarios.length === 0) return null;
        const sc = pick(scenarios);
        const result = pick(["pass", "fail", "not_run"]);
        return recordScenarioResult(
          v.engineer!,
          recordScenarioResultSchema.parse({ scenarioId: sc.id, version: String(sc.version), result, observedOutcome: result === "not_run" ? "" : "Observed for the summary test" }),
        );
      },
      async configurationChange() {
        const implementationId = pick(impls);
        const env = pick([...(await db.select().from(s.environments).where(eq(s.environments.implementationId, implementationId))), null]);
        return recordConfigurationChange(
          v.manager!,
          recordConfigurationChangeSchema.parse({ implementationId, environmentId: env?.id ?? "", changedAt: daysAgo(Math.floor(random() * 20)), note: "Changed for the summary test" }),
        );
      },
    };

    const names = Object.keys(ops);
    for (let step = 0; step < 100; step++) {
      const name = pick(names);
      try {
        await ops[name]!();
        counts[name] = (counts[name] ?? 0) + 1;
      } catch (error) {
        // A write the rules refuse changes nothing; anything else is a bug.
        if (!(error instanceof DomainError)) throw error;
        rejected[name] = (rejected[name] ?? 0) + 1;
        continue;
      }
      // After every accepted write, not only at the end: a later write would hide an earlier
      // one's missing refresh.
      const found = await differences();
      expect(found, `after write ${step} (${name})`).toEqual([]);
    }
    // Every kind of write was accepted at least once, or the sequence proves little.
    expect(Object.keys(counts).sort(), JSON.stringify({ counts, rejected })).toEqual([...names].sort());
    expect(await differences()).toEqual([]);
    // A long sequence with a comparison after every write: slow on a busy machine, never timed.
  }, 300_000);

  it("tells a summary left behind by a write that skipped the refresh", async () => {
    // A write behind the DAL's back (no refreshGateState): the comparison must catch it.
    const item = seedId("item:riverbend-appointments:monitoring-setup");
    await demo.db.update(s.checklistItems).set({ status: "blocked", blockerReason: "Behind the DAL", blockerSeverity: "go_live", blockedSince: "2026-11-01" }).where(eq(s.checklistItems.id, item));
    const found = await differences();
    expect(found.some((d) => d.includes("openGoLiveBlockers"))).toBe(true);
  });
});
