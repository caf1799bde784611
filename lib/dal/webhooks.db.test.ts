import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditEvents, checklistItems, webhookDeliveries, webhooks } from "@/db/schema";
import { seedId } from "@/db/seed";
import { verifySignature } from "@/lib/notifications/signing";
import { deliverDue } from "@/lib/notifications/worker";
import { blockItemSchema } from "@/lib/validation/checklist";
import { rotateWebhookSecretSchema, saveWebhookSchema, setWebhookEnabledSchema } from "@/lib/validation/webhooks";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { blockItem } from "./checklist";
import { queueEvent } from "./events";
import { getWebhookSettings, queueGoLiveWarnings, rotateWebhookSecret, saveWebhook, sendTestDelivery, setWebhookEnabled } from "./webhooks";

// A loopback receiver that records what it was sent and answers with the next queued status.
type Received = { headers: IncomingMessage["headers"]; body: string };
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let answers: number[] = [];

const demo = withDemoDatabase();
const { v } = demo;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answers = [];
});

const impl = seedId("impl:riverbend-appointments");
// The test receiver listens on loopback, which a real deployment refuses (destination.ts).
const fast = { schedule: [0, 0], timeoutMs: 2_000, allowPrivateNetworks: true };

async function configure(url: string, implementationId = impl) {
  const settings = await getWebhookSettings(v.manager!, implementationId);
  return saveWebhook(v.manager!, saveWebhookSchema.parse({ implementationId, version: settings.webhook ? String(settings.webhook.version) : "", url }));
}

async function deliveries() {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.implementationId, impl));
}

async function queue(event: "item.blocked" | "item.unblocked" = "item.blocked") {
  await getDb().transaction((tx) => queueEvent(tx, { implementationId: impl, event, data: { itemTitle: "API permission checks" } }));
}

