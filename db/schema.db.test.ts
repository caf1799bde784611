import { readFileSync } from "node:fs";
import { join } from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, migrationsFolder } from "./migrate";
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

describe("migrations", () => {
  it("apply a second time without changing the data or recording anything new", async () => {
    const countMigrations = async () => {
      // PGlite returns { rows }, postgres-js an array of rows.
      const result = (await testDb.handle.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as { rows?: { n: number }[] } & { n: number }[];
      return (result.rows ?? result)[0]?.n;
    };
    const before = await rowCounts();
    expect(before.implementations).toBeGreaterThan(0);
    const applied = await countMigrations();
    // Every committed migration is applied, once.
    const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    expect(applied).toBe(journal.entries.length);
    await migrateDatabase(testDb.handle, testDb.url);
    expect(await rowCounts()).toEqual(before);
    expect(await countMigrations()).toBe(applied);
  });
});

// Drizzle wraps the database's error; the reason is in the cause.
function reason(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return `${e.message ?? ""} ${e.cause?.message ?? ""}`;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return reason(error);
  }
  throw new Error("the database accepted it");
}

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
    expect(
      await refusal(
        testDb.handle.db.update(s.auditEvents).set({ action: "tampered" }).where(eq(s.auditEvents.action, "test.recorded")),
      ),
    ).toContain("audit_events is append-only: UPDATE is not allowed");
  });

  it("refuses DELETE", async () => {
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- the test tries to empty the audit table
    expect(await refusal(testDb.handle.db.delete(s.auditEvents))).toContain("append-only: DELETE is not allowed");
  });

  it("refuses TRUNCATE", async () => {
    expect(await refusal(testDb.handle.db.execute(sql`truncate audit_events`))).toContain(
      "append-only: TRUNCATE is not allowed",
    );
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
  it("refuses evidence that pairs one implementation with another implementation's item or environment", async () => {
    const riverbend = seedId("impl:riverbend-appointments");
    const lakeshoreItem = seedId("item:lakeshore-availability:non-production-testing");
    const lakeshoreEnv = seedId("env:lakeshore-availability:production");
    const base = {
      implementationId: riverbend,
      kind: "technical" as const,
      whatWasTested: "cross-tenant attempt",
      outcome: "pass" as const,
      observedAt: new Date(),
      recordedById: seedId("user:engineer"),
    };
    expect(
      await refusal(
        testDb.handle.db.insert(s.evidence).values({
          ...base,
          checklistItemId: lakeshoreItem,
          environmentId: seedId("env:riverbend-appointments:production"),
        }),
      ),
    ).toContain("evidence_item_same_implementation_fk");
    expect(
      await refusal(
        testDb.handle.db.insert(s.evidence).values({
          ...base,
          checklistItemId: seedId("item:riverbend-appointments:non-production-testing"),
          environmentId: lakeshoreEnv,
        }),
      ),
    ).toContain("evidence_environment_same_implementation_fk");
  });

  it("never deletes evidence or sign-offs along with their implementation", async () => {
    expect(
      await refusal(testDb.handle.db.delete(s.implementations).where(eq(s.implementations.id, seedId("impl:lakeshore-documents")))),
    ).toContain("violates foreign key constraint");
  });

  it("refuses a blocked item without a reason", async () => {
    expect(
      await refusal(
        testDb.handle.db
          .update(s.checklistItems)
          .set({ status: "blocked" })
          .where(eq(s.checklistItems.id, seedId("item:riverbend-demographics:support-readiness"))),
      ),
    ).toContain("checklist_items_blocker_consistent");
  });

  it("refuses a second sign-off for the same role and item version", async () => {
    const [existing] = await testDb.handle.db.select().from(s.signOffs).limit(1);
    expect(existing).toBeDefined();
    const { id: _id, ...copy } = existing!;
    expect(await refusal(testDb.handle.db.insert(s.signOffs).values(copy))).toContain("sign_offs_item_role_version_key");
  });

  it("refuses an upper-case e-mail, so one address is one account", async () => {
    expect(
      await refusal(
        testDb.handle.db.insert(s.users).values({
          organizationId: seedId("org:vendor"),
          email: "Someone@Vendor.example",
          name: "Case Test",
          role: "engineer",
        }),
      ),
    ).toContain("users_email_lowercase");
  });
});
