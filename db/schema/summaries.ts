import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { gateVerdict } from "./enums";
import { implementations } from "./implementations";

// One row per implementation: the readiness facts the portfolio and the navigation read, kept
// by refreshGateState() inside every write's transaction (lib/dal/gate.ts), and re-evaluated
// when `until` — the next moment a time-based fact may flip — has passed. Derived data only:
// it can always be rebuilt from the other tables (docs/gate.md).
export const readinessSummaries = pgTable(
  "readiness_summaries",
  {
    implementationId: uuid()
      .primaryKey()
      .references(() => implementations.id),
    verdict: gateVerdict().notNull(),
    blockingReasons: integer().notNull(),
    riskReasons: integer().notNull(),
    // The portfolio's forecast (lib/domain/readiness.ts goLiveRisk): late, at_risk, on_track, not_tracked.
    risk: text().notNull(),
    riskExplanation: jsonb().$type<string[]>().notNull(),
    requiredItems: integer().notNull(),
    requiredDone: integer().notNull(),
    readinessPercent: integer().notNull(),
    itemsTotal: integer().notNull(),
    itemsByStatus: jsonb().$type<Record<string, number>>().notNull(),
    // The required items only, by status: the portfolio's stacked readiness bar.
    requiredByStatus: jsonb().$type<Record<string, number>>().notNull().default({}),
    // The forecast at the current pace (lib/domain/forecast.ts): the day every required item would be
    // done, and whether that is after go-live (or never, at no pace).
    forecastReadyOn: date({ mode: "string" }),
    projectedLate: boolean().notNull().default(false),
    // Items ready for sign-off still waiting on a role's signature of their current version, by
    // role (roles with none are left out): the navigation's "waiting on me" count sums this.
    waitingByRole: jsonb().$type<Record<string, number>>().notNull().default({}),
    openGoLiveBlockers: integer().notNull(),
    openPostLiveBlockers: integer().notNull(),
    // Open alerts of the silent-failure watch (hypercare_alerts, docs/hypercare.md).
    openHypercareAlerts: integer().notNull().default(0),
    staleEvidence: integer().notNull(),
    permissionDrift: integer().notNull(),
    productionUnverified: integer().notNull(),
    scenariosFailing: integer().notNull(),
    scenariosNotRun: integer().notNull(),
    until: timestamp({ withTimezone: true }),
    evaluatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // "Which rows have passed their until?" is asked on every portfolio read.
    index("readiness_summaries_until_idx").on(t.until).where(sql`${t.until} IS NOT NULL`),
    index("readiness_summaries_risk_idx").on(t.risk),
    index("readiness_summaries_projected_late_idx").on(t.projectedLate).where(sql`${t.projectedLate}`),
    check("readiness_summaries_risk_known", sql`${t.risk} IN ('late', 'at_risk', 'on_track', 'not_tracked')`),
  ],
);
