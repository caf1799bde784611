import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, max, ne } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { checklistTemplateItems, checklistTemplates, implementations } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { CreateTemplateInput, SaveTemplateItemInput } from "@/lib/validation/templates";
import { recordAudit } from "./audit";
import { conflict, invalid, notFound } from "./errors";
import { authorize } from "./policy";
import { isUuid } from "./tenant";
import { one } from "./unit-of-work";

// Checklist templates (admins). A template family has numbered revisions; only a draft is
// edited. Publishing a draft retires the family's previous published revision. Implementations
// keep their own copies of the items, so nothing here ever rewrites one.

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48) || "item";

export async function listTemplates(viewer: Viewer) {
  authorize(viewer, "template.manage");
  const db = getDb();
  const itemCounts = db
    .select({ templateId: checklistTemplateItems.templateId, n: count().as("n_items") })
    .from(checklistTemplateItems)
    .groupBy(checklistTemplateItems.templateId)
    .as("item_counts");
  const usage = db
    .select({ templateId: implementations.templateId, n: count().as("n_used") })
    .from(implementations)
    .groupBy(implementations.templateId)
    .as("usage");
  return db
    .select({
      id: checklistTemplates.id,
      key: checklistTemplates.key,
      name: checklistTemplates.name,
      revision: checklistTemplates.revision,
      status: checklistTemplates.status,
      ehrVendor: checklistTemplates.ehrVendor,
      items: itemCounts.n,
      usedBy: usage.n,
    })
    .from(checklistTemplates)
    .leftJoin(itemCounts, eq(itemCounts.templateId, checklistTemplates.id))
    .leftJoin(usage, eq(usage.templateId, checklistTemplates.id))
    .orderBy(asc(checklistTemplates.name), desc(checklistTemplates.revision));
}

export async function getTemplate(viewer: Viewer, templateId: string) {
  authorize(viewer, "template.manage");
  if (!isUuid(templateId)) throw notFound("Checklist template");
  const db = getDb();
  const [template] = await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, templateId));
  if (!template) throw notFound("Checklist template");
  const [items, [draft]] = await Promise.all([
    db.select().from(checklistTemplateItems).where(eq(checklistTemplateItems.templateId, template.id)).orderBy(asc(checklistTemplateItems.position)),
    db
      .select({ id: checklistTemplates.id })
      .from(checklistTemplates)
      .where(and(eq(checklistTemplates.key, template.key), eq(checklistTemplates.status, "draft"), ne(checklistTemplates.id, template.id))),
  ]);
  return { ...template, items, otherDraftId: draft?.id ?? null };
}

export async function createTemplate(viewer: Viewer, input: CreateTemplateInput, requestId?: string) {
  authorize(viewer, "template.manage");
  return getDb().transaction(async (tx) => {
    const key = `${slug(input.name)}-${randomBytes(3).toString("hex")}`;
    const row = one(
      await tx
        .insert(checklistTemplates)
        .values({ key, revision: 1, name: input.name, description: input.description, ehrVendor: input.ehrVendor, status: "draft" })
        .returning({ id: checklistTemplates.id }),
    );
    await recordAudit(tx, viewer, { action: "template.created", entityType: "checklist_template", entityId: row.id, after: { ...input, key }, requestId });
    return { templateId: row.id };
  });
}

// A new draft revision copied from a published one. One draft per family at a time.
export async function createRevision(viewer: Viewer, templateId: string, requestId?: string) {
  authorize(viewer, "template.manage");
  return getDb().transaction(async (tx) => {
    const [source] = await tx.select().from(checklistTemplates).where(eq(checklistTemplates.id, templateId)).for("update");
    if (!source) throw notFound("Checklist template");
    if (source.status !== "published") throw invalid("Only a published revision can be the start of a new one.");
    const [existingDraft] = await tx
      .select({ id: checklistTemplates.id })
      .from(checklistTemplates)
      .where(and(eq(checklistTemplates.key, source.key), eq(checklistTemplates.status, "draft")));
    if (existingDraft) throw conflict("This template already has a draft revision. Edit or publish that one.");
    const [latest] = await tx.select({ revision: max(checklistTemplates.revision) }).from(checklistTemplates).where(eq(checklistTemplates.key, source.key));
    const draft = one(
      await tx
        .insert(checklistTemplates)
        .values({
          key: source.key,
          revision: (latest?.revision ?? source.revision) + 1,
          name: source.name,
          description: source.description,
          ehrVendor: source.ehrVendor,
          status: "draft",
        })
        .returning({ id: checklistTemplates.id, revision: checklistTemplates.revision }),
    );
    const items = await tx.select().from(checklistTemplateItems).where(eq(checklistTemplateItems.templateId, source.id));
    if (items.length > 0) {
      await tx.insert(checklistTemplateItems).values(
        items.map(({ id: _id, templateId: _t, createdAt: _c, updatedAt: _u, version: _v, ...item }) => ({ ...item, templateId: draft.id })),
      );
    }
    await recordAudit(tx, viewer, {
      action: "template.revision_started",
      entityType: "checklist_template",
      entityId: draft.id,
      after: { key: source.key, revision: draft.revision, from: source.id },
      requestId,
    });
    return { templateId: draft.id };
  });
}

