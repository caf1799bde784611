import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { implementations, organizations, webhookDeliveries, webhooks } from "@/db/schema";

// Queues an event for the implementation's webhook, in the transaction of the change that
// caused it: the event is sent only if the change commits, and the change never waits on the
// receiver. Without an enabled webhook nothing is queued. The delivery worker sends the queue.

export const webhookEvents = [
  "item.blocked",
  "item.unblocked",
  "sign_off.recorded",
  "sign_off.superseded",
  "gate.verdict_changed",
  "go_live.approaching_with_blockers",
  "hypercare.alert_opened",
  "hypercare.alert_resolved",
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export type QueuedEvent = {
  implementationId: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
  // Events that must go out once only carry a key; a second one with the same key is dropped.
  dedupeKey?: string;
};

export async function queueEvent(tx: Executor, queued: QueuedEvent): Promise<void> {
  const occurredAt = new Date().toISOString();
  await tx
    .insert(webhookDeliveries)
    .select(
      tx
        .select({
          id: sql`gen_random_uuid()`.as("id"),
          webhookId: webhooks.id,
          implementationId: webhooks.implementationId,
          event: sql`${queued.event}`.as("event"),
          payload: sql`jsonb_build_object(
            'id', gen_random_uuid(),
            'event', ${queued.event}::text,
            'occurredAt', ${occurredAt}::text,
            'implementation', jsonb_build_object('id', ${implementations.id}, 'name', ${implementations.name}, 'customer', ${organizations.name}),
            'data', ${JSON.stringify(queued.data)}::jsonb
          )`.as("payload"),
          dedupeKey: sql`${queued.dedupeKey ?? null}::text`.as("dedupe_key"),
          status: sql`'pending'::delivery_status`.as("status"),
          attempts: sql`0`.as("attempts"),
          nextAttemptAt: sql`now()`.as("next_attempt_at"),
          lastAttemptAt: sql`NULL::timestamptz`.as("last_attempt_at"),
          lastStatusCode: sql`NULL::integer`.as("last_status_code"),
          lastError: sql`NULL::text`.as("last_error"),
          deliveredAt: sql`NULL::timestamptz`.as("delivered_at"),
          createdAt: sql`now()`.as("created_at"),
        })
        .from(webhooks)
        .innerJoin(implementations, eq(implementations.id, webhooks.implementationId))
        .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
        .where(and(eq(webhooks.implementationId, queued.implementationId), eq(webhooks.enabled, true))),
    )
    .onConflictDoNothing()
    .prepare("queue_event")
    .execute();
}
