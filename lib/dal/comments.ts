import "server-only";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { type Executor } from "@/db";
import { itemComments, organizations, users } from "@/db/schema";
import { findMentions } from "@/lib/domain/mentions";
import type { Viewer } from "@/lib/domain/viewer";
import type { AddCommentInput } from "@/lib/validation/inbox";
import { notFound } from "./errors";
import { notify } from "./inbox";
import { loadItemFacts } from "./item-facts";
import { authorize } from "./policy";
import { isUuid } from "./tenant";
import { lockItem, one, writeOnImplementation } from "./unit-of-work";

// Comments on a checklist item, with @mentions. A comment is recorded with its audit event (so
// the activity trail carries the conversation) and notifies the people it mentions — found only
// among the people who may see the item, so a mention can never reach another organization.

// Who may see an item of this customer: the vendor's active staff and the customer's own people.
export async function peopleWhoSee(executor: Executor, customerOrganizationId: string) {
  return executor
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(isNull(users.disabledAt), eq(users.invited, false), or(eq(organizations.kind, "vendor"), eq(organizations.id, customerOrganizationId))))
    .orderBy(asc(users.name));
}

export async function listComments(viewer: Viewer, implementationId: string, itemId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId) || !isUuid(itemId)) throw notFound("Checklist item");
  const facts = await loadItemFacts(viewer, implementationId, itemId);
  const comments = facts.comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt) }));
  const people = facts.people;
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    comments: comments.map(({ mentionedIds, ...c }) => ({ ...c, mentioned: mentionedIds.map((id) => names.get(id)).filter((n): n is string => Boolean(n)) })),
    mentionable: people.filter((p) => p.id !== viewer.userId).map((p) => p.name),
    canComment: true,
  };
}

export type CommentThread = Awaited<ReturnType<typeof listComments>>;

// A comment does not change what a sign-off attests to: the item's version stays.
export async function addComment(viewer: Viewer, input: AddCommentInput, requestId?: string) {
  authorize(viewer, "comment.add");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item, customerOrganizationId } = await lockItem(tx, viewer, input.itemId);
    const people = await peopleWhoSee(tx, customerOrganizationId);
    const mentioned = findMentions(input.body, people).filter((id) => id !== viewer.userId);
    const comment = one(
      await tx
        .insert(itemComments)
        .values({ checklistItemId: item.id, implementationId: item.implementationId, authorId: viewer.userId, body: input.body, mentionedIds: mentioned })
        .returning({ id: itemComments.id }),
    );
    const link = `/implementations/${item.implementationId}/items/${item.id}#comment-${comment.id}`;
    await notify(tx, {
      to: mentioned,
      kind: "mentioned",
      implementationId: item.implementationId,
      itemId: item.id,
      actorId: viewer.userId,
      title: `${viewer.name} mentioned you on "${item.title}"`,
      body: input.body,
      link,
    });
    const names = people.filter((p) => mentioned.includes(p.id)).map((p) => p.name);
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, commentId: comment.id, mentioned: names },
      audit: {
        action: "comment.added",
        entityType: "comment",
        entityId: comment.id,
        after: { itemId: item.id, itemTitle: item.title, comment: input.body, mentioned: names },
      },
    };
  });
}
