import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditEvents, interfaceMetrics, interfaceWatchRules } from "@/db/schema";
import { seedId } from "@/db/seed";
import { defaultRules } from "@/lib/hypercare/evaluate";
import { hypercareRulesFor } from "@/lib/hypercare/rules";
import { simulateTraffic } from "@/lib/hypercare/simulation";
import { setWatchRulesSchema } from "@/lib/validation/hypercare";
import { addInterfaceSchema } from "@/lib/validation/interfaces";
import { demoImpl, envId, MISSING_ID, withDemoDatabase } from "@/test/fixtures/demo";
import { interfaceForm } from "@/test/fixtures/forms";
import { getInterfaceWatch, setInterfaceWatchRules } from "./interface-watch";
import { addInterface } from "./interfaces";

// Hand-set watch rules of an interface and the interface page's reading of its traffic: who may
// set them, what is refused, the audit event, the merge over the defaults, and the same "not
// found" for another organization's interface as for a missing one.
const demo = withDemoDatabase();
const { v } = demo;

const blank = { noTrafficMinutes: "", businessStartHour: "", businessEndHour: "", bandWidth: "", minSamples: "", errorRatePercent: "", fingerprintUnchangedMinutes: "" };
let riverbendFeed = "";
let lakeshoreFeed = "";

async function feeds() {
  if (riverbendFeed) return;
  riverbendFeed = (await addInterface(v.manager, addInterfaceSchema.parse(interfaceForm(demoImpl.appointments, { name: "Watch SIU feed (fictional)" })), "test")).interfaceId;
  lakeshoreFeed = (await addInterface(v.manager, addInterfaceSchema.parse(interfaceForm(demoImpl.availability, { name: "Watch feed (fictional)" })), "test")).interfaceId;
}

