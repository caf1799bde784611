import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { ehrVendor, itemCategory, role, templateStatus } from "./enums";

// A template family (`key`) has numbered revisions. A published revision is never edited in
// place: a change publishes a new revision, so implementations copied from an older one keep
// exactly the checklist they were created with.
export const checklistTemplates = pgTable(
  "checklist_templates",
  {
    id: id(),
    key: text().notNull(),
    revision: integer().notNull().default(1),
    name: text().notNull(),
    description: text().notNull().default(""),
    // Null for vendor-neutral templates.
    ehrVendor: ehrVendor(),
    status: templateStatus().notNull().default("draft"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("checklist_templates_key_revision_key").on(t.key, t.revision),
    check("checklist_templates_revision_positive", sql`${t.revision} > 0`),
  ],
);

export const checklistTemplateItems = pgTable(
  "checklist_template_items",
  {
    id: id(),
    templateId: uuid()
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: "cascade" }),
    // Stable across revisions ("api-permission-checks"), so features can find "the" item.
    key: text().notNull(),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    expectedOutcome: text().notNull().default(""),
    category: itemCategory().notNull(),
    required: boolean().notNull().default(true),
    requiredSignOffRoles: role().array().notNull().default(sql`'{}'::role[]`),
    needsOperationalValidation: boolean().notNull().default(false),
    // Signed on the signer's word alone (support readiness: a runbook and named owners), so it
    // may be signed without evidence; every other item needs evidence before a signature.
    attestationOnly: boolean().notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("checklist_template_items_template_key_key").on(t.templateId, t.key),
    uniqueIndex("checklist_template_items_template_position_key").on(t.templateId, t.position),
  ],
);
