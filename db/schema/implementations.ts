import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import {
  blockerSeverity,
  ehrVendor,
  environmentKind,
  evidenceKind,
  evidenceOutcome,
  implementationStatus,
  interfaceKind,
  itemCategory,
  itemStatus,
  phase,
  role,
  signOffDecision,
  workflow,
} from "./enums";
import { organizations, users } from "./organizations";
import { checklistTemplateItems, checklistTemplates } from "./templates";

export const implementations = pgTable(
  "implementations",
  {
    id: id(),
    // The tenant: a customer IT user sees an implementation only when this is their organization.
    customerOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    ehrVendor: ehrVendor().notNull(),
    workflows: workflow().array().notNull().default(sql`'{}'::workflow[]`),
    interfaces: interfaceKind().array().notNull().default(sql`'{}'::interface_kind[]`),
    phase: phase().notNull().default("assessment"),
    goLiveDate: date({ mode: "string" }),
    implementationManagerId: uuid().references(() => users.id),
    engineeringOwnerId: uuid().references(() => users.id),
    freshnessWindowDays: integer().notNull().default(14),
    status: implementationStatus().notNull().default("active"),
    templateId: uuid().references(() => checklistTemplates.id),
    createdById: uuid().references(() => users.id),
    updatedById: uuid().references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("implementations_customer_idx").on(t.customerOrganizationId),
    index("implementations_status_go_live_idx").on(t.status, t.goLiveDate),
    check(
      "implementations_freshness_window_range",
      sql`${t.freshnessWindowDays} BETWEEN 1 AND 365`,
    ),
  ],
);

export const environments = pgTable(
  "environments",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    kind: environmentKind().notNull(),
    name: text().notNull(),
    note: text().notNull().default(""),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("environments_implementation_kind_key").on(t.implementationId, t.kind),
    // Lets children reference (environment, implementation) together, so a row can never
    // pair one implementation with another implementation's environment.
    unique("environments_id_implementation_key").on(t.id, t.implementationId),
  ],
);

