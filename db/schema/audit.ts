import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
  },
  (t) => [
    index("audit_events_implementation_idx").on(t.implementationId, t.occurredAt),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId, t.occurredAt),
  ],
);