describe("hand-set watch rules", () => {
  it("starts with the defaults for every interface asked about", async () => {
    await feeds();
    const rules = await hypercareRulesFor(demo.db, [riverbendFeed, lakeshoreFeed, riverbendFeed]);
    expect([...rules.keys()].sort()).toEqual([riverbendFeed, lakeshoreFeed].sort());
    expect(rules.get(riverbendFeed)).toEqual(defaultRules);
    expect(await hypercareRulesFor(demo.db, [])).toEqual(new Map());
  });

  it("lets an engineer set some rules; the others keep their defaults; the change is audited", async () => {
    await feeds();
    const input = setWatchRulesSchema.parse({ ...blank, interfaceId: riverbendFeed, version: "0", noTrafficMinutes: "30", businessStartHour: "7", businessEndHour: "19", errorRatePercent: "2.5" });
    const out = await setInterfaceWatchRules(v.engineer, input, "test");
    expect(out).toMatchObject({ implementationId: demoImpl.appointments, interfaceId: riverbendFeed, version: 1, cleared: false });

    const rules = (await hypercareRulesFor(demo.db, [riverbendFeed, lakeshoreFeed])).get(riverbendFeed)!;
    expect(rules).toEqual({ ...defaultRules, noTrafficMinutes: 30, businessHours: { startHour: 7, endHour: 19 }, errorRateThreshold: 0.025 });
    expect((await hypercareRulesFor(demo.db, [lakeshoreFeed])).get(lakeshoreFeed)).toEqual(defaultRules);

    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, riverbendFeed), eq(auditEvents.action, "interface_watch_rules.set")));
    expect(audit).toBeDefined();
    expect(audit!.implementationId).toBe(demoImpl.appointments);
    expect((audit!.after as { rules: { noTrafficMinutes: number } }).rules.noTrafficMinutes).toBe(30);
    expect((audit!.before as { rules: { noTrafficMinutes: number } }).rules.noTrafficMinutes).toBe(60);

    const page = await getInterfaceWatch(v.riverbend, demoImpl.appointments, riverbendFeed);
    expect(page.rules.noTrafficMinutes).toBe(30);
    expect(page.rulesVersion).toBe(1);
    expect(page.canManageRules).toBe(false);
  });

  it("refuses a stale form, naming who changed the rules", async () => {
    await feeds();
    const stale = setWatchRulesSchema.parse({ ...blank, interfaceId: riverbendFeed, version: "0", noTrafficMinutes: "45" });
    await expect(setInterfaceWatchRules(v.manager, stale, "test")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Erin") as unknown });
  });

  it("clears every hand-set rule when the form is sent blank", async () => {
    await feeds();
    const out = await setInterfaceWatchRules(v.manager, setWatchRulesSchema.parse({ interfaceId: riverbendFeed, version: "1" }), "test");
    expect(out.cleared).toBe(true);
    expect(await demo.db.select().from(interfaceWatchRules).where(eq(interfaceWatchRules.interfaceId, riverbendFeed))).toEqual([]);
    expect((await hypercareRulesFor(demo.db, [riverbendFeed])).get(riverbendFeed)).toEqual(defaultRules);
    const cleared = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, riverbendFeed), eq(auditEvents.action, "interface_watch_rules.cleared")));
    expect(cleared).toHaveLength(1);
  });

  it("refuses customer IT, and answers another organization's interface like a missing one", async () => {
    await feeds();
    const input = (interfaceId: string) => setWatchRulesSchema.parse({ ...blank, interfaceId, version: "0", minSamples: "4" });
    await expect(setInterfaceWatchRules(v.riverbend, input(riverbendFeed), "test")).rejects.toMatchObject({ code: "forbidden" });
    await expect(setInterfaceWatchRules(v.lakeshore, input(riverbendFeed), "test")).rejects.toMatchObject({ code: "forbidden" });
    await expect(getInterfaceWatch(v.lakeshore, demoImpl.appointments, riverbendFeed)).rejects.toMatchObject({ code: "not_found" });
    await expect(getInterfaceWatch(v.riverbend, demoImpl.appointments, MISSING_ID)).rejects.toMatchObject({ code: "not_found" });
    await expect(getInterfaceWatch(v.riverbend, demoImpl.appointments, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    // The interface exists, but under another implementation than the address says.
    await expect(getInterfaceWatch(v.manager, demoImpl.demographics, riverbendFeed)).rejects.toMatchObject({ code: "not_found" });
    await expect(setInterfaceWatchRules(v.manager, input(MISSING_ID), "test")).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses numbers out of bounds and half-given business hours, field by field", () => {
    const refused = (fields: Record<string, string>) => {
      const result = setWatchRulesSchema.safeParse({ ...blank, interfaceId: riverbendFeed || MISSING_ID, version: "0", ...fields });
      return result.success ? {} : result.error.flatten().fieldErrors;
    };
    expect(refused({ noTrafficMinutes: "2" }).noTrafficMinutes?.[0]).toContain("from 5 to 10080");
    expect(refused({ noTrafficMinutes: "-1" }).noTrafficMinutes?.[0]).toContain("whole number");
    expect(refused({ bandWidth: "NaN" }).bandWidth).toBeDefined();
    expect(refused({ errorRatePercent: "150" }).errorRatePercent).toBeDefined();
    expect(refused({ minSamples: "1.5" }).minSamples).toBeDefined();
    expect(refused({ businessStartHour: "9" }).businessEndHour?.[0]).toContain("both");
    expect(refused({ businessStartHour: "18", businessEndHour: "8" }).businessEndHour?.[0]).toContain("end after they start");
    expect(refused({ bandWidth: "2.5", fingerprintUnchangedMinutes: "120" })).toEqual({});
  });
});

describe("the interface page's traffic", () => {
  it("pictures each environment with figures against the band learned from the weeks before", async () => {
    await feeds();
    const [token] = await demo.db
      .insert(apiTokens)
      .values({
        implementationId: demoImpl.appointments,
        name: "Watch test engine (fictional)",
        tokenHash: createHash("sha256").update(randomBytes(16)).digest("hex"),
        prefix: "rr_test00",
        environments: ["production"],
        scopes: ["metrics"],
        expiresAt: new Date(Date.now() + 86_400_000),
        createdById: seedId("user:engineer"),
      })
      .returning({ id: apiTokens.id });
    const now = new Date();
    const { points, silent } = simulateTraffic({ end: now });
    await demo.db.insert(interfaceMetrics).values(
      points.map((p) => ({ ...p, implementationId: demoImpl.appointments, interfaceId: riverbendFeed, environmentId: envId("riverbend-appointments", "production"), apiTokenId: token!.id })),
    );
    const page = await getInterfaceWatch(v.riverbend, demoImpl.appointments, riverbendFeed, now);
    expect(page.pictures.map((p) => p.kind)).toEqual(["production"]);
    const { picture } = page.pictures[0]!;
    expect(picture.hours).toHaveLength(168);
    expect(picture.hoursWithBand).toBe(168);
    expect(picture.belowBandSpans).toEqual([{ from: silent.from.toISOString(), to: silent.to.toISOString(), hours: 4 }]);
    expect(picture.total).toBe(points.filter((p) => p.periodStart >= picture.from).reduce((n, p) => n + p.messageCount, 0));
  });
});
