import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { phase } from "./enums";
import { implementations } from "./implementations";
import { users } from "./organizations";

// The phase plan of an implementation (docs/cutover.md): one row per phase once a manager has
// planned it — its dates, the signal that says it worked, its exit criteria, and whether (by
// whom, when) those were met. The implementation's current phase stays on implementations.phase.
export const implementationPhases = pgTable(
  "implementation_phases",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    phase: phase().notNull(),
    plannedStart: date({ mode: "string" }),
    plannedEnd: date({ mode: "string" }),
    successSignal: text().notNull().default(""),
    exitCriteria: text().notNull().default(""),
    exitMetAt: timestamp({ withTimezone: true }),
    exitMetById: uuid().references(() => users.id),
    version: version(),
    updatedById: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("implementation_phases_implementation_phase_key").on(t.implementationId, t.phase),
    check(
      "implementation_phases_dates_ordered",
      sql`${t.plannedStart} IS NULL OR ${t.plannedEnd} IS NULL OR ${t.plannedEnd} >= ${t.plannedStart}`,
    ),
    // Met says by whom and when, or neither.
    check("implementation_phases_exit_met_complete", sql`(${t.exitMetAt} IS NULL) = (${t.exitMetById} IS NULL)`),
  ],
);

// A dated step of the cutover before and after go-live, owned by one person who can see the
// implementation. `key` names the standard step it was added from (lib/domain/cutover.ts).
export const cutoverSteps = pgTable(
  "cutover_steps",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    key: text(),
    title: text().notNull(),
    detail: text().notNull().default(""),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    doneAt: timestamp({ withTimezone: true }),
    doneById: uuid().references(() => users.id),
    version: version(),
    createdById: uuid().references(() => users.id),
    updatedById: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cutover_steps_implementation_due_idx").on(t.implementationId, t.dueAt),
    // A standard step at most once per plan (the "add the standard steps" offer skips those present).
    uniqueIndex("cutover_steps_implementation_key_key").on(t.implementationId, t.key).where(sql`${t.key} IS NOT NULL`),
    check("cutover_steps_title_present", sql`length(trim(${t.title})) > 0`),
    check("cutover_steps_done_complete", sql`(${t.doneAt} IS NULL) = (${t.doneById} IS NULL)`),
  ],
);