async function lockDraft(tx: Transaction, templateId: string) {
  const [template] = await tx.select().from(checklistTemplates).where(eq(checklistTemplates.id, templateId)).for("update");
  if (!template) throw notFound("Checklist template");
  if (template.status !== "draft") throw invalid("Only a draft revision can be edited. Start a new revision first.");
  return template;
}

// Any change to a draft's items bumps the draft's version, so a publish sees what it publishes.
async function touch(tx: Transaction, template: { id: string; version: number }) {
  await tx.update(checklistTemplates).set({ version: template.version + 1, updatedAt: new Date() }).where(eq(checklistTemplates.id, template.id));
}

export async function saveTemplateItem(viewer: Viewer, input: SaveTemplateItemInput, requestId?: string) {
  authorize(viewer, "template.manage");
  return getDb().transaction(async (tx) => {
    const template = await lockDraft(tx, input.templateId);
    const { templateId: _t, itemId, version: openedVersion, ...fields } = input;
    if (itemId) {
      const [before] = await tx
        .select()
        .from(checklistTemplateItems)
        .where(and(eq(checklistTemplateItems.id, itemId), eq(checklistTemplateItems.templateId, template.id)))
        .for("update");
      if (!before) throw notFound("Template item");
      if (openedVersion === null || before.version !== openedVersion) {
        throw conflict("This item was changed after you opened it. Reload to see the change, then apply yours again.");
      }
      await tx
        .update(checklistTemplateItems)
        .set({ ...fields, version: before.version + 1, updatedAt: new Date() })
        .where(and(eq(checklistTemplateItems.id, itemId), eq(checklistTemplateItems.version, openedVersion)));
      await recordAudit(tx, viewer, { action: "template_item.updated", entityType: "checklist_template_item", entityId: itemId, before, after: fields, requestId });
    } else {
      const existing = await tx.select({ key: checklistTemplateItems.key, position: checklistTemplateItems.position }).from(checklistTemplateItems).where(eq(checklistTemplateItems.templateId, template.id));
      const base = slug(fields.title);
      let key = base;
      for (let n = 2; existing.some((e) => e.key === key); n++) key = `${base}-${n}`;
      const position = Math.max(-1, ...existing.map((e) => e.position)) + 1;
      const row = one(await tx.insert(checklistTemplateItems).values({ ...fields, templateId: template.id, key, position }).returning({ id: checklistTemplateItems.id }));
      await recordAudit(tx, viewer, { action: "template_item.added", entityType: "checklist_template_item", entityId: row.id, after: { ...fields, key }, requestId });
    }
    await touch(tx, template);
    return { templateId: template.id };
  });
}

export async function removeTemplateItem(viewer: Viewer, input: { templateId: string; itemId: string }, requestId?: string) {
  authorize(viewer, "template.manage");
  return getDb().transaction(async (tx) => {
    const template = await lockDraft(tx, input.templateId);
    const [removed] = await tx
      .delete(checklistTemplateItems)
      .where(and(eq(checklistTemplateItems.id, input.itemId), eq(checklistTemplateItems.templateId, template.id)))
      .returning();
    if (!removed) throw notFound("Template item");
    await touch(tx, template);
    await recordAudit(tx, viewer, { action: "template_item.removed", entityType: "checklist_template_item", entityId: removed.id, before: removed, requestId });
    return { templateId: template.id };
  });
}

export async function publishTemplate(viewer: Viewer, input: { templateId: string; version: number }, requestId?: string) {
  authorize(viewer, "template.manage");
  return getDb().transaction(async (tx) => {
    const template = await lockDraft(tx, input.templateId);
    if (template.version !== input.version) throw conflict("This draft changed after you opened it. Reload to review it before publishing.");
    const [items] = await tx.select({ n: count() }).from(checklistTemplateItems).where(eq(checklistTemplateItems.templateId, template.id));
    if (!items || items.n === 0) throw invalid("Add at least one item before publishing.");
    const retired = await tx
      .update(checklistTemplates)
      .set({ status: "retired", updatedAt: new Date() })
      .where(and(eq(checklistTemplates.key, template.key), eq(checklistTemplates.status, "published")))
      .returning({ id: checklistTemplates.id });
    await tx.update(checklistTemplates).set({ status: "published", version: template.version + 1, updatedAt: new Date() }).where(eq(checklistTemplates.id, template.id));
    await recordAudit(tx, viewer, {
      action: "template.published",
      entityType: "checklist_template",
      entityId: template.id,
      after: { key: template.key, revision: template.revision, retired: retired.map((r) => r.id) },
      requestId,
    });
    return { templateId: template.id };
  });
}
