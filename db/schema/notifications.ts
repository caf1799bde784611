import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { deliveryStatus } from "./enums";
import { implementations } from "./implementations";
import { users } from "./organizations";

// One outgoing webhook per implementation. Each delivery is signed with HMAC-SHA256 over the
// body using `secret`.
export const webhooks = pgTable(
  "webhooks",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    url: text().notNull(),
    secret: text().notNull(),
    enabled: boolean().notNull().default(true),
    createdById: uuid().references(() => users.id),
    updatedById: uuid().references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("webhooks_implementation_key").on(t.implementationId),
    check("webhooks_url_http", sql`${t.url} ~* '^https?://'`),
  ],
);

// The outbox: an event is queued in the transaction of the change that caused it, and a
// delivery worker sends it afterwards with retries, so a failing receiver never fails the
// user's action and a committed change is never left unannounced.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    event: text().notNull(),
    payload: jsonb().notNull(),
    // Set for events that must be sent once only (e.g. one go-live warning per day).
    dedupeKey: text(),
    status: deliveryStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt),
    uniqueIndex("webhook_deliveries_dedupe_key").on(t.webhookId, t.dedupeKey),
  ],
);
