import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { role } from "./enums";
import { implementations } from "./implementations";
import { organizations, users } from "./organizations";

// Append-only: written in the same transaction as the change it records. A trigger
// (migration 0001) makes the database refuse UPDATE, DELETE and TRUNCATE on this table.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Null only for events the system itself performs.
    actorId: uuid().references(() => users.id),
    actorRole: role(),
    actorOrganizationId: uuid().references(() => organizations.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    implementationId: uuid().references(() => implementations.id),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    // The tamper-evident chain (migration 0005's trigger fills these; the app never does): one
    // chain per organization the event concerns (the implementation's customer, else the
    // actor's, else "system"), numbered without gaps, each hash covering the previous one.
    chainKey: text(),
    chainSeq: bigint({ mode: "number" }),
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    uniqueIndex("audit_events_chain_idx").on(t.chainKey, t.chainSeq),
    index("audit_events_implementation_idx").on(t.implementationId, t.occurredAt),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId, t.occurredAt),
  ],
);

// The head of each audit chain: the last number and hash, so a deleted last event is noticed
// too. Written only by the chain trigger (a SECURITY DEFINER function owned by the migration
// role); the app's own role may read it, never change it.
export const auditChainHeads = pgTable("audit_chain_heads", {
  chainKey: text().primaryKey(),
  lastSeq: bigint({ mode: "number" }).notNull(),
  lastHash: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
