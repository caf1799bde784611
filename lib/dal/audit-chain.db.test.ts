import { asc, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transaction } from "@/db";
import { auditChainHeads, auditEvents, implementations } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, demoViewer, type TestDatabase } from "@/db/testing";
import { recordAudit } from "./audit";
import { verifyAuditTrail, verifyAuditTrailFor } from "./audit-chain";

// The audit trail's hash chain: written by the database for every event, checked by the
// verifier, which must name the first event an owner changed, removed or slipped in — even
// with the append-only triggers switched off or session_replication_role = replica.

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
  // A history to tamper with: events on one implementation (its customer's chain) and the
  // vendor's own (the actor's chain), each in a transaction of its own as the app writes them.
  const manager = await demoViewer("manager@vendor.example");
  const [impl] = await testDb.handle.db.select({ id: implementations.id }).from(implementations).limit(1);
  for (let i = 0; i < 6; i++) {
    await testDb.handle.db.transaction(async (tx) => {
      await recordAudit(tx, manager, { action: "item.updated", entityType: "checklist_item", entityId: `item-${i}`, implementationId: impl!.id, before: { status: "in_progress" }, after: { status: "ready", note: `ünïcode ${i} \u202e` } });
      await recordAudit(tx, manager, { action: "user.updated", entityType: "user", entityId: `user-${i}` });
    });
  }
});
afterAll(() => testDb.drop());

class Rollback extends Error {}

// Tampers as the owner inside a transaction, verifies there, then rolls it all back.
async function tamperAndVerify(tamper: (tx: Transaction) => Promise<void>) {
  let result: Awaited<ReturnType<typeof verifyAuditTrail>> | undefined;
  await testDb.handle.db
    .transaction(async (tx) => {
      await tamper(tx);
      result = await verifyAuditTrail(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return result!;
}

async function riverbendChain() {
  const [impl] = await testDb.handle.db.select({ org: implementations.customerOrganizationId }).from(implementations).where(sql`${implementations.id} = (SELECT implementation_id FROM audit_events WHERE implementation_id IS NOT NULL LIMIT 1)`);
  const key = impl!.org;
  const events = await testDb.handle.db
    .select({ id: auditEvents.id, seq: auditEvents.chainSeq })
    .from(auditEvents)
    .where(eq(auditEvents.chainKey, key))
    .orderBy(asc(auditEvents.chainSeq));
  return { key, events };
}

describe("the audit hash chain", () => {
  it("chains every event of the seeded demo, one chain per organization, and verifies whole", async () => {
    const result = await verifyAuditTrail();
    expect(result.ok).toBe(true);
    expect(result.chains.length).toBeGreaterThan(1);
    const total = await testDb.handle.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(result.chains.reduce((sum, c) => sum + c.events, 0)).toBe(total[0]!.n);
  });

  it("stays whole and gap-free when many transactions write one organization's chain at once", async () => {
    const manager = await demoViewer("manager@vendor.example");
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        testDb.handle.db.transaction(async (tx) => {
          await recordAudit(tx, manager, { action: "test.concurrent", entityType: "test", entityId: `c${i}` });
        }),
      ),
    );
    const result = await verifyAuditTrail();
    expect(result.chains.filter((c) => c.problem)).toEqual([]);
    const [head] = await testDb.handle.db.select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, manager.organizationId));
    const seqs = await testDb.handle.db
      .select({ seq: auditEvents.chainSeq })
      .from(auditEvents)
      .where(eq(auditEvents.chainKey, manager.organizationId))
      .orderBy(asc(auditEvents.chainSeq));
    expect(seqs.map((s) => s.seq)).toEqual(Array.from({ length: head!.lastSeq }, (_, i) => i + 1));
  });

  it("names an event the owner changed with the append-only trigger switched off", async () => {
    const { events } = await riverbendChain();
    const target = events[2]!;
    const result = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete`);
      await tx.update(auditEvents).set({ after: { decision: "approve" } }).where(eq(auditEvents.id, target.id));
    });
    expect(result.ok).toBe(false);
    const problem = result.chains.find((c) => c.problem)!.problem!;
    expect(problem).toMatchObject({ kind: "changed", eventId: target.id, seq: target.seq });
    expect(problem.message).toContain(`Event ${target.id}`);
  });

  it("names an event changed under session_replication_role = replica, hash and all", async () => {
    const { events } = await riverbendChain();
    const target = events[1]!;
    const result = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      // The tamperer recomputes the event's own hash; the next event still names the old one.
      await tx.execute(sql`UPDATE audit_events SET actor_role = NULL WHERE id = ${target.id}`);
      await tx.execute(sql`UPDATE audit_events SET hash = encode(sha256(convert_to(audit_event_canonical(audit_events), 'UTF8')), 'hex') WHERE id = ${target.id}`);
    });
    const problem = result.chains.find((c) => c.problem)!.problem!;
    expect(problem).toMatchObject({ kind: "out_of_place", eventId: events[2]!.id });
  });

  it("names the gap an owner left by deleting an event, and a removed last event", async () => {
    const { key, events } = await riverbendChain();
    const middle = events[3]!;
    const deleted = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete`);
      await tx.delete(auditEvents).where(eq(auditEvents.id, middle.id));
    });
    expect(deleted.chains.find((c) => c.chainKey === key)!.problem).toMatchObject({ kind: "missing", seq: middle.seq });

    const [last] = await testDb.handle.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.chainKey, key)).orderBy(desc(auditEvents.chainSeq)).limit(1);
    const truncated = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete`);
      await tx.delete(auditEvents).where(eq(auditEvents.id, last!.id));
    });
    expect(truncated.chains.find((c) => c.chainKey === key)!.problem).toMatchObject({ kind: "missing", eventId: null });
  });

  it("names an event slipped in with the chain trigger switched off", async () => {
    const result = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_chain`);
      await tx.insert(auditEvents).values({ action: "forged", entityType: "test", entityId: "forged" });
    });
    expect(result.chains.find((c) => c.problem)!.problem).toMatchObject({ kind: "unchained" });
  });

  it("is for admins only", async () => {
    await expect(verifyAuditTrailFor(await demoViewer("manager@vendor.example"))).rejects.toThrow("not allowed");
    expect((await verifyAuditTrailFor(await demoViewer("admin@vendor.example"))).ok).toBe(true);
  });
});
