import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { todayIso } from "@/lib/format/dates";
import { parseBlockersQuery } from "@/lib/validation/blockers";
import { blockItemSchema } from "@/lib/validation/checklist";
import { parseChecklistView } from "@/lib/validation/checklist-view";
import { parsePortfolioQuery } from "@/lib/validation/portfolio";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { listBlockers } from "./blockers";
import { blockItem } from "./checklist";
import { getImplementation, listPortfolio } from "./implementations";

// Lists people can shape: several choices of one filter at once, "mine", "changed since
// Monday", the checklist's view in SQL. The tenant condition
// stays in the SQL whatever the URL asks for. Synthetic demo data only.

const demo = withDemoDatabase();
const { v } = demo;

const riverbend = seedId("org:riverbend");
const lakeshore = seedId("org:lakeshore");
const names = async (viewer: Viewer, params: Record<string, string | string[]>, now?: Date) =>
  (await listPortfolio(viewer, parsePortfolioQuery(params), now)).rows.map((r) => r.name).sort();

describe("portfolio: several choices of one filter", () => {
  it("reads repeated values as alternatives: the union of each value alone", async () => {
    const pilot = await names(v.manager, { phase: "pilot" });
    const expansion = await names(v.manager, { phase: "expansion" });
    const assessment = await names(v.manager, { phase: "assessment" });
    expect(await names(v.manager, { phase: ["pilot", "expansion"] })).toEqual([...pilot, ...expansion].sort());
    expect(await names(v.manager, { phase: ["pilot", "expansion", "assessment"] })).toEqual([...pilot, ...expansion, ...assessment].sort());
    // Different filters all apply.
    const epic = await names(v.manager, { ehr: "epic" });
    expect(await names(v.manager, { phase: ["pilot", "expansion"], ehr: "epic" })).toEqual([...pilot, ...expansion].filter((n) => epic.includes(n)).sort());
    expect(await names(v.manager, { customer: [riverbend, lakeshore] })).toHaveLength(5);
    expect(await names(v.manager, { verdict: ["go", "conditional_go"] })).toEqual([]);
  });

  it("keeps customer IT to their own organization, whichever customers the URL names", async () => {
    const own = await names(v.riverbend, {});
    expect(own).toEqual(["Appointment sync", "Patient demographics feed"]);
    expect(await names(v.riverbend, { customer: [riverbend, lakeshore] })).toEqual(own);
    const theirs = await listPortfolio(v.riverbend, parsePortfolioQuery({ customer: lakeshore }));
    expect(theirs.rows).toEqual([]);
    expect(theirs.total).toBe(2);
    expect(theirs.customers.map((c) => c.id)).toEqual([riverbend]);
  });
});

describe("portfolio: mine", () => {
  it("keeps the implementations the viewer manages or owns the engineering of", async () => {
    // Maya manages Appointment sync, Scheduling availability and Orders and results; Erin is
    // the engineering owner of Appointment sync, Clinical documents and Orders and results.
    expect(await names(v.manager, { mine: "1" })).toEqual(["Appointment sync", "Orders and results", "Scheduling availability"]);
    expect(await names(v.engineer, { mine: "1" })).toEqual(["Appointment sync", "Clinical documents", "Orders and results"]);
    expect(await names(v.manager, { mine: "1", customer: riverbend })).toEqual(["Appointment sync"]);
    // Customer IT manage none.
    expect(await names(v.lakeshore, { mine: "1" })).toEqual([]);
  });
});

describe("blockers: several severities and customers at once", () => {
  it("lists the union of the chosen customers and severities, and ignores ids that name nothing", async () => {
    const [row] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, seedId("item:lakeshore-orders:monitoring-setup")));
    await blockItem(
      v.manager,
      blockItemSchema.parse({ itemId: row!.id, version: String(row!.version), reason: "Synthetic: alert routing not agreed", severity: "post_live", ticketUrl: "", since: todayIso() }),
    );
    const all = await listBlockers(v.engineer, parseBlockersQuery({}));
    const customers = (params: Record<string, string | string[]>) => listBlockers(v.engineer, parseBlockersQuery(params)).then((rows) => rows.map((r) => r.customerName).sort());
    expect(new Set(await customers({ customer: lakeshore }))).toEqual(new Set(["Lakeshore Medical Group (fictional)"]));
    expect(await customers({ customer: [riverbend, lakeshore] })).toEqual(all.map((r) => r.customerName).sort());
    expect(await customers({ customer: seedId("missing:no-such-customer") })).toEqual([]);
    expect((await listBlockers(v.engineer, parseBlockersQuery({ severity: ["go_live", "post_live"] }))).length).toBe(all.length);
    const postLiveLakeshore = await listBlockers(v.engineer, parseBlockersQuery({ severity: "post_live", customer: lakeshore }));
    expect(postLiveLakeshore.map((r) => r.reason)).toEqual(["Synthetic: alert routing not agreed"]);
  });
});

