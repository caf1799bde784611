import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems, evidence } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import {
  addItemSchema,
  blockItemSchema,
  recordEvidenceSchema,
  unblockItemSchema,
  updateItemSchema,
  type UpdateItemInput,
} from "@/lib/validation/checklist";
import { recordConfigurationChangeSchema } from "@/lib/validation/configuration";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { itemEditForm, type FormFields } from "@/test/fixtures/forms";
import { addItem, blockItem, getItem, recordEvidence, unblockItem, updateItem } from "./checklist";
import { recordConfigurationChange } from "./configuration";

const demo = withDemoDatabase();
const { v } = demo;

const impl = seedId("impl:riverbend-appointments");
const item = (key: string) => seedId(`item:riverbend-appointments:${key}`);
const env = (kind: string) => seedId(`env:riverbend-appointments:${kind}`);

async function current(itemId: string) {
  const [row] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  return row!;
}

async function edit(viewer: Viewer, itemId: string, changes: Partial<Record<keyof UpdateItemInput, string>>) {
  const row = await current(itemId);
  const input = updateItemSchema.parse(itemEditForm(row, changes as FormFields));
  return updateItem(viewer, input, "req-test");
}

const evidenceInput = (itemId: string, overrides: Record<string, string> = {}) =>
  recordEvidenceSchema.parse({
    itemId,
    environmentId: env("production"),
    kind: "operational",
    whatWasTested: "Rescheduled ZZTEST-0002 across departments; front desk confirmed",
    outcome: "pass",
    observedAt: new Date(Date.now() - 60_000).toISOString().slice(0, 16),
    linkUrl: "",
    ...overrides,
  });

