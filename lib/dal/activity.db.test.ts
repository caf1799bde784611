import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklistItems } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { parseActivityQuery } from "@/lib/validation/activity";
import { recordEvidenceSchema, unblockItemSchema, updateItemSchema } from "@/lib/validation/checklist";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { ACTIVITY_PAGE_SIZE, listActivity } from "./activity";
import { recordEvidence, unblockItem, updateItem } from "./checklist";

const demo = withDemoDatabase();
const { v } = demo;

const impl = seedId("impl:riverbend-appointments");
const item = (key: string) => seedId(`item:riverbend-appointments:${key}`);
const none = parseActivityQuery({});

async function row(itemId: string) {
  const [r] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  return r!;
}

async function setNextStep(viewer: Viewer, itemId: string, nextStep: string, ownerId?: string) {
  const r = await row(itemId);
  await updateItem(
    viewer,
    updateItemSchema.parse({
      itemId,
      version: String(r.version),
      ownerId: ownerId ?? r.ownerId ?? "",
      status: r.status,
      nextStep,
      expectedOutcome: r.expectedOutcome,
      dueDate: r.dueDate ?? "",
      whatChanged: r.whatChanged,
      whatWasTested: r.whatWasTested,
      whatNeedsProof: r.whatNeedsProof,
    }),
  );
}

describe("listActivity", () => {
  it("shows who changed what with a before/after diff, naming people rather than ids", async () => {
    await setNextStep(v.manager!, item("configuration-review"), "Confirm mapping <script>alert(1)</script>", seedId("user:riverbend-it"));
    const { entries } = await listActivity(v.engineer!, { implementationId: impl }, none);
    const latest = entries[0]!;
    expect(latest.actorName).toBe("Maya Okafor");
    expect(latest.action).toBe("checklist_item.updated");
    expect(latest.changes).toEqual([
      { field: "ownerId", label: "Owner", before: "Sam Whitfield", after: "Casey Lin" },
      { field: "nextStep", label: "Next step", before: "Confirm department mapping for the two pilot clinics.", after: "Confirm mapping <script>alert(1)</script>" },
    ]);
  });

  it("narrows to one item, including its evidence, and filters by person and kind", async () => {
    const blocked = await row(item("api-permission-checks"));
    await unblockItem(v.engineer!, unblockItemSchema.parse({ itemId: blocked.id, version: String(blocked.version), resolution: "Scope added by the health system" }));
    await recordEvidence(
      v.engineer!,
      recordEvidenceSchema.parse({ itemId: blocked.id, environmentId: seedId("env:riverbend-appointments:production"), kind: "technical", whatWasTested: "Booking returns 201", outcome: "pass", observedAt: new Date().toISOString().slice(0, 16), linkUrl: "" }),
    );
    const itemTrail = await listActivity(v.riverbend!, { implementationId: impl, itemId: blocked.id }, none);
    // Newest first: today's two events, then the demo's past on this item (db/seed-history.ts).
    expect(itemTrail.entries.map((e) => e.action).slice(0, 2)).toEqual(["evidence.recorded", "checklist_item.unblocked"]);
    expect(itemTrail.entries.map((e) => e.action)).toContain("checklist_item.blocked");
    const unblocked = itemTrail.entries[1]!;
    expect(unblocked.changes).toContainEqual({ field: "status", label: "Status", before: "Blocked", after: "In progress" });
    expect(unblocked.changes).toContainEqual({ field: "resolution", label: "Resolution", before: null, after: "Scope added by the health system" });
    expect(itemTrail.people.map((p) => p.name)).toEqual(["Erin Vasquez"]);

    const byManager = await listActivity(v.engineer!, { implementationId: impl }, parseActivityQuery({ person: v.manager!.userId }));
    expect(byManager.entries.every((e) => e.actorName === "Maya Okafor")).toBe(true);
    const evidenceOnly = await listActivity(v.engineer!, { implementationId: impl }, parseActivityQuery({ kind: "evidence" }));
    expect(evidenceOnly.entries.length).toBeGreaterThan(1);
    expect(new Set(evidenceOnly.entries.map((e) => e.action))).toEqual(new Set(["evidence.recorded"]));
  });

  it("pages by keyset without repeating or skipping an event", async () => {
    for (let i = 0; i < ACTIVITY_PAGE_SIZE + 3; i++) await setNextStep(v.manager!, item("monitoring-setup"), `Step ${i}`);
    const first = await listActivity(v.engineer!, { implementationId: impl }, none);
    expect(first.entries).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.nextAfter).not.toBeNull();
    // The demo's own history follows: page to the end.
    const entries = [...first.entries];
    let after = first.nextAfter;
    while (after !== null) {
      const next = await listActivity(v.engineer!, { implementationId: impl }, parseActivityQuery({ after: String(after) }));
      entries.push(...next.entries);
      after = next.nextAfter;
    }
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(entries.filter((e) => e.action === "checklist_item.updated" && e.changes.some((c) => c.after?.startsWith("Step "))).length).toBe(ACTIVITY_PAGE_SIZE + 3);
  });

  it("answers not found for another organization's implementation or item, a missing one and a malformed id", async () => {
    for (const target of [
      { implementationId: impl },
      { implementationId: impl, itemId: item("configuration-review") },
      { implementationId: "00000000-0000-4000-8000-000000000000" },
      { implementationId: "not-a-uuid" },
      { implementationId: seedId("impl:lakeshore-orders"), itemId: item("configuration-review") },
    ]) {
      await expect(listActivity(v.lakeshore!, target, none)).rejects.toMatchObject({ code: "not_found" });
    }
  });
});
