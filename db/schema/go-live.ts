import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid, integer } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { gateVerdict } from "./enums";
import { checklistItems, implementations } from "./implementations";
import { users } from "./organizations";

// A manager's decision to go live without a required item: the reason, who approved it and
// until when. Past `expiresOn` it no longer counts toward the gate. Revoking keeps the row.
export const waivers = pgTable(
  "waivers",
  {
    id: id(),
    checklistItemId: uuid()
      .notNull()
      .references(() => checklistItems.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    reason: text().notNull(),
    approverName: text().notNull(),
    expiresOn: date({ mode: "string" }).notNull(),
    itemVersion: integer().notNull(),
    grantedById: uuid()
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedById: uuid().references(() => users.id),
    revokeReason: text(),
  },
  (t) => [
    // At most one waiver in force per item.
    uniqueIndex("waivers_item_active_key").on(t.checklistItemId).where(sql`${t.revokedAt} IS NULL`),
    index("waivers_implementation_idx").on(t.implementationId),
    foreignKey({
      name: "waivers_item_same_implementation_fk",
      columns: [t.checklistItemId, t.implementationId],
      foreignColumns: [checklistItems.id, checklistItems.implementationId],
    }),
    check("waivers_reason_present", sql`length(trim(${t.reason})) > 0`),
    check("waivers_approver_present", sql`length(trim(${t.approverName})) > 0`),
    check(
      "waivers_revocation_complete",
      sql`(${t.revokedAt} IS NULL) = (${t.revokedById} IS NULL AND ${t.revokeReason} IS NULL)`,
    ),
  ],
);

// The go/no-go decision a manager records: the verdict the gate computed at that moment, the
// reasons behind it, the decision taken and why. Never edited; a new decision is a new row.
export const goLiveDecisions = pgTable(
  "go_live_decisions",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    decision: gateVerdict().notNull(),
    computedVerdict: gateVerdict().notNull(),
    // The gate's reasons as the manager saw them, and their digest (a stale view is refused).
    reasons: jsonb().notNull(),
    gateDigest: text().notNull(),
    notes: text().notNull().default(""),
    decidedById: uuid()
      .notNull()
      .references(() => users.id),
    decidedByName: text().notNull(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("go_live_decisions_implementation_idx").on(t.implementationId, t.decidedAt),
    unique("go_live_decisions_id_implementation_key").on(t.id, t.implementationId),
    // A decision can never be more favourable than the verdict the gate computed.
    check(
      "go_live_decisions_not_above_verdict",
      sql`${t.decision} = 'no_go' OR ${t.decision} = ${t.computedVerdict} OR (${t.decision} = 'conditional_go' AND ${t.computedVerdict} = 'go')`,
    ),
  ],
);

// Under a conditional go, each remaining risk is accepted by a named person until a date.
export const riskAcceptances = pgTable(
  "risk_acceptances",
  {
    id: id(),
    decisionId: uuid()
      .notNull()
      .references(() => goLiveDecisions.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    reasonKey: text().notNull(),
    reasonText: text().notNull(),
    acceptedByName: text().notNull(),
    reevaluateOn: date({ mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("risk_acceptances_decision_reason_key").on(t.decisionId, t.reasonKey),
    index("risk_acceptances_implementation_idx").on(t.implementationId),
    foreignKey({
      name: "risk_acceptances_decision_same_implementation_fk",
      columns: [t.decisionId, t.implementationId],
      foreignColumns: [goLiveDecisions.id, goLiveDecisions.implementationId],
    }),
    check("risk_acceptances_accepted_by_present", sql`length(trim(${t.acceptedByName})) > 0`),
  ],
);

// The gate verdict last announced for an implementation, so a change can be notified once.
export const gateStates = pgTable("gate_states", {
  implementationId: uuid()
    .primaryKey()
    .references(() => implementations.id),
  verdict: gateVerdict().notNull(),
  evaluatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
