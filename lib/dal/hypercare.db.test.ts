import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { createApiTokenSchema } from "@/lib/validation/api-tokens";
import { parseBlockersQuery } from "@/lib/validation/blockers";
import { acknowledgeHypercareAlertSchema } from "@/lib/validation/hypercare";
import { addInterfaceSchema } from "@/lib/validation/interfaces";
import { parsePortfolioQuery } from "@/lib/validation/portfolio";
import { demoImpl, envId, withDemoDatabase } from "@/test/fixtures/demo";
import { createApiToken } from "./api-tokens";
import { listBlockers } from "./blockers";
import { getGate, rebuildSummary, refreshDueSummaries } from "./gate";
import { acknowledgeHypercareAlert, dueHypercareImplementations, evaluateHypercare, HYPERCARE_SYSTEM_ACTOR, hypercareOwnerChoices, listOpenHypercareAlerts } from "./hypercare";
import { listPortfolio } from "./implementations";
import { listInbox } from "./inbox";
import { addInterface } from "./interfaces";

// The silent-failure watch after go-live: the evaluation opens an alert when an interface goes
// quiet, leaves it open while it stays quiet, and resolves it with the figures once traffic
// returns; the gate, the blockers view, the portfolio and the readiness summary all say the same.

const fresh = (viewer: Viewer): Viewer => ({ ...viewer, session: { id: "session-hypercare", signedInAt: new Date(Date.now() - 60_000) } });
const demo = withDemoDatabase({ viewer: fresh });
const { v } = demo;

const HOUR = 3_600_000;
// A Wednesday at 14:00 UTC, inside business hours.
const now = new Date("2026-11-25T14:00:00Z");

// Lakeshore's clinical documents went live 30 days ago; Riverbend's appointments are not live yet.
const live = demoImpl.documents;
const notLive = demoImpl.appointments;

async function feed(implementationId: string, name: string, environment: "production" | "test") {
  const { interfaceId } = await addInterface(
    v.manager,
    addInterfaceSchema.parse({
      implementationId, name, kind: "hl7v2_feed", direction: "inbound", sourceSystem: "", targetSystem: "",
      workflows: [], messageTypes: "MDM^T02", endpointSandbox: "", endpointTest: "", endpointProduction: "", vendorOwner: "", customerOwner: "", status: "live", note: "",
    }),
  );
  const token = await createApiToken(
    v.manager,
    createApiTokenSchema.parse({ implementationId, name: `${name} monitor`, environments: [environment], scopes: ["metrics"], expiresInDays: "30" }),
  );
  const environmentId = envId(implementationId === live ? "lakeshore-documents" : "riverbend-appointments", environment);
  // Ten messages an hour for four weeks, each hour with new content, up to `until`.
  async function post(fromMs: number, untilMs: number) {
    const rows = [];
    for (let t = fromMs; t < untilMs; t += HOUR) {
      rows.push({
        implementationId, interfaceId, environmentId, apiTokenId: token.tokenId,
        periodStart: new Date(t), periodEnd: new Date(t + HOUR), messageCount: 10, errorCount: 0,
        lastMessageAt: new Date(t + HOUR - 60_000), contentFingerprint: `fp-${t}`,
      });
    }
    for (let i = 0; i < rows.length; i += 500) await demo.db.insert(s.interfaceMetrics).values(rows.slice(i, i + 500));
  }
  return { interfaceId, environmentId, post };
}

async function openAlerts(implementationId: string) {
  return demo.db.select().from(s.hypercareAlerts).where(and(eq(s.hypercareAlerts.implementationId, implementationId)));
}

async function summaryOf(implementationId: string) {
  const [row] = await demo.db.select().from(s.readinessSummaries).where(eq(s.readinessSummaries.implementationId, implementationId));
  return row!;
}

async function auditOf(action: string, entityIds: string[]) {
  return demo.db.select().from(s.auditEvents).where(and(eq(s.auditEvents.action, action), inArray(s.auditEvents.entityId, entityIds)));
}

let documentsFeed: Awaited<ReturnType<typeof feed>>;

beforeAll(async () => {
  await refreshDueSummaries(v.manager);
  // The live implementation's webhook receiver hears of alerts opening and clearing.
  await demo.db.insert(s.webhooks).values({ implementationId: live, url: "http://127.0.0.1:9/hook", secret: "s" });
  documentsFeed = await feed(live, "Transcription feed (fictional)", "production");
  // Traffic until 12:00, then nothing: two business hours of silence at 14:00.
  await documentsFeed.post(now.getTime() - 28 * 24 * HOUR, now.getTime() - 2 * HOUR);
});