describe("getItem", () => {
  it("shows the item with its evidence, each marked stale or fresh", async () => {
    const detail = await getItem(v.riverbend!, impl, item("non-production-testing"));
    expect(detail.title).toBe("Non-production testing");
    expect(detail.evidence.map((e) => e.staleness.stale).sort()).toEqual([false, true]);
    // Assignable owners: vendor staff and this health system's users, never the other one's.
    const orgs = new Set(detail.assignableUsers.map((u) => u.organizationName));
    expect(orgs).toContain("Riverbend Health (fictional)");
    expect(orgs).not.toContain("Lakeshore Medical Group (fictional)");
  });

  it("offers as owners only enabled people of the vendor and the implementation's own health system", async () => {
    const detail = await getItem(v.manager!, seedId("impl:lakeshore-availability"), seedId("item:lakeshore-availability:production-smoke-test"));
    const ids = detail.assignableUsers.map((u) => u.id);
    expect(ids).toContain(v.lakeshore!.userId);
    expect(ids).toContain(v.manager!.userId);
    // Rowan Hale, Lakeshore's former IT person, is disabled.
    expect(ids).not.toContain(seedId("user:lakeshore-former"));
    expect(ids).not.toContain(v.riverbend!.userId);
  });

  it("answers not found for another organization's item, or an item under the wrong implementation", async () => {
    await expect(getItem(v.lakeshore!, impl, item("non-production-testing"))).rejects.toMatchObject({ code: "not_found" });
    await expect(
      getItem(v.manager!, seedId("impl:lakeshore-availability"), item("non-production-testing")),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("updateItem", () => {
  it("lets a manager assign an item to customer IT, bumping the version and auditing the diff", async () => {
    const before = await current(item("support-readiness"));
    const result = await edit(v.manager!, item("support-readiness"), { ownerId: v.riverbend!.userId, nextStep: "Share the runbook" });
    expect(result).toEqual({ implementationId: impl, version: before.version + 1, changed: true });
    const [event] = await demo.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, item("support-readiness")));
    expect(event).toMatchObject({
      action: "checklist_item.updated",
      actorId: v.manager!.userId,
      implementationId: impl,
      before: { ownerId: null, nextStep: "" },
      after: { ownerId: v.riverbend!.userId, nextStep: "Share the runbook" },
    });
  });

  it("lets customer IT and engineers edit only the items they own", async () => {
    // Casey now owns support readiness; Jordan (same organization) does not.
    await expect(edit(v.riverbend!, item("support-readiness"), { nextStep: "Runbook shared" })).resolves.toMatchObject({ changed: true });
    await expect(edit(v.riverbend2!, item("support-readiness"), { nextStep: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(edit(v.engineer2!, item("non-production-testing"), { nextStep: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(edit(v.engineer!, item("non-production-testing"), { nextStep: "Chase sign-offs" })).resolves.toMatchObject({ changed: true });
  });

  it("never lets another organization, or an admin, edit", async () => {
    await expect(edit(v.lakeshore!, item("support-readiness"), { nextStep: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(edit(v.admin!, item("support-readiness"), { nextStep: "x" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses an owner who cannot see the implementation, or who is disabled", async () => {
    await expect(edit(v.manager!, item("support-readiness"), { ownerId: v.lakeshore!.userId })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { ownerId: ["That person cannot see this implementation."] },
    });
    const lakeshoreItem = seedId("item:lakeshore-availability:production-smoke-test");
    await expect(edit(v.manager!, lakeshoreItem, { ownerId: seedId("user:lakeshore-former") })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { ownerId: ["That person cannot see this implementation."] },
    });
  });

  it("refuses a stale version, naming who changed the item and when, and keeps their change", async () => {
    const row = await current(item("configuration-review"));
    const stale = updateItemSchema.parse({
      itemId: row.id,
      version: String(row.version),
      ownerId: row.ownerId ?? "",
      status: row.status,
      nextStep: "mine",
      expectedOutcome: row.expectedOutcome,
      dueDate: row.dueDate ?? "",
      whatChanged: "",
      whatWasTested: "",
      whatNeedsProof: "",
    });
    await edit(v.manager!, row.id, { nextStep: "theirs" });
    const error = await updateItem(v.manager!, stale).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict" });
    expect((error as Error).message).toMatch(/^Maya Okafor changed this item at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, after you opened it/);
    expect((await current(row.id)).nextStep).toBe("theirs");
  });

  it("leaves exactly one winner when 20 edits race for one version", async () => {
    const row = await current(item("monitoring-setup"));
    const base = {
      itemId: row.id,
      version: String(row.version),
      ownerId: row.ownerId ?? "",
      status: row.status,
      expectedOutcome: row.expectedOutcome,
      dueDate: row.dueDate ?? "",
      whatChanged: "",
      whatWasTested: "",
      whatNeedsProof: "",
    };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => updateItem(v.manager!, updateItemSchema.parse({ ...base, nextStep: `edit ${i}` }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
    }
    expect((await current(row.id)).version).toBe(row.version + 1);
  });

  it("refuses ready for sign-off without a fresh passing operational validation in production, then allows it", async () => {
    const key = item("manual-example-validation");
    await expect(edit(v.manager!, key, { status: "ready_for_signoff" })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("needs a passing operational validation in production"),
    });
    await recordEvidence(v.manager!, evidenceInput(key, { kind: "technical" }));
    await recordEvidence(v.manager!, evidenceInput(key, { environmentId: env("test") }));
    await expect(edit(v.manager!, key, { status: "ready_for_signoff" })).rejects.toMatchObject({ code: "invalid" });
    await recordEvidence(v.riverbend!, evidenceInput(key));
    await expect(edit(v.manager!, key, { status: "ready_for_signoff" })).resolves.toMatchObject({ changed: true });
  });

  it("does not accept a stale operational validation", async () => {
    const key = item("production-smoke-test");
    const old = new Date(Date.now() - 20 * 24 * 60 * 60 * 1000).toISOString().slice(0, 16);
    await recordEvidence(v.engineer!, evidenceInput(key, { observedAt: old }));
    await expect(edit(v.manager!, key, { status: "ready_for_signoff" })).rejects.toMatchObject({
      message: expect.stringContaining("stale"),
    });
  });

  it("does not move a blocked item out of blocked from the edit form", async () => {
    await expect(edit(v.engineer!, item("api-permission-checks"), { status: "in_progress" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { status: [expect.stringContaining("blocked")] },
    });
  });
});

describe("recordEvidence", () => {
  it("records evidence by the viewer and bumps the item's version", async () => {
    const key = item("sample-payload-review");
    const before = await current(key);
    const result = await recordEvidence(v.riverbend2!, evidenceInput(key, { kind: "technical", outcome: "inconclusive" }));
    expect(result.version).toBe(before.version + 1);
    const [row] = await demo.db.select().from(evidence).where(eq(evidence.id, result.evidenceId));
    expect(row).toMatchObject({ recordedById: v.riverbend2!.userId, outcome: "inconclusive", implementationId: impl });
  });

  it("refuses another organization's item, and an environment of another implementation", async () => {
    await expect(recordEvidence(v.lakeshore!, evidenceInput(item("sample-payload-review")))).rejects.toMatchObject({ code: "not_found" });
    await expect(
      recordEvidence(
        v.manager!,
        evidenceInput(item("sample-payload-review"), { environmentId: seedId("env:lakeshore-availability:production") }),
      ),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { environmentId: [expect.any(String)] } });
  });

  it("refuses an admin, who does not record evidence", async () => {
    await expect(recordEvidence(v.admin!, evidenceInput(item("sample-payload-review")))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("blockItem and unblockItem", () => {
  const block = async (viewer: Viewer, key: string, overrides: Record<string, string> = {}) =>
    blockItem(
      viewer,
      blockItemSchema.parse({
        itemId: item(key),
        version: String((await current(item(key))).version),
        reason: "Production client lacks user/Slot.rs",
        severity: "go_live",
        ticketUrl: "https://tickets.example/browse/INT-200",
        since: new Date().toISOString().slice(0, 10),
        ...overrides,
      }),
    );
  const unblock = async (viewer: Viewer, key: string) =>
    unblockItem(
      viewer,
      unblockItemSchema.parse({ itemId: item(key), version: String((await current(item(key))).version), resolution: "Scope added by the health system" }),
    );

  it("blocks an item with its reason, severity, ticket and date, and audits it", async () => {
    await block(v.riverbend!, "epic-client-record-downloaded");
    const row = await current(item("epic-client-record-downloaded"));
    expect(row).toMatchObject({
      status: "blocked",
      blockerSeverity: "go_live",
      blockerTicketUrl: "https://tickets.example/browse/INT-200",
      blockedById: v.riverbend!.userId,
    });
    const events = await demo.db.select().from(auditEvents).where(eq(auditEvents.entityId, row.id));
    expect(events.map((e) => e.action)).toContain("checklist_item.blocked");
  });

  it("refuses to block for someone who may not edit the item, or another organization", async () => {
    await expect(block(v.riverbend2!, "configuration-review")).rejects.toMatchObject({ code: "forbidden" });
    await expect(block(v.lakeshore!, "configuration-review")).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets an engineer clear a blocker on an item they do not own, with a resolution note", async () => {
    await unblock(v.engineer2!, "epic-client-record-downloaded");
    const row = await current(item("epic-client-record-downloaded"));
    expect(row).toMatchObject({ status: "in_progress", blockerReason: null, blockedSince: null });
    const [event] = await demo.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, row.id), eq(auditEvents.action, "checklist_item.unblocked")));
    expect(event?.after).toMatchObject({ resolution: "Scope added by the health system" });
  });

  it("does not let customer IT clear a blocker on an item they do not own", async () => {
    await expect(unblock(v.riverbend2!, "api-permission-checks")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses a ticket link that is not http(s), and a date in the future", () => {
    const base = { itemId: item("x"), version: "1", reason: "r", severity: "go_live", since: "2026-01-01" };
    expect(blockItemSchema.safeParse({ ...base, ticketUrl: "javascript:alert(1)" }).success).toBe(false);
    expect(blockItemSchema.safeParse({ ...base, ticketUrl: "", since: "2999-01-01" }).success).toBe(false);
  });
});

describe("recordConfigurationChange", () => {
  const change = (overrides: Record<string, string> = {}) =>
    recordConfigurationChangeSchema.parse({
      implementationId: impl,
      environmentId: env("test"),
      changedAt: new Date(Date.now() - 60_000).toISOString().slice(0, 16),
      note: "Department mapping for clinic B replaced",
      ...overrides,
    });

  it("makes earlier evidence in that environment stale, and only there", async () => {
    const before = await getItem(v.manager!, impl, item("non-production-testing"));
    const testEvidence = before.evidence.find((e) => e.environmentKind === "test")!;
    expect(testEvidence.staleness.stale).toBe(false);
    await recordConfigurationChange(v.engineer!, change());
    const after = await getItem(v.manager!, impl, item("non-production-testing"));
    expect(after.evidence.find((e) => e.id === testEvidence.id)!.staleness).toEqual({
      stale: true,
      reason: "before_configuration_change",
    });
  });

  it("is refused to customer IT; vendor staff record on any implementation, in its own environments only", async () => {
    await expect(recordConfigurationChange(v.riverbend!, change())).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      recordConfigurationChange(v.manager!, change({ implementationId: seedId("impl:lakeshore-availability"), environmentId: "" })),
    ).resolves.toBeDefined();
    await expect(
      recordConfigurationChange(v.manager!, change({ environmentId: seedId("env:lakeshore-availability:test") })),
    ).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("addItem", () => {
  const form = (overrides: Record<string, unknown> = {}) =>
    addItemSchema.parse({
      implementationId: impl,
      title: "Downtime procedure rehearsed",
      description: "",
      category: "ownership",
      required: "on",
      requiredSignOffRoles: ["customer_it", "implementation_manager"],
      ...overrides,
    });

  it("adds an ad-hoc item at the end of the checklist, audited", async () => {
    const { itemId } = await addItem(v.manager!, form());
    const row = await current(itemId);
    expect(row).toMatchObject({
      templateItemId: null,
      status: "not_started",
      required: true,
      needsOperationalValidation: false,
      requiredSignOffRoles: ["customer_it", "implementation_manager"],
      position: 11,
    });
    const [event] = await demo.db.select().from(auditEvents).where(eq(auditEvents.entityId, itemId));
    expect(event?.action).toBe("checklist_item.added");
  });

  it("is for managers only, never another organization's users", async () => {
    await expect(addItem(v.engineer!, form())).rejects.toMatchObject({ code: "forbidden" });
    await expect(addItem(v.riverbend!, form())).rejects.toMatchObject({ code: "forbidden" });
    await expect(addItem(v.manager!, form({ implementationId: seedId("impl:none") }))).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an admin as a signer and an unknown category", () => {
    expect(addItemSchema.safeParse({ ...form(), requiredSignOffRoles: ["admin"] }).success).toBe(false);
    expect(addItemSchema.safeParse({ ...form(), category: "vibes" }).success).toBe(false);
  });
});