describe("webhook settings", () => {
  it("creates a webhook with a secret shown once, audited without the secret; only managers and admins", async () => {
    const { secret } = await configure(receiverUrl);
    expect(secret).toMatch(/^whsec_/);
    const settings = await getWebhookSettings(v.manager!, impl);
    expect(settings.webhook).toMatchObject({ url: receiverUrl, enabled: true, secretHint: `…${secret!.slice(-4)}` });
    expect(JSON.stringify(settings)).not.toContain(secret!);
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "webhook.configured"));
    expect(JSON.stringify(audit)).not.toContain(secret!);
    for (const who of ["engineer", "riverbend"] as const) {
      await expect(getWebhookSettings(v[who]!, impl)).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("refuses URLs other than http(s) and a stale version", () => {
    for (const url of ["javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd", "' OR 1=1--", "x".repeat(10_000), "http://a\u0000b"]) {
      expect(saveWebhookSchema.safeParse({ implementationId: impl, version: "", url }).success).toBe(false);
    }
    return expect(saveWebhook(v.manager!, saveWebhookSchema.parse({ implementationId: impl, version: "99", url: receiverUrl }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("answers not found for another organization's implementation, a missing one and a malformed id", async () => {
    const hostile = { ...v.manager!, organizationKind: "customer" as const, organizationId: seedId("org:lakeshore") };
    await expect(getWebhookSettings(hostile, impl)).rejects.toMatchObject({ code: "not_found" });
    await expect(getWebhookSettings(v.manager!, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(getWebhookSettings(v.manager!, "nope")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("delivery", () => {
  it("signs each delivery so the receiver can verify body and timestamp with the secret", async () => {
    const current = await getWebhookSettings(v.manager!, impl);
    const { secret } = await rotateWebhookSecret(v.manager!, rotateWebhookSecretSchema.parse({ implementationId: impl, version: String(current.webhook!.version) }));
    await queue();
    expect(await deliverDue(fast)).toEqual({ delivered: 1, retry: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers["x-readyroom-event"]).toBe("item.blocked");
    expect(verifySignature(secret, { signature: headers["x-readyroom-signature"] as string, timestamp: headers["x-readyroom-timestamp"] as string }, body)).toBe(true);
    expect(verifySignature(`${secret}x`, { signature: headers["x-readyroom-signature"] as string, timestamp: headers["x-readyroom-timestamp"] as string }, body)).toBe(false);
    expect(JSON.parse(body)).toMatchObject({ event: "item.blocked", implementation: { id: impl }, data: { itemTitle: "API permission checks" } });
    const [row] = (await deliveries()).filter((d) => d.status === "delivered");
    expect(row).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
  });

  it("retries after a 500 and delivers on the next attempt; gives up after the schedule", async () => {
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- the test starts with an empty outbox
    await getDb().delete(webhookDeliveries);
    answers = [500];
    await queue("item.unblocked");
    expect(await deliverDue(fast)).toEqual({ delivered: 0, retry: 1, failed: 0 });
    let [row] = await deliveries();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "Receiver answered 500" });
    expect(await deliverDue(fast)).toEqual({ delivered: 1, retry: 0, failed: 0 });
    [row] = await deliveries();
    expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
    expect(received).toHaveLength(2);
    expect(received[0]!.headers["x-readyroom-delivery"]).toBe(received[1]!.headers["x-readyroom-delivery"]);

    // eslint-disable-next-line drizzle/enforce-delete-with-where -- the test starts with an empty outbox
    await getDb().delete(webhookDeliveries);
    answers = [503, 503, 503];
    await queue();
    await deliverDue(fast);
    await deliverDue(fast);
    expect(await deliverDue(fast)).toEqual({ delivered: 0, retry: 0, failed: 1 });
    [row] = await deliveries();
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 503 });
  });

  it("with the receiver down, the user's action still succeeds and the delivery waits for a retry", async () => {
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- the test starts with an empty outbox
    await getDb().delete(webhookDeliveries);
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, "127.0.0.1", resolve));
    const deadUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => down.close(resolve));
    await configure(deadUrl);

    const itemId = seedId("item:riverbend-appointments:monitoring-setup");
    const [before] = await getDb().select().from(checklistItems).where(eq(checklistItems.id, itemId));
    const result = await blockItem(
      v.manager!,
      blockItemSchema.parse({ itemId, version: String(before!.version), reason: "Alert routing missing", severity: "go_live", ticketUrl: "", since: new Date().toISOString().slice(0, 10) }),
    );
    expect(result.version).toBe(before!.version + 1);
    // blockItem queues its own event, in its own transaction.
    expect((await deliveries()).filter((d) => d.event === "item.blocked")).toHaveLength(1);

    const outcome = await deliverDue({ timeoutMs: 2_000, allowPrivateNetworks: true });
    expect(outcome.retry).toBeGreaterThanOrEqual(1);
    const rows = await deliveries();
    for (const row of rows) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
      expect(row.lastError).toMatch(/^Could not connect/);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    }
    const [after] = await getDb().select().from(checklistItems).where(eq(checklistItems.id, itemId));
    expect(after!.status).toBe("blocked");
    await configure(receiverUrl);
  });

  it("never sends for a disabled webhook, and never sends one delivery twice when two workers claim at once", async () => {
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- the test starts with an empty outbox
    await getDb().delete(webhookDeliveries);
    const settings = await getWebhookSettings(v.manager!, impl);
    await setWebhookEnabled(v.manager!, setWebhookEnabledSchema.parse({ implementationId: impl, version: String(settings.webhook!.version), enabled: "false" }));
    await getDb().insert(webhookDeliveries).values({ webhookId: (await getDb().select().from(webhooks))[0]!.id, implementationId: impl, event: "item.blocked", payload: { id: "x", event: "item.blocked", occurredAt: "", implementation: { id: impl, name: "n", customer: "c" }, data: {} } });
    expect(await deliverDue(fast)).toEqual({ delivered: 0, retry: 0, failed: 0 });
    const again = await getWebhookSettings(v.manager!, impl);
    await setWebhookEnabled(v.manager!, setWebhookEnabledSchema.parse({ implementationId: impl, version: String(again.webhook!.version), enabled: "true" }));
    for (let i = 0; i < 5; i++) await queue();
    const results = await Promise.all([deliverDue(fast), deliverDue(fast), deliverDue(fast)]);
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(6);
    expect(received).toHaveLength(6);
  });

  it("a test delivery and the go-live warning go out once a day for an implementation with open go-live blockers", async () => {
    // eslint-disable-next-line drizzle/enforce-delete-with-where -- the test starts with an empty outbox
    await getDb().delete(webhookDeliveries);
    await sendTestDelivery(v.admin!, { implementationId: impl });
    const lakeshore = seedId("impl:lakeshore-availability");
    await configure(receiverUrl, lakeshore);
    // Riverbend goes live in 21 days: too far. Lakeshore in 6 days, with no blocker yet.
    expect(await queueGoLiveWarnings()).toBe(0);
    const itemId = seedId("item:lakeshore-availability:production-smoke-test");
    const [row] = await getDb().select().from(checklistItems).where(eq(checklistItems.id, itemId));
    await blockItem(v.manager!, blockItemSchema.parse({ itemId, version: String(row!.version), reason: "Smoke test failing", severity: "go_live", ticketUrl: "", since: new Date().toISOString().slice(0, 10) }));
    expect(await queueGoLiveWarnings()).toBe(1);
    await queueGoLiveWarnings();
    const warnings = (await getDb().select().from(webhookDeliveries)).filter((d) => d.event === "go_live.approaching_with_blockers");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.payload).toMatchObject({ data: { daysLeft: 6, openGoLiveBlockers: 1, blockers: [{ title: "Production smoke test" }] } });
    await deliverDue(fast);
    expect(received.map((r) => r.headers["x-readyroom-event"]).sort()).toEqual(["go_live.approaching_with_blockers", "item.blocked", "webhook.test"]);
  });
});
