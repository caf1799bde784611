import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems, environments, implementations } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { createImplementationSchema, updateImplementationSchema } from "@/lib/validation/implementation";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { implementationEditForm } from "@/test/fixtures/forms";
import { createImplementation, getImplementationForEdit, implementationFormOptions, updateImplementation } from "./implementation-writes";

const demo = withDemoDatabase();
const { v } = demo;

const form = (overrides: Record<string, unknown> = {}) =>
  createImplementationSchema.parse({
    customerOrganizationId: seedId("org:lakeshore"),
    templateId: seedId("template:go-live-readiness:1"),
    name: "Patient demographics",
    ehrVendor: "oracle_health",
    workflows: ["patient_demographics", "documents"],
    interfaces: "hl7v2_feed",
    phase: "assessment",
    goLiveDate: "2027-03-15",
    implementationManagerId: seedId("user:manager"),
    engineeringOwnerId: seedId("user:engineer2"),
    freshnessWindowDays: "14",
    ...overrides,
  });

describe("createImplementation", () => {
  it("copies the template's nine items, creates three environments and audits the creation", async () => {
    const { implementationId } = await createImplementation(v.manager!, form(), "req-create");
    const db = demo.db;
    const items = await db.select().from(checklistItems).where(eq(checklistItems.implementationId, implementationId));
    expect(items).toHaveLength(9);
    expect(items.every((i) => i.status === "not_started" && i.version === 1)).toBe(true);
    const envs = await db.select({ kind: environments.kind }).from(environments).where(eq(environments.implementationId, implementationId));
    expect(envs.map((e) => e.kind).sort()).toEqual(["production", "sandbox", "test"]);
    const [impl] = await db.select().from(implementations).where(eq(implementations.id, implementationId));
    expect(impl).toMatchObject({ status: "active", interfaces: ["hl7v2_feed"], createdById: v.manager!.userId });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, implementationId));
    expect(event).toMatchObject({ action: "implementation.created", requestId: "req-create" });
  });

  it("lets admins create too, and refuses engineers and customer IT", async () => {
    await expect(createImplementation(v.admin!, form({ name: "Admin-created" }))).resolves.toBeDefined();
    await expect(createImplementation(v.engineer!, form())).rejects.toMatchObject({ code: "forbidden" });
    await expect(createImplementation(v.riverbend!, form())).rejects.toMatchObject({ code: "forbidden" });
    await expect(implementationFormOptions(v.riverbend!)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses the vendor as a customer, a draft or unknown template, and staff in the wrong role", async () => {
    await expect(createImplementation(v.manager!, form({ customerOrganizationId: seedId("org:vendor") }))).rejects.toMatchObject({
      fieldErrors: { customerOrganizationId: ["Choose a customer."] },
    });
    await expect(createImplementation(v.manager!, form({ templateId: seedId("template:none") }))).rejects.toMatchObject({
      fieldErrors: { templateId: [expect.any(String)] },
    });
    await expect(
      createImplementation(v.manager!, form({ implementationManagerId: seedId("user:engineer"), engineeringOwnerId: seedId("user:riverbend-it") })),
    ).rejects.toMatchObject({
      fieldErrors: { implementationManagerId: ["Choose an implementation manager."], engineeringOwnerId: ["Choose an engineer."] },
    });
  });

  it("offers only customers, published templates and vendor staff", async () => {
    const options = await implementationFormOptions(v.manager!);
    expect(options.customers.map((c) => c.name)).toEqual(["Lakeshore Medical Group (fictional)", "Riverbend Health (fictional)"]);
    expect(options.templates.map((t) => t.name).sort()).toEqual(["Epic go-live readiness", "Go-live readiness", "Go-live readiness with cutover"]);
    expect(options.managers.map((m) => m.name)).toContain("Maya Okafor");
    expect(options.engineers.map((m) => m.name)).not.toContain("Maya Okafor");
  });
});

describe("updateImplementation", () => {
  const edit = async (viewer: Viewer, id: string, overrides: Record<string, unknown> = {}) => {
    const [row] = await demo.db.select().from(implementations).where(eq(implementations.id, id));
    return updateImplementation(
      viewer,
      updateImplementationSchema.parse(implementationEditForm(row!, overrides)),
    );
  };
  const target = seedId("impl:riverbend-demographics");

  it("changes phase and go-live, auditing only what changed", async () => {
    await expect(edit(v.manager!, target, { phase: "pilot", goLiveDate: "2027-01-20" })).resolves.toMatchObject({ changed: true });
    const events = await demo.db.select().from(auditEvents).where(eq(auditEvents.entityId, target));
    expect(events.at(-1)).toMatchObject({
      action: "implementation.updated",
      before: { phase: "assessment" },
      after: { phase: "pilot", goLiveDate: "2027-01-20" },
    });
  });

  it("refuses a stale version and roles that may not edit", async () => {
    const [row] = await demo.db.select().from(implementations).where(eq(implementations.id, target));
    await edit(v.manager!, target, { name: "Patient demographics feed (ADT)" });
    await expect(
      updateImplementation(
        v.manager!,
        updateImplementationSchema.parse({
          implementationId: target,
          version: String(row!.version),
          status: "active",
          name: "x",
          ehrVendor: "epic",
          phase: "pilot",
          goLiveDate: "",
          implementationManagerId: "",
          engineeringOwnerId: "",
          freshnessWindowDays: "14",
        }),
      ),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^Maya Okafor changed this implementation at .* UTC/) });
    await expect(edit(v.engineer!, target)).rejects.toMatchObject({ code: "forbidden" });
    await expect(edit(v.riverbend!, target)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("reads the edit form's values for managers only, and not found for a missing id", async () => {
    const { implementation } = await getImplementationForEdit(v.manager!, target);
    expect(implementation.customerName).toBe("Riverbend Health (fictional)");
    await expect(getImplementationForEdit(v.engineer!, target)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getImplementationForEdit(v.manager!, seedId("impl:none"))).rejects.toMatchObject({ code: "not_found" });
    await expect(getImplementationForEdit(v.manager!, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a freshness window outside 1–365 days with a message", () => {
    const result = updateImplementationSchema.safeParse({ freshnessWindowDays: "0" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === "freshnessWindowDays")?.message).toContain("at least 1 day");
  });
});
