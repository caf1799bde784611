import "server-only";
import { and, asc, count, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { checklistItems, implementations, organizations, webhookDeliveries, webhooks } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { todayIso } from "@/lib/format/dates";
import type { WebhookPayload } from "@/lib/notifications/format";
import { DEFAULT_RETRY_SCHEDULE_MS, nextAttemptDelay } from "@/lib/notifications/schedule";
import type { SendOutcome } from "@/lib/notifications/send";
import { generateWebhookSecret } from "@/lib/notifications/signing";
import type {
  RotateWebhookSecretInput,
  SaveWebhookInput,
  SendTestDeliveryInput,
  SetWebhookEnabledInput,
} from "@/lib/validation/webhooks";
import { conflict, notFound } from "./errors";
import { queueEvent } from "./events";
import { authorize } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, one, unchanged, writeOnImplementation } from "./unit-of-work";

// An implementation's outgoing webhook (its URL, its signing secret shown once, on/off, the
// delivery log) and the delivery worker's side of the outbox: claim due deliveries so that
// several app instances never send one twice, record each attempt's outcome, and queue the
// daily "go-live approaching with open go-live blockers" warning.

const DELIVERY_LOG_SIZE = 50;

function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}

async function lockWebhook(tx: Transaction, viewer: Viewer, implementationId: string, expectedVersion: number) {
  await lockImplementation(tx, viewer, implementationId);
  const [hook] = await tx.select().from(webhooks).where(eq(webhooks.implementationId, implementationId)).for("update");
  if (!hook) throw notFound("Webhook");
  if (hook.version !== expectedVersion) {
    throw conflict("Someone changed this webhook after you opened the page. Reload to see the current settings, then try again.");
  }
  return hook;
}

export async function getWebhookSettings(viewer: Viewer, implementationId: string) {
  authorize(viewer, "webhook.manage");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const db = getDb();
  const [row] = await db
    .select({ implementationId: implementations.id, webhook: webhooks })
    .from(implementations)
    .leftJoin(webhooks, eq(webhooks.implementationId, implementations.id))
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!row) throw notFound("Implementation");
  const hook = row.webhook;
  const deliveries = hook
    ? await db
        .select({
          id: webhookDeliveries.id,
          event: webhookDeliveries.event,
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          createdAt: webhookDeliveries.createdAt,
          lastAttemptAt: webhookDeliveries.lastAttemptAt,
          nextAttemptAt: webhookDeliveries.nextAttemptAt,
          lastStatusCode: webhookDeliveries.lastStatusCode,
          lastError: webhookDeliveries.lastError,
          deliveredAt: webhookDeliveries.deliveredAt,
        })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.webhookId, hook.id))
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(DELIVERY_LOG_SIZE)
    : [];
  return {
    webhook: hook
      ? { url: hook.url, enabled: hook.enabled, version: hook.version, updatedAt: hook.updatedAt, secretHint: secretHint(hook.secret) }
      : null,
    deliveries,
  };
}

export type WebhookSettings = Awaited<ReturnType<typeof getWebhookSettings>>;