// A dated configuration change on an implementation: evidence observed before it is stale.
export const configurationChanges = pgTable(
  "configuration_changes",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    // Null when the change touched every environment.
    environmentId: uuid().references(() => environments.id),
    changedAt: timestamp({ withTimezone: true }).notNull(),
    note: text().notNull(),
    recordedById: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("configuration_changes_implementation_idx").on(t.implementationId, t.changedAt),
    foreignKey({
      name: "configuration_changes_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
  ],
);

// What the text search matches an item and an open blocker against (the "english"
// configuration: stemmed, stop words dropped). The item's is shared by its GIN index below and
// the search's WHERE: an index serves a query only when the query uses the very same expression.
type SearchColumns = { title: AnyPgColumn; description: AnyPgColumn; nextStep: AnyPgColumn; expectedOutcome: AnyPgColumn; blockerReason: AnyPgColumn };
export const itemSearchDocument = (t: SearchColumns) =>
  sql`to_tsvector('english'::regconfig, ${t.title} || ' ' || ${t.description} || ' ' || ${t.nextStep} || ' ' || ${t.expectedOutcome})`;
export const blockerSearchDocument = (t: SearchColumns) => sql`to_tsvector('english'::regconfig, coalesce(${t.blockerReason}, '') || ' ' || ${t.title})`;

export const checklistItems = pgTable(
  "checklist_items",
  {
    id: id(),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    // Null for an ad-hoc item added to one implementation.
    templateItemId: uuid().references(() => checklistTemplateItems.id),
    key: text(),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    category: itemCategory().notNull(),
    required: boolean().notNull().default(true),
    requiredSignOffRoles: role().array().notNull().default(sql`'{}'::role[]`),
    needsOperationalValidation: boolean().notNull().default(false),
    // Copied from the template item: may be signed without evidence (see checklist_template_items).
    attestationOnly: boolean().notNull().default(false),
    ownerId: uuid().references(() => users.id),
    status: itemStatus().notNull().default("not_started"),
    nextStep: text().notNull().default(""),
    expectedOutcome: text().notNull().default(""),
    dueDate: date({ mode: "string" }),
    whatChanged: text().notNull().default(""),
    whatWasTested: text().notNull().default(""),
    whatNeedsProof: text().notNull().default(""),
    blockerReason: text(),
    blockerSeverity: blockerSeverity(),
    blockerTicketUrl: text(),
    blockedSince: date({ mode: "string" }),
    blockedById: uuid().references(() => users.id),
    version: version(),
    updatedById: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("checklist_items_implementation_idx").on(t.implementationId, t.position),
    unique("checklist_items_id_implementation_key").on(t.id, t.implementationId),
    index("checklist_items_owner_idx").on(t.ownerId),
    // The cross-portfolio blockers view reads only blocked items, most severe and oldest first.
    // It holds every column the view filters and sorts a page by (lib/dal/blockers.ts), so the
    // page is chosen from the index alone and only its rows are read whole.
    index("checklist_items_open_blockers_idx")
      .on(t.blockerSeverity, t.blockedSince, t.implementationId, t.ownerId, t.title, t.id)
      .where(sql`${t.status} = 'blocked'`),
    // Full-text search over items (lib/dal/search.ts): a GIN index on exactly the expression
    // the search matches with, so the planner can use it. Blockers are searched among the few
    // blocked rows, which the open-blockers index above already narrows the search to.
    index("checklist_items_search_idx").using("gin", itemSearchDocument(t)),
    // A blocked item always says why, how bad and since when; an unblocked one carries no blocker.
    check(
      "checklist_items_blocker_consistent",
      sql`(${t.status} = 'blocked') = (${t.blockerReason} IS NOT NULL AND ${t.blockerSeverity} IS NOT NULL AND ${t.blockedSince} IS NOT NULL)`,
    ),
    check(
      "checklist_items_ticket_url_http",
      sql`${t.blockerTicketUrl} IS NULL OR ${t.blockerTicketUrl} ~* '^https?://'`,
    ),
  ],
);

// Evidence is a record of an observation and is never edited: a correction is new evidence.
export const evidence = pgTable(
  "evidence",
  {
    id: id(),
    checklistItemId: uuid()
      .notNull()
      .references(() => checklistItems.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    environmentId: uuid()
      .notNull()
      .references(() => environments.id),
    kind: evidenceKind().notNull(),
    whatWasTested: text().notNull(),
    outcome: evidenceOutcome().notNull(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
    recordedById: uuid()
      .notNull()
      .references(() => users.id),
    linkUrl: text(),
    note: text().notNull().default(""),
    // Set when a machine posted it through the API (db/schema/api.ts); such evidence is always
    // technical. recordedById is then the person who made the token.
    apiTokenId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    index("evidence_item_idx").on(t.checklistItemId, t.observedAt),
    foreignKey({
      name: "evidence_item_same_implementation_fk",
      columns: [t.checklistItemId, t.implementationId],
      foreignColumns: [checklistItems.id, checklistItems.implementationId],
    }),
    foreignKey({
      name: "evidence_environment_same_implementation_fk",
      columns: [t.environmentId, t.implementationId],
      foreignColumns: [environments.id, environments.implementationId],
    }),
    index("evidence_implementation_idx").on(t.implementationId, t.observedAt),
    check("evidence_link_url_http", sql`${t.linkUrl} IS NULL OR ${t.linkUrl} ~* '^https?://'`),
    // A machine's evidence is technical: it can never stand in for a person's validation.
    check("evidence_api_token_technical", sql`${t.apiTokenId} IS NULL OR ${t.kind} = 'technical'`),
  ],
);

// A sign-off is bound to the item version it signed and a hash of what the signer saw. It is
// superseded (derived, never stored) as soon as the item's version moves past `itemVersion`.
export const signOffs = pgTable(
  "sign_offs",
  {
    id: id(),
    checklistItemId: uuid()
      .notNull()
      .references(() => checklistItems.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    signerId: uuid()
      .notNull()
      .references(() => users.id),
    signerName: text().notNull(),
    signerOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    signerOrganizationName: text().notNull(),
    signerRole: role().notNull(),
    decision: signOffDecision().notNull(),
    meaning: text().notNull(),
    comment: text().notNull().default(""),
    signedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    itemVersion: integer().notNull(),
    snapshotSha256: text().notNull(),
    snapshot: jsonb().notNull(),
  },
  (t) => [
    // One sign-off per role per item version: parallel attempts leave exactly one.
    uniqueIndex("sign_offs_item_role_version_key").on(t.checklistItemId, t.signerRole, t.itemVersion),
    index("sign_offs_implementation_idx").on(t.implementationId),
    foreignKey({
      name: "sign_offs_item_same_implementation_fk",
      columns: [t.checklistItemId, t.implementationId],
      foreignColumns: [checklistItems.id, checklistItems.implementationId],
    }),
    check("sign_offs_snapshot_sha256_hex", sql`${t.snapshotSha256} ~ '^[0-9a-f]{64}$'`),
    check(
      "sign_offs_reject_has_comment",
      sql`${t.decision} = 'approve' OR length(trim(${t.comment})) > 0`,
    ),
  ],
);
