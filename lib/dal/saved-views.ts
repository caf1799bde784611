import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { savedViews, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { SavedViewList } from "@/lib/domain/vocabulary";
import { viewPath, type DeleteViewInput, type SaveViewInput } from "@/lib/validation/saved-views";
import { recordAudit } from "./audit";
import { conflict, invalid, notFound } from "./errors";
import { authorize } from "./policy";
import { isUuid } from "./tenant";

// A person's named views of a list (the portfolio, the blockers): the filters and sort they
// saved, to open again in one click. A view is its owner's alone: every statement has the
// owner in its WHERE, so another person's view is "not found", like a missing one.

// Views one person may keep per list: a short menu, not an archive.
export const MAX_SAVED_VIEWS = 30;

export type SavedView = { id: string; name: string; href: string; createdAt: Date };

// The list itself decides who may see it: a view of the blockers is for those who see them.
function authorizeList(viewer: Viewer, list: SavedViewList) {
  authorize(viewer, "saved_view.manage_own");
  if (list === "blockers") authorize(viewer, "blockers.read_all");
}

const hrefOf = (list: SavedViewList, query: string) => (query ? `${viewPath[list]}?${query}` : viewPath[list]);

export async function listSavedViews(viewer: Viewer, list: SavedViewList): Promise<SavedView[]> {
  authorizeList(viewer, list);
  const rows = await getDb()
    .select({ id: savedViews.id, name: savedViews.name, query: savedViews.query, createdAt: savedViews.createdAt })
    .from(savedViews)
    .where(and(eq(savedViews.ownerId, viewer.userId), eq(savedViews.list, list)))
    .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.id))
    .prepare("saved_views")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, href: hrefOf(list, r.query), createdAt: r.createdAt }));
}

// Saves the list's current filters and sort under a name. One name per person and list
// (whatever its case): a second view of the same name is refused, never a silent overwrite.
export async function saveView(viewer: Viewer, input: SaveViewInput, requestId?: string): Promise<SavedView> {
  authorizeList(viewer, input.list);
  return getDb().transaction(async (tx) => {
    // The person's row, locked: two saves at once cannot both slip under the limit.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, viewer.userId)).for("update");
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(savedViews)
      .where(and(eq(savedViews.ownerId, viewer.userId), eq(savedViews.list, input.list)));
    if (Number(count?.n ?? 0) >= MAX_SAVED_VIEWS) {
      throw invalid(`You have ${MAX_SAVED_VIEWS} saved views of this list. Delete one before saving another.`, {
        name: [`You have ${MAX_SAVED_VIEWS} saved views of this list. Delete one first.`],
      });
    }
    const [row] = await tx
      .insert(savedViews)
      .values({ ownerId: viewer.userId, list: input.list, name: input.name, query: input.query })
      .onConflictDoNothing()
      .returning({ id: savedViews.id, name: savedViews.name, query: savedViews.query, createdAt: savedViews.createdAt });
    if (!row) throw conflict("You already have a saved view of that name. Choose another name, or delete the old view first.");
    await recordAudit(tx, viewer, {
      action: "saved_view.created",
      entityType: "saved_view",
      entityId: row.id,
      after: { list: input.list, name: input.name, query: input.query },
      requestId,
    });
    return { id: row.id, name: row.name, href: hrefOf(input.list, row.query), createdAt: row.createdAt };
  });
}

// Deletes one of the viewer's own views. Another person's view, a missing one and a malformed
// id are all "not found"; nothing is deleted.
export async function deleteView(viewer: Viewer, input: DeleteViewInput, requestId?: string): Promise<{ deleted: string }> {
  authorize(viewer, "saved_view.manage_own");
  if (!isUuid(input.viewId)) throw notFound("That saved view");
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .delete(savedViews)
      .where(and(eq(savedViews.id, input.viewId), eq(savedViews.ownerId, viewer.userId)))
      .returning({ id: savedViews.id, list: savedViews.list, name: savedViews.name, query: savedViews.query });
    if (!row) throw notFound("That saved view");
    await recordAudit(tx, viewer, {
      action: "saved_view.deleted",
      entityType: "saved_view",
      entityId: row.id,
      before: { list: row.list, name: row.name, query: row.query },
      requestId,
    });
    return { deleted: row.id };
  });
}
