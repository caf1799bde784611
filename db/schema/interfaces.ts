import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, foreignKey, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { interfaceKind, workflow } from "./enums";
import { environments, evidence, implementations } from "./implementations";
import { users } from "./organizations";
import { dataDomains, interfaceDirections, interfaceStatuses, payloadFormats } from "../../lib/interfaces/vocabulary";

// The interfaces of an implementation (what is being integrated), the source of truth of each
// data domain, and sample payload reviews. A review stores structure and findings with
// identifying values masked; the raw payload is never stored.

export const interfaceDirection = pgEnum("interface_direction", interfaceDirections);
export const interfaceStatus = pgEnum("interface_status", interfaceStatuses);
export const dataDomain = pgEnum("data_domain", dataDomains);
export const payloadFormat = pgEnum("payload_format", payloadFormats);

export const interfaces = pgTable(
  "interfaces",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    name: text().notNull(),
    kind: interfaceKind().notNull(),
    direction: interfaceDirection().notNull(),
    sourceSystem: text().notNull().default(""),
    targetSystem: text().notNull().default(""),
    workflows: workflow().array().notNull().default(sql`'{}'::workflow[]`),
    // HL7 message types (`SIU^S12`) or FHIR resources (`Appointment`).
    messageTypes: text().array().notNull().default(sql`'{}'::text[]`),
    // Where it connects in each environment (host, channel, path) — never a secret.
    endpointSandbox: text().notNull().default(""),
    endpointTest: text().notNull().default(""),
    endpointProduction: text().notNull().default(""),
    vendorOwner: text().notNull().default(""),
    customerOwner: text().notNull().default(""),
    status: interfaceStatus().notNull().default("planned"),
    note: text().notNull().default(""),
    version: version(),
    updatedById: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("interfaces_implementation_name_key").on(t.implementationId, sql`lower(${t.name})`),
    unique("interfaces_id_implementation_key").on(t.id, t.implementationId),
  ],
);

// One row per data domain once someone records it; a domain without a row is "not agreed yet".
export const sourceOfTruth = pgTable(
  "source_of_truth",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    domain: dataDomain().notNull(),
    // Empty while not agreed.
    authoritativeSystem: text().notNull().default(""),
    conflictResolver: text().notNull().default(""),
    propagation: text().notNull().default(""),
    agreed: boolean().notNull().default(false),
    version: version(),
    updatedById: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("source_of_truth_implementation_domain_key").on(t.implementationId, t.domain),
    check("source_of_truth_agreed_has_system", sql`NOT ${t.agreed} OR length(trim(${t.authoritativeSystem})) > 0`),
  ],
);

// Per implementation, the fields a message type or resource must carry (replaces the default).
export const payloadRules = pgTable(
  "payload_rules",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    target: text().notNull(),
    fields: text().array().notNull(),
    version: version(),
    updatedById: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("payload_rules_implementation_target_key").on(t.implementationId, t.target)],
);

export const payloadReviews = pgTable(
  "payload_reviews",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    interfaceId: uuid()
      .notNull()
      .references(() => interfaces.id),
    environmentId: uuid()
      .notNull()
      .references(() => environments.id),
    format: payloadFormat().notNull(),
    messageType: text(),
    units: integer().notNull(),
    byteLength: integer().notNull(),
    // Masked structure and findings: never the raw payload.
    structure: jsonb().notNull(),
    findings: jsonb().notNull(),
    errors: integer().notNull(),
    warnings: integer().notNull(),
    // SHA-256 of the canonical stored review: what a sign-off on it is bound to.
    sha256: text().notNull(),
    // The technical evidence this review recorded on the "Sample payload review" item.
    evidenceId: uuid().references(() => evidence.id),
    reviewedById: uuid()
      .notNull()
      .references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    note: text().notNull().default(""),
  },
  (t) => [
    index("payload_reviews_implementation_idx").on(t.implementationId, t.reviewedAt),
    foreignKey({
      name: "payload_reviews_interface_same_implementation_fk",
      columns: [t.interfaceId, t.implementationId],
      foreignColumns: [interfaces.id, interfaces.implementationId],
    }),
    foreignKey({
      name: "payload_reviews_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
    check("payload_reviews_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

// A customer IT user's confirmation that the inventory is their organization's complete list,
// bound to the SHA-256 of the inventory as they saw it: any later edit leaves it superseded.
export const inventoryConfirmations = pgTable(
  "inventory_confirmations",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    confirmedById: uuid()
      .notNull()
      .references(() => users.id),
    confirmedByName: text().notNull(),
    inventorySha256: text().notNull(),
    interfaceCount: integer().notNull(),
    confirmedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("inventory_confirmations_implementation_idx").on(t.implementationId, t.confirmedAt),
    check("inventory_confirmations_sha256_hex", sql`${t.inventorySha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

// Hand-set rules of the silent-failure watch for one interface (docs/hypercare.md): each
// column overrides one field of the default rules (lib/hypercare/evaluate.ts defaultRules);
// null keeps the default. No row: the defaults apply. The error rate is a share (0.05 = 5 %).
export const interfaceWatchRules = pgTable(
  "interface_watch_rules",
  {
    interfaceId: uuid().primaryKey(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    noTrafficMinutes: integer(),
    businessStartHour: integer(),
    businessEndHour: integer(),
    bandWidth: doublePrecision(),
    minSamples: integer(),
    errorRateThreshold: doublePrecision(),
    fingerprintUnchangedMinutes: integer(),
    version: version(),
    updatedById: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "interface_watch_rules_interface_same_implementation_fk",
      columns: [t.interfaceId, t.implementationId],
      foreignColumns: [interfaces.id, interfaces.implementationId],
    }),
    index("interface_watch_rules_implementation_idx").on(t.implementationId),
    check("interface_watch_rules_no_traffic", sql`${t.noTrafficMinutes} IS NULL OR ${t.noTrafficMinutes} BETWEEN 5 AND 10080`),
    check(
      "interface_watch_rules_business_hours",
      sql`(${t.businessStartHour} IS NULL AND ${t.businessEndHour} IS NULL) OR (${t.businessStartHour} BETWEEN 0 AND 23 AND ${t.businessEndHour} BETWEEN 1 AND 24 AND ${t.businessStartHour} < ${t.businessEndHour})`,
    ),
    check("interface_watch_rules_band_width", sql`${t.bandWidth} IS NULL OR ${t.bandWidth} BETWEEN 0.5 AND 10`),
    check("interface_watch_rules_min_samples", sql`${t.minSamples} IS NULL OR ${t.minSamples} BETWEEN 1 AND 12`),
    check("interface_watch_rules_error_rate", sql`${t.errorRateThreshold} IS NULL OR (${t.errorRateThreshold} > 0 AND ${t.errorRateThreshold} <= 1)`),
    check("interface_watch_rules_fingerprint", sql`${t.fingerprintUnchangedMinutes} IS NULL OR ${t.fingerprintUnchangedMinutes} BETWEEN 15 AND 10080`),
  ],
);
