import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, savedViews } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { deleteViewSchema, saveViewSchema } from "@/lib/validation/saved-views";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { isDomainError } from "./errors";
import { deleteView, listSavedViews, MAX_SAVED_VIEWS, saveView } from "./saved-views";

// Named views of a list are their owner's alone: another person never sees them and cannot
// delete them (the same "not found" as a missing view), and each save and delete is audited in
// its own transaction. All names and filters here are synthetic.

const demo = withDemoDatabase();
const { v } = demo;

const save = (viewer: Viewer, list: string, name: string, query: string) => saveView(viewer, saveViewSchema.parse({ list, name, query }));
const remove = (viewer: Viewer, viewId: string) => deleteView(viewer, deleteViewSchema.parse({ viewId }));
const codeOf = (promise: Promise<unknown>) => promise.then(() => "ok", (e: unknown) => (isDomainError(e) ? e.code : `threw ${String(e)}`));
const riverbend = seedId("org:riverbend");

async function count(where = sql`true`) {
  const [row] = await demo.db.select({ n: sql<number>`count(*)::int` }).from(savedViews).where(where);
  return Number(row!.n);
}

describe("saving a view", () => {
  it("stores the list's own canonical filters under the person's name and lists it back as a link", async () => {
    const saved = await save(v.manager, "portfolio", "  My late Epic go-lives  ", `verdict=no_go&ehr=epic&mine=1&sort=name&dir=desc&page=3&customer=${riverbend}`);
    expect(saved.name).toBe("My late Epic go-lives");
    // Filters in one order, the page dropped: a view is a filter and an order, not a place.
    expect(saved.href).toBe(`/?customer=${riverbend}&ehr=epic&verdict=no_go&mine=1&sort=name&dir=desc`);
    const views = await listSavedViews(v.manager, "portfolio");
    expect(views.map((x) => [x.name, x.href])).toEqual([["My late Epic go-lives", saved.href]]);
    const [audit] = await demo.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "saved_view.created"), eq(auditEvents.entityId, saved.id)));
    expect(audit).toMatchObject({ actorId: v.manager.userId, entityType: "saved_view", implementationId: null });
    expect(audit!.after).toMatchObject({ list: "portfolio", name: "My late Epic go-lives" });
  });

  it("never shows one person's views to another, even of the same list", async () => {
    await save(v.engineer, "portfolio", "Erin's Oracle Health view", "ehr=oracle_health");
    expect((await listSavedViews(v.manager, "portfolio")).map((x) => x.name)).not.toContain("Erin's Oracle Health view");
    expect((await listSavedViews(v.engineer, "portfolio")).map((x) => x.name)).toEqual(["Erin's Oracle Health view"]);
    expect(await listSavedViews(v.riverbend, "portfolio")).toEqual([]);
    // The blockers are a list customer IT do not see; neither are views of it.
    expect(await codeOf(listSavedViews(v.riverbend, "blockers"))).toBe("forbidden");
    expect(await codeOf(save(v.riverbend, "blockers", "Our blockers", "severity=go_live"))).toBe("forbidden");
    // Lists are kept apart: a blockers view is not on the portfolio.
    await save(v.engineer, "blockers", "This week, oldest first", "within=7&sort=blocked_since&dir=asc");
    expect((await listSavedViews(v.engineer, "blockers")).map((x) => x.href)).toEqual(["/blockers?within=7&sort=blocked_since&dir=asc"]);
    expect((await listSavedViews(v.engineer, "portfolio")).map((x) => x.name)).toEqual(["Erin's Oracle Health view"]);
  });

  it("refuses a second view of the same name (whatever its case) and writes nothing", async () => {
    const before = await count();
    expect(await codeOf(save(v.manager, "portfolio", "MY LATE EPIC GO-LIVES", "verdict=go"))).toBe("conflict");
    expect(await count()).toBe(before);
    // The same name by another person, or for another list, is theirs to use.
    await save(v.engineer2, "portfolio", "My late Epic go-lives", "verdict=no_go");
    await save(v.manager, "blockers", "My late Epic go-lives", "mine=1");
  });

  it("refuses filters the list itself would not write, and never stores them", () => {
    for (const query of ["verdict=maybe", "role=admin", "sort=password", "ehr=epic&ehr=<script>", "customer=not-a-uuid", "mine=yes", "order=blocked_since:asc"]) {
      const parsed = saveViewSchema.safeParse({ list: "portfolio", name: "Tampered", query });
      expect(parsed.success, query).toBe(false);
      expect(parsed.error?.issues[0]?.path, query).toEqual(["query"]);
    }
    expect(saveViewSchema.safeParse({ list: "timeline", name: "x", query: "" }).success).toBe(false);
    expect(saveViewSchema.safeParse({ list: "portfolio", name: "Invisible\u202Ename", query: "" }).success).toBe(false);
    expect(saveViewSchema.safeParse({ list: "portfolio", name: "x".repeat(81), query: "" }).success).toBe(false);
    // The empty query is the list as it opens.
    expect(saveViewSchema.parse({ list: "blockers", name: "Everything", query: "" }).query).toBe("");
  });

  it(`keeps at most ${MAX_SAVED_VIEWS} views per person and list`, async () => {
    const already = (await listSavedViews(v.admin, "portfolio")).length;
    for (let i = already; i < MAX_SAVED_VIEWS; i++) await save(v.admin, "portfolio", `Synthetic view ${i}`, `window=${["7", "14", "30"][i % 3]}`);
    expect(await codeOf(save(v.admin, "portfolio", "One too many", ""))).toBe("invalid");
    expect(await listSavedViews(v.admin, "portfolio")).toHaveLength(MAX_SAVED_VIEWS);
  });
});

describe("deleting a view", () => {
  it("deletes only the owner's view: another person's, a missing and a malformed id get the same not found", async () => {
    const mine = await save(v.riverbend, "portfolio", "Riverbend, changed this week", "changed=this_week");
    const before = await count();
    for (const other of [v.riverbend2, v.lakeshore, v.manager, v.admin]) {
      await expect(deleteView(other, { viewId: mine.id })).rejects.toMatchObject({ code: "not_found", message: "That saved view was not found." });
    }
    await expect(deleteView(v.riverbend, { viewId: seedId("missing:no-such-view") })).rejects.toMatchObject({ code: "not_found", message: "That saved view was not found." });
    await expect(deleteView(v.riverbend, { viewId: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found" });
    expect(await count()).toBe(before);

    await remove(v.riverbend, mine.id);
    expect(await count()).toBe(before - 1);
    expect(await listSavedViews(v.riverbend, "portfolio")).toEqual([]);
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.action, "saved_view.deleted"), eq(auditEvents.entityId, mine.id)));
    expect(audit).toMatchObject({ actorId: v.riverbend.userId });
    expect(audit!.before).toMatchObject({ name: "Riverbend, changed this week", query: "changed=this_week" });
    // Deleted once: a second delete finds nothing.
    expect(await codeOf(remove(v.riverbend, mine.id))).toBe("not_found");
  });
});