describe("hypercare alerts", () => {
  it("opens an alert when a live interface goes quiet, once, and names the system in the audit trail", async () => {
    expect(await dueHypercareImplementations(now)).toContain(live);
    expect(await evaluateHypercare(live, now)).toEqual({ opened: 1, resolved: 0, open: 1 });
    const [alert] = await openAlerts(live);
    expect(alert).toMatchObject({ rule: "no_traffic", interfaceId: documentsFeed.interfaceId, resolvedAt: null, since: new Date(now.getTime() - 2 * HOUR - 60_000) });
    expect(alert!.summary).toMatch(/^No message for 121 business-hour minutes \(limit 60\)\.$/);

    const [event] = await auditOf("hypercare_alert.opened", [alert!.id]);
    expect(event).toMatchObject({ actorId: null, implementationId: live });
    expect(event!.after).toMatchObject({ by: HYPERCARE_SYSTEM_ACTOR, rule: "no_traffic", interface: { name: "Transcription feed (fictional)" }, environment: "production" });

    // The implementation's manager hears of it in the inbox.
    const [manager2] = await demo.db.select().from(s.users).where(eq(s.users.email, "manager2@vendor.example"));
    const notices = await demo.db.select().from(s.inboxNotifications).where(and(eq(s.inboxNotifications.userId, manager2!.id), eq(s.inboxNotifications.kind, "hypercare_alert")));
    expect(notices.map((n) => n.title)).toEqual(["Clinical documents: Transcription feed (fictional) (production) — No traffic"]);

    const [delivery] = await demo.db.select().from(s.webhookDeliveries).where(and(eq(s.webhookDeliveries.implementationId, live), eq(s.webhookDeliveries.event, "hypercare.alert_opened")));
    expect(delivery!.payload).toMatchObject({
      event: "hypercare.alert_opened",
      implementation: { id: live, name: "Clinical documents" },
      data: { alertId: alert!.id, interface: { id: documentsFeed.interfaceId, name: "Transcription feed (fictional)" }, environment: "production", rule: "no_traffic", live: true, figures: { quietBusinessMinutes: 121, limitMinutes: 60 } },
    });

    // Still quiet a minute later: the same alert stays open, nothing new is written.
    expect(await evaluateHypercare(live, new Date(now.getTime() + 60_000))).toEqual({ opened: 0, resolved: 0, open: 1 });
    expect(await openAlerts(live)).toHaveLength(1);
    expect(await auditOf("hypercare_alert.opened", [alert!.id])).toHaveLength(1);
  });

  it("shows the open alert as a post-live blocker alike in the gate, the blockers view, the portfolio and the summary", async () => {
    const gate = await getGate(v.manager, live);
    const reasons = gate.reasons.filter((r) => r.key.startsWith("hypercare:"));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({ severity: "risk", href: `/implementations/${live}/interfaces` });
    expect(reasons[0]!.message).toMatch(/^Post-live blocker: Transcription feed \(fictional\) \(production\) — No message for/);

    const blockers = await listOpenHypercareAlerts(v.manager, parseBlockersQuery({}));
    expect(blockers.map((b) => ({ impl: b.implementationId, live: b.live, rule: b.rule }))).toEqual([{ impl: live, live: true, rule: "no_traffic" }]);
    // The blockers list of items is unchanged: an alert is not a checklist item.
    expect((await listBlockers(v.manager, parseBlockersQuery({}))).some((b) => b.implementationId === live)).toBe(false);

    const summary = await summaryOf(live);
    expect(summary.openHypercareAlerts).toBe(1);
    expect((await rebuildSummary(live))!.openHypercareAlerts).toBe(1);

    const portfolio = await listPortfolio(v.manager, parsePortfolioQuery({ hypercare: "open" }));
    expect(portfolio.rows.map((r) => [r.id, r.openHypercareAlerts])).toEqual([[live, 1]]);
    // Customer IT of another organization sees neither the alert nor the implementation.
    expect((await listPortfolio(v.riverbend, parsePortfolioQuery({ hypercare: "open" }))).rows).toEqual([]);
  });

  it("is acknowledged by the vendor team with an owner, a next step and an expected outcome, audited", async () => {
    const [alert] = await openAlerts(live);
    const input = (ownerId: string) =>
      acknowledgeHypercareAlertSchema.parse({ alertId: alert!.id, ownerId, nextStep: "Check the transcription engine's outbound queue", expectedOutcome: "Messages flow again within the hour" });
    // Customer IT may not acknowledge (policy table), another organization's alert is not found.
    await expect(acknowledgeHypercareAlert(v.lakeshore, input(v.lakeshore.userId))).rejects.toMatchObject({ code: "forbidden" });
    await expect(hypercareOwnerChoices(v.lakeshore)).rejects.toMatchObject({ code: "forbidden" });
    expect((await hypercareOwnerChoices(v.engineer)).map((p) => p.id)).toEqual(expect.arrayContaining([v.lakeshore.userId, v.engineer.userId]));
    // The owner must be someone on this implementation: Riverbend's IT is not.
    await expect(acknowledgeHypercareAlert(v.engineer, input(v.riverbend.userId))).rejects.toMatchObject({ code: "invalid", fieldErrors: { ownerId: ["Choose a person on this implementation."] } });
    expect(() => acknowledgeHypercareAlertSchema.parse({ alertId: alert!.id, ownerId: v.engineer.userId, nextStep: " ", expectedOutcome: "x" })).toThrow(/Next step is required/);

    await acknowledgeHypercareAlert(v.engineer, input(v.lakeshore.userId));
    const [after] = await openAlerts(live);
    expect(after).toMatchObject({ acknowledgedById: v.engineer.userId, ownerId: v.lakeshore.userId, nextStep: "Check the transcription engine's outbound queue", resolvedAt: null });
    const [event] = await auditOf("hypercare_alert.acknowledged", [alert!.id]);
    expect(event).toMatchObject({ actorId: v.engineer.userId, implementationId: live });
    expect(event!.after).toMatchObject({ ownerName: expect.any(String), expectedOutcome: "Messages flow again within the hour" });

    // The gate still counts it, and says who is on it.
    const reason = (await getGate(v.manager, live)).reasons.find((r) => r.key === `hypercare:${alert!.id}`);
    expect(reason!.clear).toMatch(/owns it; next step: Check the transcription engine's outbound queue/);
    const blockers = await listOpenHypercareAlerts(v.manager, parseBlockersQuery({}));
    expect(blockers[0]).toMatchObject({ ownerName: after!.ownerId ? expect.any(String) : null, nextStep: "Check the transcription engine's outbound queue" });
  });

  it("resolves the alert by itself once traffic returns, saying so, and every view agrees", async () => {
    await documentsFeed.post(now.getTime() - 2 * HOUR, now.getTime() + HOUR);
    const later = new Date(now.getTime() + HOUR + 5 * 60_000);
    expect(await evaluateHypercare(live, later)).toEqual({ opened: 0, resolved: 1, open: 0 });
    const [alert] = await openAlerts(live);
    expect(alert!.resolvedAt).toEqual(later);
    expect(alert!.resolution).toBe("Traffic returned: last message at 2026-11-25 14:59 UTC.");
    const [event] = await auditOf("hypercare_alert.resolved", [alert!.id]);
    expect(event).toMatchObject({ actorId: null });
    expect(event!.after).toMatchObject({ by: HYPERCARE_SYSTEM_ACTOR, resolution: alert!.resolution });
    const [delivery] = await demo.db.select().from(s.webhookDeliveries).where(and(eq(s.webhookDeliveries.implementationId, live), eq(s.webhookDeliveries.event, "hypercare.alert_resolved")));
    expect(delivery!.payload).toMatchObject({ data: { alertId: alert!.id, rule: "no_traffic", resolution: alert!.resolution, resolvedAt: later.toISOString() } });

    expect((await getGate(v.manager, live)).reasons.some((r) => r.key.startsWith("hypercare:"))).toBe(false);
    expect(await listOpenHypercareAlerts(v.manager, parseBlockersQuery({}))).toEqual([]);
    expect((await summaryOf(live)).openHypercareAlerts).toBe(0);
    expect((await listPortfolio(v.manager, parsePortfolioQuery({ hypercare: "open" }))).rows).toEqual([]);
    // A resolved alert cannot be acknowledged any more.
    await expect(
      acknowledgeHypercareAlert(v.manager, acknowledgeHypercareAlertSchema.parse({ alertId: alert!.id, ownerId: v.engineer.userId, nextStep: "x", expectedOutcome: "y" })),
    ).rejects.toMatchObject({ code: "invalid" });
    // The manager's inbox has the opening and the clearing.
    const [manager2] = await demo.db.select().from(s.users).where(eq(s.users.email, "manager2@vendor.example"));
    const inbox = await listInbox({ ...v.manager, userId: manager2!.id });
    expect(inbox.filter((n) => n.kind === "hypercare_alert").map((n) => n.title)).toEqual([
      "Clinical documents: Transcription feed (fictional) (production) — No traffic cleared",
      "Clinical documents: Transcription feed (fictional) (production) — No traffic",
    ]);
  });

  it("is a hypercare risk, not a post-live blocker, before go-live", async () => {
    const testFeed = await feed(notLive, "Scheduling feed (fictional)", "test");
    await testFeed.post(now.getTime() - 28 * 24 * HOUR, now.getTime() - 3 * HOUR);
    expect(await evaluateHypercare(notLive, now)).toMatchObject({ opened: 1 });
    const reason = (await getGate(v.manager, notLive)).reasons.find((r) => r.key.startsWith("hypercare:"));
    expect(reason).toMatchObject({ severity: "risk" });
    expect(reason!.message).toMatch(/^Hypercare risk: Scheduling feed \(fictional\) \(test\) — No message for/);
    const [row] = await listOpenHypercareAlerts(v.manager, parseBlockersQuery({}));
    expect(row).toMatchObject({ implementationId: notLive, live: false });
    // Riverbend's own IT sees it in the gate of their implementation.
    expect((await getGate(v.riverbend, notLive)).reasons.some((r) => r.key === reason!.key)).toBe(true);
  });
});
