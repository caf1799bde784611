import { sql } from "drizzle-orm";
import { check, foreignKey, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id } from "./columns";
import { environments, implementations } from "./implementations";
import { interfaces } from "./interfaces";
import { users } from "./organizations";
import { hypercareAlertRules } from "../../lib/hypercare/vocabulary";

// The silent-failure watch's alerts (docs/hypercare.md): one row per time a rule of
// lib/hypercare/evaluate.ts found an interface in an environment wrong. The scheduled evaluation
// opens a row when a rule starts returning it and resolves it (with what it saw) when the rule no
// longer does; a person acknowledges an open one by naming an owner, the next step and the
// expected outcome. At most one open alert per interface, environment and rule.
export const hypercareAlerts = pgTable(
  "hypercare_alerts",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    interfaceId: uuid().notNull(),
    environmentId: uuid().notNull(),
    rule: text({ enum: hypercareAlertRules }).notNull(),
    // Since when the rule has held (from the figures, not from when the job ran).
    since: timestamp({ withTimezone: true }).notNull(),
    summary: text().notNull(),
    figures: jsonb().$type<Record<string, number | string>>().notNull(),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    // In words, with the figures seen when it cleared ("Traffic returned: …").
    resolution: text(),
    acknowledgedById: uuid().references(() => users.id),
    acknowledgedAt: timestamp({ withTimezone: true }),
    ownerId: uuid().references(() => users.id),
    nextStep: text(),
    expectedOutcome: text(),
  },
  (t) => [
    uniqueIndex("hypercare_alerts_open_key").on(t.interfaceId, t.environmentId, t.rule).where(sql`${t.resolvedAt} IS NULL`),
    index("hypercare_alerts_implementation_open_idx").on(t.implementationId).where(sql`${t.resolvedAt} IS NULL`),
    index("hypercare_alerts_implementation_idx").on(t.implementationId, t.openedAt),
    foreignKey({
      name: "hypercare_alerts_interface_same_implementation_fk",
      columns: [t.interfaceId, t.implementationId],
      foreignColumns: [interfaces.id, interfaces.implementationId],
    }),
    foreignKey({
      name: "hypercare_alerts_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
    check("hypercare_alerts_rule_known", sql`${t.rule} IN ('no_traffic', 'volume_below_band', 'error_rate', 'content_unchanged')`),
    check("hypercare_alerts_resolution", sql`(${t.resolvedAt} IS NULL) = (${t.resolution} IS NULL)`),
    check(
      "hypercare_alerts_acknowledgement",
      sql`(${t.acknowledgedAt} IS NULL) = (${t.acknowledgedById} IS NULL) AND (${t.acknowledgedAt} IS NULL OR (${t.ownerId} IS NOT NULL AND ${t.nextStep} IS NOT NULL AND ${t.expectedOutcome} IS NOT NULL))`,
    ),
  ],
);
