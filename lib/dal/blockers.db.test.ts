import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checklistItems, readinessSummaries, signOffs } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { todayIso } from "@/lib/format/dates";
import { blockerSorts, parseBlockersQuery } from "@/lib/validation/blockers";
import { blockItemSchema } from "@/lib/validation/checklist";
import { signOffItemSchema } from "@/lib/validation/sign-offs";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { listBlockerPage, listBlockers } from "./blockers";
import { blockItem } from "./checklist";
import { refreshDueSummaries } from "./gate";
import { getMyWork, getNavCounts } from "./my-work";
import { getSignOffPanel, signOffItem } from "./sign-offs";

const demo = withDemoDatabase();
const { v } = demo;

const item = (impl: string, key: string) => seedId(`item:${impl}:${key}`);
const all = parseBlockersQuery({});

async function block(viewer: Viewer, itemId: string, severity: "go_live" | "post_live", sinceDaysAgo: number) {
  const [row] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  const since = todayIso(new Date(Date.now() - sinceDaysAgo * 86_400_000));
  await blockItem(viewer, blockItemSchema.parse({ itemId, version: String(row!.version), reason: `Blocked ${severity}`, severity, ticketUrl: "", since }));
}

describe("listBlockers", () => {
  it("orders go-live blockers first, then the soonest go-live, then the oldest", async () => {
    // lakeshore-availability goes live in 6 days, riverbend-appointments in 21, riverbend-demographics in 75.
    await block(v.manager!, item("riverbend-demographics", "configuration-review"), "go_live", 40);
    await block(v.manager!, item("lakeshore-availability", "production-smoke-test"), "go_live", 1);
    await block(v.manager!, item("riverbend-appointments", "monitoring-setup"), "go_live", 12);
    const rows = await listBlockers(v.engineer!, all);
    expect(rows.map((r) => [r.implementationName, r.itemTitle, r.severity])).toEqual([
      ["Scheduling availability", "Production smoke test", "go_live"],
      ["Appointment sync", "Monitoring setup", "go_live"],
      ["Appointment sync", "API permission checks", "go_live"],
      ["Patient demographics feed", "Configuration review", "go_live"],
      ["Patient demographics feed", "Monitoring setup", "post_live"],
    ]);
    const first = rows[0]!;
    expect(first.daysBlocked).toBe(1);
    expect(first.daysToGoLive).toBe(6);
    expect(rows[1]!.daysBlocked).toBe(12);
  });

  it("lists the oldest first when asked, whatever the go-live", async () => {
    // The test above blocked Configuration review 40 days ago and Production smoke test
    // (the soonest go-live, listed first by default) a day ago.
    const rows = await listBlockers(v.engineer!, parseBlockersQuery({ sort: "blocked_since", dir: "asc" }));
    const since = rows.map((r) => r.blockedSince);
    expect(since).toEqual([...since].sort());
    expect(rows[0]!.itemTitle).toBe("Configuration review");
    expect(rows.at(-1)!.itemTitle).toBe("Production smoke test");
    const newest = await listBlockers(v.engineer!, parseBlockersQuery({ sort: "blocked_since", dir: "desc" }));
    expect(newest[0]!.itemTitle).toBe("Production smoke test");
    expect(newest.map((r) => r.blockedSince)).toEqual([...since].reverse());
  });

  it("filters by severity, customer, mine and go-live window", async () => {
    expect((await listBlockers(v.engineer!, parseBlockersQuery({ severity: "post_live" }))).map((r) => r.itemTitle)).toEqual(["Monitoring setup"]);
    const riverbend = seedId("org:riverbend");
    expect(new Set((await listBlockers(v.engineer!, parseBlockersQuery({ customer: riverbend }))).map((r) => r.customerName))).toEqual(
      new Set(["Riverbend Health (fictional)"]),
    );
    expect((await listBlockers(v.engineer!, parseBlockersQuery({ mine: "1" }))).map((r) => r.itemTitle)).toEqual(["API permission checks"]);
    expect((await listBlockers(v.engineer!, parseBlockersQuery({ within: "7" }))).map((r) => r.implementationName)).toEqual([
      "Scheduling availability",
    ]);
  });

  it("reads one page of the view in SQL, the same rows in the same order as the whole list", async () => {
    const whole = await listBlockers(v.engineer!, all);
    expect(whole.length).toBeGreaterThan(2);
    const pages = Math.ceil(whole.length / 2);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const result = await listBlockerPage(v.engineer!, parseBlockersQuery({ page: String(page) }), 2);
      expect(result).toMatchObject({ total: whole.length, page, pageCount: pages });
      seen.push(...result.rows.map((r) => r.itemId));
    }
    expect(seen).toEqual(whole.map((r) => r.itemId));
    // A page past the end (an old link) shows the last page, not an empty list.
    const past = await listBlockerPage(v.engineer!, parseBlockersQuery({ page: "99" }), 2);
    expect(past).toMatchObject({ total: whole.length, page: pages });
    expect(past.rows.map((r) => r.itemId)).toEqual(whole.slice((pages - 1) * 2).map((r) => r.itemId));
    await expect(listBlockerPage(v.riverbend!, all, 2)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("pages every order and filter the way the whole list orders and filters it", async () => {
    // The blockers the first test made, across three implementations and both severities.
    expect((await listBlockers(v.engineer!, all)).length).toBeGreaterThan(4);
    const views: Record<string, string>[] = [{ severity: "go_live" }, { mine: "1" }, { within: "30" }, { customer: seedId("org:riverbend") }];
    for (const sort of blockerSorts) for (const dir of ["asc", "desc"]) views.push({ sort, dir });
    for (const view of views) {
      const whole = (await listBlockers(v.engineer!, parseBlockersQuery(view))).map((r) => r.itemId);
      const seen: string[] = [];
      for (let page = 1; page <= Math.max(1, Math.ceil(whole.length / 2)); page++) {
        const result = await listBlockerPage(v.engineer!, parseBlockersQuery({ ...view, page: String(page) }), 2);
        expect(result.total, JSON.stringify(view)).toBe(whole.length);
        seen.push(...result.rows.map((r) => r.itemId));
      }
      expect(seen, JSON.stringify(view)).toEqual(whole);
    }
  });

  it("is refused to customer IT, who have no blockers page", async () => {
    await expect(listBlockers(v.riverbend!, all)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("my work", () => {
  it("lists the viewer's own open items and blockers, and sign-offs waiting on their role", async () => {
    const work = await getMyWork(v.engineer!);
    expect(work.blockers.map((b) => b.itemTitle)).toEqual(["API permission checks"]);
    expect(work.owned.every((i) => i.status !== "blocked" && i.status !== "signed_off")).toBe(true);
    // Ready for sign-off and requiring an engineer, without an engineer's sign-off on this version.
    expect(work.signOffsWaiting.length).toBeGreaterThan(0);
    for (const waiting of work.signOffsWaiting) expect(waiting.status).toBe("ready_for_signoff");
    const counts = await getNavCounts(v.engineer!);
    expect(counts.myWork).toBe(work.owned.length + work.blockers.length + work.signOffsWaiting.length);
    expect(counts.blockers).toBe(5);
  });

  it("drops a sign-off once the role has signed the current version", async () => {
    const before = await getMyWork(v.engineer!);
    const target = before.signOffsWaiting[0]!;
    await demo.db.insert(signOffs).values({
      checklistItemId: target.itemId,
      implementationId: target.implementationId,
      signerId: v.engineer!.userId,
      signerName: v.engineer!.name,
      signerOrganizationId: v.engineer!.organizationId,
      signerOrganizationName: v.engineer!.organizationName,
      signerRole: "engineer",
      decision: "approve",
      meaning: "test",
      itemVersion: target.version,
      snapshotSha256: "0".repeat(64),
      snapshot: {},
    });
    const after = await getMyWork(v.engineer!);
    expect(after.signOffsWaiting.map((i) => i.itemId)).not.toContain(target.itemId);
  });

  it("counts in the navigation what the lists show, from the summaries or, where none is built yet, from the items", async () => {
    const expected = async (viewer: Viewer) => {
      const work = await getMyWork(viewer);
      return work.owned.length + work.blockers.length + work.signOffsWaiting.length;
    };
    const blocked = async () => (await demo.db.select({ id: checklistItems.id }).from(checklistItems).where(eq(checklistItems.status, "blocked"))).length;
    // No summary at all (as after a bulk load): every count comes from the items.
    await demo.db.delete(readinessSummaries).where(sql`true`);
    for (const person of ["engineer", "manager", "riverbend", "lakeshore"] as const) {
      expect((await getNavCounts(v[person]!)).myWork, person).toBe(await expected(v[person]!));
    }
    expect((await getNavCounts(v.engineer!)).blockers).toBe(await blocked());
    // Every summary built: the counts are the summaries' sums, and still the lists' lengths.
    await refreshDueSummaries(v.manager!);
    expect((await demo.db.select().from(readinessSummaries)).length).toBeGreaterThan(0);
    for (const person of ["engineer", "manager", "riverbend", "lakeshore"] as const) {
      expect((await getNavCounts(v[person]!)).myWork, person).toBe(await expected(v[person]!));
    }
    expect((await getNavCounts(v.engineer!)).blockers).toBe(await blocked());
    // A sign-off through the data layer maintains the summary: the count drops with the list.
    const before = await getMyWork(v.riverbend!);
    const target = before.signOffsWaiting[0]!;
    const panel = await getSignOffPanel(v.riverbend!, target.implementationId, target.itemId);
    // Signing asks for a recent sign-in.
    await signOffItem(
      { ...v.riverbend!, session: { id: "session-nav-count", signedInAt: new Date(Date.now() - 60_000) } },
      signOffItemSchema.parse({ itemId: target.itemId, itemVersion: String(panel.version), snapshotDigest: panel.signing.snapshotDigest, decision: "approve", comment: "Checked for the navigation count" }),
    );
    expect((await getNavCounts(v.riverbend!)).myWork).toBe(await expected(v.riverbend!));
    expect(await expected(v.riverbend!)).toBe(before.owned.length + before.blockers.length + before.signOffsWaiting.length - 1);
  });

  it("keeps customer IT to their own organization", async () => {
    const work = await getMyWork(v.lakeshore!);
    const names = new Set([...work.owned, ...work.signOffsWaiting, ...work.blockers].map((i) => i.customerName));
    expect([...names].every((n) => n === "Lakeshore Medical Group (fictional)")).toBe(true);
    expect(work.signOffsWaiting.length).toBeGreaterThan(0);
    expect((await getNavCounts(v.lakeshore!)).blockers).toBeNull();
    // The navigation's count is of the same list: nothing from another health system.
    expect((await getNavCounts(v.lakeshore!)).myWork).toBe(work.owned.length + work.blockers.length + work.signOffsWaiting.length);
    const riverbend = await getMyWork(v.riverbend!);
    expect([...riverbend.owned, ...riverbend.signOffsWaiting].every((i) => i.customerName === "Riverbend Health (fictional)")).toBe(true);
  });
});
