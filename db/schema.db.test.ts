import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "./migrate";
import * as s from "./schema";
import { DEMO_PASSWORD, demoUsers, seedDemo, seedId } from "./seed";
import { createTestDatabase, type TestDatabase } from "./testing";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

const tables = {
  organizations: s.organizations,
  users: s.users,
  checklistTemplates: s.checklistTemplates,
  checklistTemplateItems: s.checklistTemplateItems,
  implementations: s.implementations,
  environments: s.environments,
  configurationChanges: s.configurationChanges,
  checklistItems: s.checklistItems,
  evidence: s.evidence,
  signOffs: s.signOffs,
  permissionRequirements: s.permissionRequirements,
  permissionChecks: s.permissionChecks,
  testPatients: s.testPatients,
  testPatientScenarios: s.testPatientScenarios,
  auditEvents: s.auditEvents,
};

async function rowCounts() {
  const db = testDb.handle.db;
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row?.n ?? -1;
  }
  return out;
}

describe("migrations", () => {
  it("apply a second time without changing anything", async () => {
    const before = await rowCounts();
    await migrateDatabase(testDb.handle, testDb.url);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("demo seed", () => {
  it("creates the demo organizations, users of every role, templates and implementations", async () => {
    const first = await seedDemo(testDb.handle.db);
    expect(first.created).toBe(true);
    const counts = await rowCounts();
    expect(counts.organizations).toBe(3);
    expect(counts.users).toBe(demoUsers.length);
    expect(counts.implementations).toBeGreaterThanOrEqual(4);
    expect(counts.implementations).toBeLessThanOrEqual(6);
    expect(counts.evidence).toBeGreaterThan(0);
    expect(counts.permissionChecks).toBeGreaterThan(0);
    expect(counts.testPatientScenarios).toBeGreaterThan(0);

    const roles = await testDb.handle.db.selectDistinct({ role: s.users.role }).from(s.users);
    expect(roles.map((r) => r.role).sort()).toEqual([...s.roles].sort());

    const blocked = await testDb.handle.db
      .select({ n: count() })
      .from(s.checklistItems)
      .where(eq(s.checklistItems.status, "blocked"));
    expect(blocked[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it("ships the default go-live template with the nine items of the design", async () => {
    const items = await testDb.handle.db
      .select({
        key: s.checklistTemplateItems.key,
        category: s.checklistTemplateItems.category,
        roles: s.checklistTemplateItems.requiredSignOffRoles,
        operational: s.checklistTemplateItems.needsOperationalValidation,
      })
      .from(s.checklistTemplateItems)
      .where(eq(s.checklistTemplateItems.templateId, seedId("template:go-live-readiness:1")))
      .orderBy(s.checklistTemplateItems.position);
    expect(items.map((i) => i.key)).toEqual([
      "non-production-testing",
      "representative-test-patients",
      "sample-payload-review",
      "api-permission-checks",
      "configuration-review",
      "production-smoke-test",
      "monitoring-setup",
      "manual-example-validation",
      "support-readiness",
    ]);
    for (const item of items) expect(item.roles.length).toBeGreaterThan(0);
    expect(items.filter((i) => i.operational).map((i) => i.key)).toContain("manual-example-validation");
  });

  it("is idempotent: a second run changes no row", async () => {
    const before = await rowCounts();
    const second = await seedDemo(testDb.handle.db);
    expect(second.created).toBe(false);
    expect(await rowCounts()).toEqual(before);
  });

  it("stores only password hashes, never the demo password", async () => {
    const rows = await testDb.handle.db.select({ hash: s.users.passwordHash }).from(s.users);
    for (const row of rows) {
      expect(row.hash).toMatch(/^\$2[aby]\$12\$/);
      expect(row.hash).not.toContain(DEMO_PASSWORD);
    }
  });
});

describe("audit trail", () => {
  beforeAll(async () => {
    await testDb.handle.db.insert(s.auditEvents).values({
      action: "test.recorded",
      entityType: "test",
      entityId: "1",
      after: { note: "an event to tamper with" },
    });
  });

  it("refuses UPDATE", async () => {
    await expect(
      testDb.handle.db.update(s.auditEvents).set({ action: "tampered" }).where(eq(s.auditEvents.action, "test.recorded")),
    ).rejects.toThrow();
  });

  it("refuses DELETE", async () => {
    await expect(testDb.handle.db.delete(s.auditEvents)).rejects.toThrow();
  });

  it("refuses TRUNCATE", async () => {
    await expect(testDb.handle.db.execute(sql`truncate audit_events`)).rejects.toThrow();
  });

  it("keeps the event unchanged after the attempts", async () => {
    const rows = await testDb.handle.db
      .select({ action: s.auditEvents.action })
      .from(s.auditEvents)
      .where(eq(s.auditEvents.entityType, "test"));
    expect(rows).toEqual([{ action: "test.recorded" }]);
  });
});

describe("constraints", () => {
  it("refuses a blocked item without a reason", async () => {
    await expect(
      testDb.handle.db
        .update(s.checklistItems)
        .set({ status: "blocked" })
        .where(eq(s.checklistItems.id, seedId("item:riverbend-demographics:support-readiness"))),
    ).rejects.toThrow();
  });

  it("refuses a second sign-off for the same role and item version", async () => {
    const [existing] = await testDb.handle.db.select().from(s.signOffs).limit(1);
    expect(existing).toBeDefined();
    const { id: _id, ...copy } = existing!;
    await expect(testDb.handle.db.insert(s.signOffs).values(copy)).rejects.toThrow();
  });

  it("refuses an upper-case e-mail, so one address is one account", async () => {
    await expect(
      testDb.handle.db.insert(s.users).values({
        organizationId: seedId("org:vendor"),
        email: "Someone@Vendor.example",
        name: "Case Test",
        role: "engineer",
      }),
    ).rejects.toThrow();
  });
});
