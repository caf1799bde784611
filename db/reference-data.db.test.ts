import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installReferenceData, templateId } from "./reference-data";
import * as s from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing";

// A real deployment starts without the demo: the reference data alone must give it the default
// templates, and installing it again at every start must change nothing an admin has done since.

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe("reference data", () => {
  it("installs the go-live readiness templates on a database without the demo, and nothing of the demo", async () => {
    const db = testDb.handle.db;
    expect(await installReferenceData(db)).toEqual({ created: true });
    const templates = await db.select().from(s.checklistTemplates);
    expect(templates.map((t) => [t.key, t.revision, t.status]).sort()).toEqual([
      ["epic-go-live-readiness", 1, "published"],
      ["go-live-cutover-readiness", 1, "published"],
      ["go-live-readiness", 1, "published"],
    ]);
    const items = await db.select().from(s.checklistTemplateItems).where(eq(s.checklistTemplateItems.templateId, templateId("go-live-readiness")));
    expect(items).toHaveLength(9);
    expect(items.filter((i) => i.attestationOnly).map((i) => i.key)).toEqual(["support-readiness"]);
    expect(items.find((i) => i.key === "production-smoke-test")).toMatchObject({ needsOperationalValidation: true, attestationOnly: false });
    // The template with the cutover's items: the gate requires the rollback plan and the hand-off.
    const cutover = await db.select().from(s.checklistTemplateItems).where(eq(s.checklistTemplateItems.templateId, templateId("go-live-cutover-readiness")));
    expect(cutover).toHaveLength(11);
    expect(cutover.filter((i) => i.key === "rollback-plan-approved" || i.key === "support-hand-off-accepted")).toEqual([
      expect.objectContaining({ required: true, attestationOnly: true, needsOperationalValidation: false }),
      expect.objectContaining({ required: true, attestationOnly: true, needsOperationalValidation: false }),
    ]);
    expect(await db.select().from(s.organizations)).toHaveLength(0);
    expect(await db.select().from(s.users)).toHaveLength(0);
    expect(await db.select().from(s.implementations)).toHaveLength(0);
  });

  it("changes nothing when run again, even after an admin retired a revision", async () => {
    const db = testDb.handle.db;
    await db.update(s.checklistTemplates).set({ status: "retired" }).where(eq(s.checklistTemplates.id, templateId("epic-go-live-readiness")));
    const before = JSON.stringify(await db.select().from(s.checklistTemplateItems).orderBy(s.checklistTemplateItems.id));
    expect(await installReferenceData(db)).toEqual({ created: false });
    const [epic] = await db.select().from(s.checklistTemplates).where(eq(s.checklistTemplates.id, templateId("epic-go-live-readiness")));
    expect(epic!.status).toBe("retired");
    expect(JSON.stringify(await db.select().from(s.checklistTemplateItems).orderBy(s.checklistTemplateItems.id))).toBe(before);
  });
});
