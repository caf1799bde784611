import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { permissionInterface, permissionResult, scenarioResult, workflow } from "./enums";
import { environments, implementations } from "./implementations";
import { users } from "./organizations";

// A permission the integration needs (a row of the permission matrix)…
export const permissionRequirements = pgTable(
  "permission_requirements",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id, { onDelete: "cascade" }),
    interface: permissionInterface().notNull(),
    // A SMART scope (`patient/Appointment.rs`), an HL7 v2 event (`SIU^S12`) or an API permission.
    permission: text().notNull(),
    required: boolean().notNull().default(true),
    note: text().notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("permission_requirements_impl_permission_key").on(
      t.implementationId,
      t.interface,
      t.permission,
    ),
  ],
);

// …and its result in one environment (a cell of the matrix).
export const permissionChecks = pgTable(
  "permission_checks",
  {
    id: id(),
    requirementId: uuid()
      .notNull()
      .references(() => permissionRequirements.id, { onDelete: "cascade" }),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id, { onDelete: "cascade" }),
    environmentId: uuid()
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    result: permissionResult().notNull().default("unverified"),
    checkedAt: timestamp({ withTimezone: true }),
    checkedById: uuid().references(() => users.id),
    note: text().notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("permission_checks_requirement_environment_key").on(t.requirementId, t.environmentId),
    index("permission_checks_implementation_idx").on(t.implementationId),
    check(
      "permission_checks_checked_when_verified",
      sql`${t.result} = 'unverified' OR (${t.checkedAt} IS NOT NULL AND ${t.checkedById} IS NOT NULL)`,
    ),
  ],
);

// A synthetic test patient in the EHR's test or production system. Never real patient data:
// the label and identifier are test values, and the forms say so.
export const testPatients = pgTable(
  "test_patients",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id, { onDelete: "cascade" }),
    environmentId: uuid()
      .notNull()
      .references(() => environments.id),
    label: text().notNull(),
    testIdentifier: text().notNull(),
    note: text().notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("test_patients_implementation_idx").on(t.implementationId),
    uniqueIndex("test_patients_env_identifier_key").on(t.environmentId, t.testIdentifier),
  ],
);

export const testPatientScenarios = pgTable(
  "test_patient_scenarios",
  {
    id: id(),
    testPatientId: uuid()
      .notNull()
      .references(() => testPatients.id, { onDelete: "cascade" }),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id, { onDelete: "cascade" }),
    workflowSurface: workflow().notNull(),
    scenario: text().notNull(),
    expectedOutcome: text().notNull().default(""),
    observedOutcome: text().notNull().default(""),
    result: scenarioResult().notNull().default("not_run"),
    validatedById: uuid().references(() => users.id),
    validatedAt: timestamp({ withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("test_patient_scenarios_patient_idx").on(t.testPatientId),
    index("test_patient_scenarios_implementation_idx").on(t.implementationId),
    check(
      "test_patient_scenarios_validated_when_run",
      sql`${t.result} = 'not_run' OR (${t.validatedAt} IS NOT NULL AND ${t.validatedById} IS NOT NULL)`,
    ),
  ],
);