// Creates the webhook (with a new secret, returned this once) or changes its URL.
export async function saveWebhook(viewer: Viewer, input: SaveWebhookInput, requestId?: string) {
  authorize(viewer, "webhook.manage");
  return writeOnImplementation<{ implementationId: string; secret: string | null }>(viewer, requestId, async (tx) => {
    const { id: implementationId } = await lockImplementation(tx, viewer, input.implementationId);
    const [existing] = await tx.select().from(webhooks).where(eq(webhooks.implementationId, implementationId)).for("update");
    if (!existing) {
      if (input.version !== null) throw conflict("This webhook was removed after you opened the page. Reload and try again.");
      const secret = generateWebhookSecret();
      const created = one(
        await tx
          .insert(webhooks)
          .values({ implementationId, url: input.url, secret, createdById: viewer.userId, updatedById: viewer.userId })
          .returning({ id: webhooks.id }),
      );
      return {
        implementationId,
        result: { implementationId, secret },
        audit: { action: "webhook.configured", entityType: "webhook", entityId: created.id, after: { url: input.url, enabled: true } },
      };
    }
    if (input.version === null) throw conflict("Someone set up this webhook after you opened the page. Reload to see it.");
    if (existing.version !== input.version) {
      throw conflict("Someone changed this webhook after you opened the page. Reload to see the current settings, then try again.");
    }
    if (existing.url === input.url) return unchanged({ implementationId, secret: null });
    await tx
      .update(webhooks)
      .set({ url: input.url, version: existing.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
      .where(and(eq(webhooks.id, existing.id), eq(webhooks.version, existing.version)));
    return {
      implementationId,
      result: { implementationId, secret: null },
      audit: { action: "webhook.configured", entityType: "webhook", entityId: existing.id, before: { url: existing.url }, after: { url: input.url } },
    };
  });
}

// A new secret, returned this once; deliveries from now on are signed with it.
export async function rotateWebhookSecret(viewer: Viewer, input: RotateWebhookSecretInput, requestId?: string) {
  authorize(viewer, "webhook.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const hook = await lockWebhook(tx, viewer, input.implementationId, input.version);
    const secret = generateWebhookSecret();
    await tx
      .update(webhooks)
      .set({ secret, version: hook.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
      .where(eq(webhooks.id, hook.id));
    return {
      implementationId: hook.implementationId,
      result: { implementationId: hook.implementationId, secret },
      audit: {
        action: "webhook.secret_rotated",
        entityType: "webhook",
        entityId: hook.id,
        before: { secretEndsWith: secretHint(hook.secret) },
        after: { secretEndsWith: secretHint(secret) },
      },
    };
  });
}

export async function setWebhookEnabled(viewer: Viewer, input: SetWebhookEnabledInput, requestId?: string) {
  authorize(viewer, "webhook.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const hook = await lockWebhook(tx, viewer, input.implementationId, input.version);
    if (hook.enabled === input.enabled) return unchanged({ implementationId: hook.implementationId });
    await tx
      .update(webhooks)
      .set({ enabled: input.enabled, version: hook.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
      .where(eq(webhooks.id, hook.id));
    return {
      implementationId: hook.implementationId,
      result: { implementationId: hook.implementationId },
      audit: {
        action: input.enabled ? "webhook.enabled" : "webhook.disabled",
        entityType: "webhook",
        entityId: hook.id,
        before: { enabled: hook.enabled },
        after: { enabled: input.enabled },
      },
    };
  });
}

// Queues a "webhook.test" delivery so a manager can see the receiver (or Slack) answer.
export async function sendTestDelivery(viewer: Viewer, input: SendTestDeliveryInput, requestId?: string) {
  authorize(viewer, "webhook.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { id: implementationId } = await lockImplementation(tx, viewer, input.implementationId);
    const [hook] = await tx
      .select({ id: webhooks.id, enabled: webhooks.enabled, name: implementations.name, customer: organizations.name })
      .from(webhooks)
      .innerJoin(implementations, eq(implementations.id, webhooks.implementationId))
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .where(eq(webhooks.implementationId, implementationId));
    if (!hook) throw notFound("Webhook");
    const payload: WebhookPayload = {
      id: crypto.randomUUID(),
      event: "webhook.test",
      occurredAt: new Date().toISOString(),
      implementation: { id: implementationId, name: hook.name, customer: hook.customer },
      data: { requestedBy: viewer.name },
    };
    const row = one(
      await tx
        .insert(webhookDeliveries)
        .values({ webhookId: hook.id, implementationId, event: "webhook.test", payload })
        .returning({ id: webhookDeliveries.id }),
    );
    return {
      implementationId,
      result: { implementationId, enabled: hook.enabled },
      audit: { action: "webhook.test_queued", entityType: "webhook", entityId: hook.id, after: { deliveryId: row.id } },
    };
  });
}

// ---- The delivery worker's side (system functions: no viewer, no tenant data leaves here
// except to the implementation's own configured URL).

export type ClaimedDelivery = {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  payload: WebhookPayload;
};

// Takes up to `limit` due deliveries of enabled webhooks. The rows are locked with SKIP LOCKED
// (another instance claiming at the same moment takes different rows) and leased: their next
// attempt moves `leaseMs` ahead, so a crashed sender's delivery is retried after the lease.
export async function claimDueDeliveries(options: { limit?: number; leaseMs?: number } = {}): Promise<ClaimedDelivery[]> {
  const limit = options.limit ?? 10;
  const leaseMs = options.leaseMs ?? 60_000;
  return getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, sql`now()`), eq(webhooks.enabled, true)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: sql`now()`,
        nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      })
      .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
      .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId, attempts: webhookDeliveries.attempts, payload: webhookDeliveries.payload });
    const hooks = await tx
      .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
      .from(webhooks)
      .where(inArray(webhooks.id, [...new Set(claimed.map((c) => c.webhookId))]));
    const byId = new Map(hooks.map((h) => [h.id, h]));
    return claimed.map((c) => ({
      id: c.id,
      attempts: c.attempts,
      url: byId.get(c.webhookId)!.url,
      secret: byId.get(c.webhookId)!.secret,
      payload: c.payload as WebhookPayload,
    }));
  });
}

