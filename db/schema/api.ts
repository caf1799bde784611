import { sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, version } from "./columns";
import { environmentKind } from "./enums";
import { environments, implementations } from "./implementations";
import { interfaces } from "./interfaces";
import { users } from "./organizations";
import { apiTokenScopes } from "../../lib/api/vocabulary";

// Machines (CI jobs, interface engines, monitors) post to the versioned API with a token made
// for one implementation. Only the token's SHA-256 is stored; the token itself is shown once.

export const apiTokenScope = pgEnum("api_token_scope", apiTokenScopes);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    name: text().notNull(),
    // SHA-256 (hex) of the whole token; the token has 256 random bits, so no slow hash is needed.
    tokenHash: text().notNull(),
    // The first characters of the token, shown so people can tell their tokens apart.
    prefix: text().notNull(),
    environments: environmentKind().array().notNull(),
    scopes: apiTokenScope().array().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedById: uuid().references(() => users.id),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdById: uuid()
      .notNull()
      .references(() => users.id),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_implementation_idx").on(t.implementationId, t.createdAt),
    check("api_tokens_scoped", sql`cardinality(${t.environments}) > 0 AND cardinality(${t.scopes}) > 0`),
  ],
);

// A request a token made with an Idempotency-Key: a retry with the same key and body gets the
// first answer again; the same key with another body is a 409.
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    apiTokenId: uuid()
      .notNull()
      .references(() => apiTokens.id),
    key: text().notNull(),
    requestHash: text().notNull(),
    statusCode: integer().notNull(),
    response: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.apiTokenId, t.key] })],
);

// Traffic figures of one interface in one environment over one period, as a sender counted
// them. Never message content: an optional fingerprint is a hash the sender computes over the
// fields that should change (appointment times, say), so "unchanged for too long" can be seen.
export const interfaceMetrics = pgTable(
  "interface_metrics",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    interfaceId: uuid().notNull(),
    environmentId: uuid().notNull(),
    periodStart: timestamp({ withTimezone: true }).notNull(),
    periodEnd: timestamp({ withTimezone: true }).notNull(),
    messageCount: integer().notNull(),
    errorCount: integer().notNull(),
    lastMessageAt: timestamp({ withTimezone: true }),
    contentFingerprint: text(),
    apiTokenId: uuid()
      .notNull()
      .references(() => apiTokens.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("interface_metrics_period_key").on(t.interfaceId, t.environmentId, t.periodStart),
    index("interface_metrics_implementation_idx").on(t.implementationId, t.periodStart),
    foreignKey({
      name: "interface_metrics_interface_same_implementation_fk",
      columns: [t.interfaceId, t.implementationId],
      foreignColumns: [interfaces.id, interfaces.implementationId],
    }),
    foreignKey({
      name: "interface_metrics_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
    check("interface_metrics_period_order", sql`${t.periodEnd} > ${t.periodStart}`),
    check("interface_metrics_counts", sql`${t.messageCount} >= 0 AND ${t.errorCount} >= 0 AND ${t.errorCount} <= ${t.messageCount}`),
  ],
);
