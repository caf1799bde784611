import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems, checklistTemplates } from "@/db/schema";
import { seedId } from "@/db/seed";
import { cutoverGateItems } from "@/lib/domain/cutover";
import { createImplementationSchema } from "@/lib/validation/implementation";
import { saveTemplateItemSchema } from "@/lib/validation/templates";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { getCutoverPlan } from "./cutover";
import { getGate } from "./gate";
import { createImplementation, implementationFormOptions } from "./implementation-writes";
import {
  createRevision,
  createTemplate,
  getTemplate,
  listTemplates,
  publishTemplate,
  removeTemplateItem,
  saveTemplateItem,
} from "./templates";

const demo = withDemoDatabase();
const { v } = demo;

const goLive = seedId("template:go-live-readiness:1");
const item = (templateId: string, overrides: Record<string, unknown> = {}) =>
  saveTemplateItemSchema.parse({
    templateId,
    itemId: "",
    title: "Downtime procedure rehearsed",
    description: "",
    expectedOutcome: "Both teams ran the downtime runbook once",
    category: "ownership",
    required: "on",
    requiredSignOffRoles: ["customer_it"],
    ...overrides,
  });

describe("templates", () => {
  it("are for admins only", async () => {
    for (const viewer of [v.manager!, v.riverbend!]) {
      await expect(listTemplates(viewer)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createRevision(viewer, goLive)).rejects.toMatchObject({ code: "forbidden" });
      await expect(saveTemplateItem(viewer, item(goLive))).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("lists the shipped templates, published, with their items and usage", async () => {
    const rows = await listTemplates(v.admin!);
    expect(rows.map((r) => [r.name, r.revision, r.status, r.items])).toEqual([
      ["Epic go-live readiness", 1, "published", 11],
      ["Go-live readiness", 1, "published", 9],
      ["Go-live readiness with cutover", 1, "published", 11],
    ]);
    expect(rows.find((r) => r.name === "Go-live readiness")!.usedBy).toBe(3);
    expect(rows.find((r) => r.name === "Go-live readiness with cutover")!.usedBy).toBe(1);
  });

  it("never edits a published revision in place", async () => {
    await expect(saveTemplateItem(v.admin!, item(goLive))).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("Only a draft revision can be edited"),
    });
  });

  it("publishes a new revision that new implementations copy, while existing ones keep their checklist", async () => {
    const existing = seedId("impl:riverbend-demographics");
    const itemsBefore = await demo.db.select().from(checklistItems).where(eq(checklistItems.implementationId, existing));

    const { templateId: draft } = await createRevision(v.admin!, goLive);
    await expect(createRevision(v.admin!, goLive)).rejects.toMatchObject({ code: "conflict" });
    await saveTemplateItem(v.admin!, item(draft));
    const detail = await getTemplate(v.admin!, draft);
    expect(detail).toMatchObject({ revision: 2, status: "draft" });
    expect(detail.items).toHaveLength(10);
    const support = detail.items.find((i) => i.key === "support-readiness")!;
    await removeTemplateItem(v.admin!, { templateId: draft, itemId: support.id });
    const monitoring = detail.items.find((i) => i.key === "monitoring-setup")!;
    await saveTemplateItem(v.admin!, item(draft, { itemId: monitoring.id, version: String(monitoring.version), title: "Monitoring and alert routing" }));
    // A second edit from the same, now stale, view is refused.
    await expect(
      saveTemplateItem(v.admin!, item(draft, { itemId: monitoring.id, version: String(monitoring.version), title: "Monitoring" })),
    ).rejects.toMatchObject({ code: "conflict" });

    const { version } = (await getTemplate(v.admin!, draft));
    await publishTemplate(v.admin!, { templateId: draft, version });
    const [old] = await demo.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, goLive));
    expect(old?.status).toBe("retired");

    // The implementation form now offers revision 2, and a new implementation copies it.
    const options = await implementationFormOptions(v.manager!);
    expect(options.templates.find((t) => t.name === "Go-live readiness")).toMatchObject({ id: draft, revision: 2 });
    const { implementationId } = await createImplementation(
      v.manager!,
      createImplementationSchema.parse({
        customerOrganizationId: seedId("org:riverbend"),
        templateId: draft,
        name: "Imaging orders",
        ehrVendor: "epic",
        phase: "assessment",
        goLiveDate: "",
        implementationManagerId: "",
        engineeringOwnerId: "",
        freshnessWindowDays: "14",
      }),
    );
    const copied = await demo.db.select().from(checklistItems).where(eq(checklistItems.implementationId, implementationId));
    expect(copied.map((i) => i.title)).toContain("Downtime procedure rehearsed");
    expect(copied.map((i) => i.title)).toContain("Monitoring and alert routing");
    expect(copied.map((i) => i.key)).not.toContain("support-readiness");

    // The existing implementation is exactly as it was.
    const itemsAfter = await demo.db.select().from(checklistItems).where(eq(checklistItems.implementationId, existing));
    expect(itemsAfter).toEqual(itemsBefore);
  });

  it("creates a new family as a draft, refuses to publish it empty or from a stale view, and audits each step", async () => {
    const { templateId } = await createTemplate(v.admin!, { name: "Imaging go-live", description: "", ehrVendor: null });
    const empty = await getTemplate(v.admin!, templateId);
    await expect(publishTemplate(v.admin!, { templateId, version: empty.version })).rejects.toMatchObject({
      message: "Add at least one item before publishing.",
    });
    await saveTemplateItem(v.admin!, item(templateId));
    await expect(publishTemplate(v.admin!, { templateId, version: empty.version })).rejects.toMatchObject({ code: "conflict" });
    const current = await getTemplate(v.admin!, templateId);
    await publishTemplate(v.admin!, { templateId, version: current.version });
    const actions = (await demo.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, templateId))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["template.created", "template.published"]));
  });

  it("a template may include the cutover's rollback plan and hand-off, which the gate then requires", async () => {
    const { templateId } = await createTemplate(v.admin!, { name: "Cutover-ready go-live", description: "", ehrVendor: null });
    // As the template page's "Cutover items the gate can require" forms post them.
    for (const standard of cutoverGateItems) {
      await saveTemplateItem(
        v.admin!,
        item(templateId, {
          title: standard.title,
          description: standard.description,
          expectedOutcome: standard.expectedOutcome,
          category: standard.category,
          requiredSignOffRoles: standard.roles,
          attestationOnly: standard.attestationOnly ? "on" : "",
        }),
      );
    }
    const draft = await getTemplate(v.admin!, templateId);
    expect(draft.items.map((i) => i.key)).toEqual(["rollback-plan-approved", "support-hand-off-accepted"]);
    await publishTemplate(v.admin!, { templateId, version: draft.version });
    const { implementationId } = await createImplementation(
      v.manager!,
      createImplementationSchema.parse({
        customerOrganizationId: seedId("org:lakeshore"),
        templateId,
        name: "Cutover-ready feed",
        ehrVendor: "oracle_health",
        phase: "assessment",
        goLiveDate: "",
        implementationManagerId: "",
        engineeringOwnerId: "",
        freshnessWindowDays: "14",
      }),
    );
    const gate = await getGate(v.manager!, implementationId);
    expect(gate.requiredItems).toBe(2);
    expect(gate.verdict).toBe("no_go");
    expect(gate.reasons.map((r) => r.group.label)).toEqual(expect.arrayContaining(["Rollback plan approved", "Support hand-off accepted"]));
    const plan = await getCutoverPlan(v.lakeshore!, implementationId);
    expect(plan.gateItems.map((g) => g.item?.required)).toEqual([true, true]);
  });

  it("answers not found for a missing or malformed template id", async () => {
    await expect(getTemplate(v.admin!, seedId("template:none"))).rejects.toMatchObject({ code: "not_found" });
    await expect(getTemplate(v.admin!, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });
});
