import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { permissionInterface, permissionResult, scenarioResult, workflow } from "./enums";
import { environments, implementations } from "./implementations";
import { interfaces } from "./interfaces";
import { users } from "./organizations";

// A permission the integration needs (a row of the permission matrix)…
export const permissionRequirements = pgTable(
  "permission_requirements",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    interface: permissionInterface().notNull(),
    // A SMART scope (`patient/Appointment.rs`), an HL7 v2 event (`SIU^S12`) or an API permission.
    permission: text().notNull(),
    // The interface of the inventory this permission serves (optional); same implementation only.
    interfaceId: uuid(),
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
    unique("permission_requirements_id_implementation_key").on(t.id, t.implementationId),
    index("permission_requirements_interface_idx").on(t.interfaceId),
    foreignKey({
      name: "permission_requirements_interface_same_implementation_fk",
      columns: [t.interfaceId, t.implementationId],
      foreignColumns: [interfaces.id, interfaces.implementationId],
    }),
  ],
);

// …and its result in one environment (a cell of the matrix).
export const permissionChecks = pgTable(
  "permission_checks",
  {
    id: id(),
    requirementId: uuid()
      .notNull()
      .references(() => permissionRequirements.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    environmentId: uuid()
      .notNull()
      .references(() => environments.id),
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
    foreignKey({
      name: "permission_checks_requirement_same_implementation_fk",
      columns: [t.requirementId, t.implementationId],
      foreignColumns: [permissionRequirements.id, permissionRequirements.implementationId],
    }),
    foreignKey({
      name: "permission_checks_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
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
      .references(() => implementations.id),
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
    unique("test_patients_id_implementation_key").on(t.id, t.implementationId),
    foreignKey({
      name: "test_patients_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
  ],
);

export const testPatientScenarios = pgTable(
  "test_patient_scenarios",
  {
    id: id(),
    testPatientId: uuid()
      .notNull()
      .references(() => testPatients.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    workflowSurface: workflow().notNull(),
    // The interface of the inventory this scenario exercises (optional); same implementation only.
    interfaceId: uuid(),
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
    foreignKey({
      name: "test_patient_scenarios_patient_same_implementation_fk",
      columns: [t.testPatientId, t.implementationId],
      foreignColumns: [testPatients.id, testPatients.implementationId],
    }),
    index("test_patient_scenarios_interface_idx").on(t.interfaceId),
    foreignKey({
      name: "test_patient_scenarios_interface_same_implementation_fk",
      columns: [t.interfaceId, t.implementationId],
      foreignColumns: [interfaces.id, interfaces.implementationId],
    }),
    check(
      "test_patient_scenarios_validated_when_run",
      sql`${t.result} = 'not_run' OR (${t.validatedAt} IS NOT NULL AND ${t.validatedById} IS NOT NULL)`,
    ),
  ],
);