describe("checklist view in SQL", () => {
  const impl = seedId("impl:riverbend-appointments");
  const view = (params: Record<string, string>) => parseChecklistView(params);

  it("filters and orders in the statement, with the count of every item beside it", async () => {
    const everything = await getImplementation(v.manager, impl);
    expect(everything.itemsTotal).toBe(everything.items.length);

    const blocked = await getImplementation(v.manager, impl, view({ show: "blocked" }));
    expect(blocked.itemsTotal).toBe(everything.items.length);
    expect(blocked.items.length).toBeGreaterThan(0);
    expect(blocked.items.every((i) => i.status === "blocked")).toBe(true);
    expect(blocked.items.length).toBe(everything.items.filter((i) => i.status === "blocked").length);

    const byTitle = (await getImplementation(v.manager, impl, view({ sort: "title" }))).items.map((i) => i.title);
    expect(byTitle).toEqual([...byTitle].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(byTitle).toHaveLength(everything.items.length);

    const byDue = (await getImplementation(v.manager, impl, view({ sort: "due" }))).items.map((i) => i.dueDate);
    const dated = byDue.filter((d): d is string => d !== null);
    expect(byDue.slice(0, dated.length)).toEqual([...dated].sort());

    const mine = await getImplementation(v.engineer, impl, view({ show: "mine" }));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.ownerId === v.engineer.userId)).toBe(true);

    const waiting = await getImplementation(v.manager, impl, view({ show: "waiting_customer" }));
    for (const i of waiting.items) expect(i.status === "ready_for_signoff" && i.requiredSignOffRoles.includes("customer_it")).toBe(true);
  });

  it("still answers another organization's implementation with not found, whatever the view", async () => {
    await expect(getImplementation(v.lakeshore, impl, view({ show: "mine", sort: "due" }))).rejects.toMatchObject({ code: "not_found" });
  });
});

// Last: it reads the portfolio as of a day far ahead, which re-derives every summary.
describe("portfolio: changed since Monday", () => {
  it("keeps implementations with something recorded since Monday 00:00 UTC, and counts it", async () => {
    const wednesday = new Date("2099-06-10T12:00:00Z");
    const at = (iso: string) => new Date(iso);
    const event = (implementationId: string, action: string, occurredAt: Date) =>
      demo.db.insert(auditEvents).values({ implementationId, action, entityType: "implementation", entityId: implementationId, occurredAt, actorId: v.manager.userId, actorRole: "implementation_manager", actorOrganizationId: v.manager.organizationId });
    await event(seedId("impl:lakeshore-orders"), "configuration_change.recorded", at("2099-06-08T00:30:00Z"));
    await event(seedId("impl:lakeshore-orders"), "item.updated", at("2099-06-09T08:00:00Z"));
    // Sunday night is last week.
    await event(seedId("impl:riverbend-appointments"), "item.updated", at("2099-06-07T23:59:00Z"));
    // Webhook settings are the vendor's: not a change customer IT are shown.
    await event(seedId("impl:lakeshore-availability"), "webhook.updated", at("2099-06-08T09:00:00Z"));

    const page = await listPortfolio(v.manager, parsePortfolioQuery({ changed: "this_week", mine: "1" }), wednesday);
    // Sorted by go-live, undated last.
    expect(page.rows.map((r) => [r.name, r.changesSinceMonday])).toEqual([
      ["Scheduling availability", 1],
      ["Orders and results", 2],
    ]);
    expect((await names(v.lakeshore, { changed: "this_week" }, wednesday))).toEqual(["Orders and results"]);
    expect(await names(v.riverbend, { changed: "this_week" }, wednesday)).toEqual([]);
    // Without the filter nothing is counted (the column is read only when asked for).
    expect((await listPortfolio(v.manager, parsePortfolioQuery({}), wednesday)).rows.every((r) => r.changesSinceMonday === null)).toBe(true);
  });
});