// Records one attempt's outcome: delivered, retried later on the schedule, or failed for good.
// Matches the attempt it claimed, so a late answer never overwrites a newer attempt.
export async function completeDelivery(
  claim: Pick<ClaimedDelivery, "id" | "attempts">,
  outcome: SendOutcome,
  schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS,
): Promise<"delivered" | "retry" | "failed"> {
  const delay = outcome.ok ? null : nextAttemptDelay(claim.attempts, schedule);
  const status = outcome.ok ? "delivered" : delay === null ? "failed" : "pending";
  await getDb()
    .update(webhookDeliveries)
    .set({
      status,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error?.slice(0, 500) ?? null,
      deliveredAt: outcome.ok ? sql`now()` : null,
      ...(status === "pending" ? { nextAttemptAt: sql`now() + make_interval(secs => ${delay! / 1000})` } : {}),
    })
    .where(
      and(eq(webhookDeliveries.id, claim.id), eq(webhookDeliveries.attempts, claim.attempts), eq(webhookDeliveries.status, "pending")),
    );
  return status === "pending" ? "retry" : status;
}

// Once a day per implementation (the dedupe key carries the date): an active implementation
// going live within 7 days with open go-live blockers warns its webhook.
export async function queueGoLiveWarnings(today = todayIso()): Promise<number> {
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .select({
        implementationId: implementations.id,
        goLiveDate: sql<string>`${implementations.goLiveDate}`,
        daysLeft: sql<number>`(${implementations.goLiveDate} - ${today}::date)::int`,
        openGoLiveBlockers: count(checklistItems.id),
      })
      .from(implementations)
      .innerJoin(webhooks, and(eq(webhooks.implementationId, implementations.id), eq(webhooks.enabled, true)))
      .innerJoin(
        checklistItems,
        and(
          eq(checklistItems.implementationId, implementations.id),
          eq(checklistItems.status, "blocked"),
          eq(checklistItems.blockerSeverity, "go_live"),
        ),
      )
      .where(
        and(
          eq(implementations.status, "active"),
          sql`${implementations.goLiveDate} between ${today}::date and ${today}::date + 7`,
        ),
      )
      .groupBy(implementations.id);
    for (const row of rows) {
      const blockers = await tx
        .select({ itemId: checklistItems.id, title: checklistItems.title, reason: checklistItems.blockerReason, since: checklistItems.blockedSince, ticketUrl: checklistItems.blockerTicketUrl })
        .from(checklistItems)
        .where(and(eq(checklistItems.implementationId, row.implementationId), eq(checklistItems.status, "blocked"), eq(checklistItems.blockerSeverity, "go_live")))
        .orderBy(asc(checklistItems.blockedSince));
      await queueEvent(tx, {
        implementationId: row.implementationId,
        event: "go_live.approaching_with_blockers",
        data: { goLiveDate: row.goLiveDate, daysLeft: row.daysLeft, openGoLiveBlockers: Number(row.openGoLiveBlockers), blockers },
        dedupeKey: `go_live.approaching_with_blockers:${today}`,
      });
    }
    return rows.length;
  });
}
