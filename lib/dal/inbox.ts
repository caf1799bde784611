import "server-only";
import { and, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { implementations, inboxNotifications, notificationSettings, organizations, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { InboxKind, MailMode } from "@/lib/domain/vocabulary";
import { renderMail } from "@/lib/mail/render";
import { env } from "@/lib/server/env";
import type { MarkNotificationReadInput, NotificationSettingsInput } from "@/lib/validation/inbox";
import { recordAudit } from "./audit";
import { conflict, notFound } from "./errors";
import { queueMail } from "./mail";
import { authorize } from "./policy";
import { isUuid } from "./tenant";

// The in-app inbox: notifications are written by notify(), always inside the transaction of the
// write that causes them (a rolled-back write notifies nobody), and only to people who may see
// the implementation — vendor staff, or the implementation's own customer organization — so a
// customer IT user is never told about another organization's items, whatever a caller passes.
// A notification also goes out by mail at once, or waits for the daily digest, or not at all,
// as its recipient chose (notification settings on the account page).

export type NotificationDraft = {
  // Who should hear of it; nulls, repeats and the person who caused it are dropped.
  to: (string | null | undefined)[];
  kind: InboxKind;
  implementationId: string;
  itemId?: string | null;
  actorId?: string | null;
  title: string;
  body?: string;
  link: string;
  // A notification that must exist once per recipient (an item due on a date).
  dedupeKey?: string;
};

const MAX_TITLE = 300;
const MAX_BODY = 2000;

// Absolute links in mail: AUTH_URL on a real server; otherwise this server's own port.
export function mailOrigin(): string {
  const config = env();
  return config.AUTH_URL ? new URL(config.AUTH_URL).origin : `http://localhost:${config.PORT ?? 3000}`;
}

const mailSubjects: Record<InboxKind, string> = {
  sign_off_requested: "Your sign-off is requested",
  item_rejected: "Your item was rejected",
  blocker_assigned: "A blocker was assigned to you",
  blocker_resolved: "A blocker was resolved",
  item_due: "An item you own is due",
  item_overdue: "An item you own is overdue",
  verdict_changed: "The go/no-go verdict changed",
  sign_off_superseded: "Your sign-off was superseded",
  mentioned: "You were mentioned in a comment",
  hypercare_alert: "A hypercare alert changed",
};

const mailActionLabel = (kind: InboxKind) => (kind === "sign_off_requested" || kind === "sign_off_superseded" ? "Review and sign" : "Open in Readyroom");

export async function notify(tx: Executor, draft: NotificationDraft): Promise<number> {
  const wanted = [...new Set(draft.to.filter((id): id is string => typeof id === "string" && isUuid(id) && id !== draft.actorId))];
  if (wanted.length === 0) return 0;
  // Tenant safety lives here, in SQL: only active people of the vendor or of this
  // implementation's customer organization.
  const recipients = await tx
    .select({ id: users.id, email: users.email, name: users.name, mailMode: notificationSettings.mailMode })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .innerJoin(implementations, eq(implementations.id, draft.implementationId))
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(
      and(
        inArray(users.id, wanted),
        isNull(users.disabledAt),
        eq(users.invited, false),
        or(eq(organizations.kind, "vendor"), eq(organizations.id, implementations.customerOrganizationId)),
      ),
    );
  if (recipients.length === 0) return 0;
  const title = draft.title.slice(0, MAX_TITLE);
  const body = (draft.body ?? "").slice(0, MAX_BODY);
  const inserted = await tx
    .insert(inboxNotifications)
    .values(
      recipients.map((r) => ({
        userId: r.id,
        kind: draft.kind,
        implementationId: draft.implementationId,
        checklistItemId: draft.itemId ?? null,
        actorId: draft.actorId ?? null,
        title,
        body,
        link: draft.link,
        dedupeKey: draft.dedupeKey ?? null,
        // "Off" settles mail at once: switching to a digest later never mails old news.
        mailedAt: modeOf(r.mailMode) === "daily" ? null : new Date(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: inboxNotifications.id, userId: inboxNotifications.userId });
  const origin = mailOrigin();
  for (const row of inserted) {
    const person = recipients.find((r) => r.id === row.userId)!;
    if (modeOf(person.mailMode) !== "immediately") continue;
    const mail = renderMail({
      subject: `${mailSubjects[draft.kind]}: ${title}`.slice(0, 250),
      greeting: `Hello ${person.name},`,
      paragraphs: [title, ...(body ? [body] : [])],
      action: { label: mailActionLabel(draft.kind), url: `${origin}${draft.link}` },
      footer: "You get this because of your notification settings in Readyroom (Your account). You can choose a daily digest or no mail there.",
    });
    await queueMail(tx, { ...mail, to: person.email, kind: `notification.${draft.kind}` });
  }
  return inserted.length;
}

const modeOf = (mode: MailMode | null): MailMode => mode ?? "immediately";

// ---- Reading and marking the inbox: always the viewer's own notifications.

export const INBOX_PAGE_SIZE = 50;

export async function listInbox(viewer: Viewer, options: { unreadOnly?: boolean } = {}) {
  authorize(viewer, "inbox.read_own");
  return getDb()
    .select({
      id: inboxNotifications.id,
      kind: inboxNotifications.kind,
      title: inboxNotifications.title,
      body: inboxNotifications.body,
      link: inboxNotifications.link,
      readAt: inboxNotifications.readAt,
      createdAt: inboxNotifications.createdAt,
      actorName: users.name,
      implementationName: implementations.name,
    })
    .from(inboxNotifications)
    .leftJoin(users, eq(users.id, inboxNotifications.actorId))
    .leftJoin(implementations, eq(implementations.id, inboxNotifications.implementationId))
    .where(and(eq(inboxNotifications.userId, viewer.userId), options.unreadOnly ? isNull(inboxNotifications.readAt) : undefined))
    .orderBy(desc(inboxNotifications.createdAt), desc(inboxNotifications.id))
    .limit(INBOX_PAGE_SIZE);
}

export type InboxEntry = Awaited<ReturnType<typeof listInbox>>[number];

// The navigation's number: one statement on the partial unread index, counting at most 100.
export async function countUnread(viewer: Viewer): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(
      getDb()
        .select({ one: sql`1`.as("one") })
        .from(inboxNotifications)
        .where(and(eq(inboxNotifications.userId, viewer.userId), isNull(inboxNotifications.readAt)))
        .limit(100)
        .as("unread"),
    );
  return row?.n ?? 0;
}

// Marking read is the person's own reading state, not a change to anyone's data: it is not
// audited (the notification rows are theirs alone). Another person's notification is "not found".
export async function markNotificationRead(viewer: Viewer, input: MarkNotificationReadInput): Promise<{ marked: number }> {
  authorize(viewer, "inbox.read_own");
  if (!isUuid(input.notificationId)) throw notFound("Notification");
  const rows = await getDb()
    .update(inboxNotifications)
    .set({ readAt: sql`coalesce(${inboxNotifications.readAt}, now())` })
    .where(and(eq(inboxNotifications.id, input.notificationId), eq(inboxNotifications.userId, viewer.userId)))
    .returning({ id: inboxNotifications.id });
  if (rows.length === 0) throw notFound("Notification");
  return { marked: rows.length };
}

export async function markAllNotificationsRead(viewer: Viewer): Promise<{ marked: number }> {
  authorize(viewer, "inbox.read_own");
  const rows = await getDb()
    .update(inboxNotifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(inboxNotifications.userId, viewer.userId), isNull(inboxNotifications.readAt)))
    .returning({ id: inboxNotifications.id });
  return { marked: rows.length };
}

// ---- Settings.

export async function getNotificationSettings(viewer: Viewer) {
  authorize(viewer, "inbox.read_own");
  const [row] = await getDb()
    .select({ mailMode: notificationSettings.mailMode, weeklyDigest: notificationSettings.weeklyDigest, version: notificationSettings.version })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, viewer.userId));
  return row ?? { mailMode: "immediately" as MailMode, weeklyDigest: true, version: 0 };
}

// Version 0 is "never saved" (no row yet). Audited: it decides what mail a person gets.
export async function saveNotificationSettings(viewer: Viewer, input: NotificationSettingsInput, requestId?: string) {
  authorize(viewer, "inbox.read_own");
  return getDb().transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, viewer.userId))
      .for("update");
    if ((current?.version ?? 0) !== input.version) {
      throw conflict("Your notification settings changed in another window. Reload to see them, then choose again.");
    }
    const next = { mailMode: input.mailMode, weeklyDigest: input.weeklyDigest };
    let version: number;
    if (current) {
      const [row] = await tx
        .update(notificationSettings)
        .set({ ...next, version: current.version + 1, updatedAt: new Date() })
        .where(and(eq(notificationSettings.userId, viewer.userId), eq(notificationSettings.version, input.version)))
        .returning({ version: notificationSettings.version });
      if (!row) throw conflict("Your notification settings changed in another window. Reload to see them, then choose again.");
      version = row.version;
    } else {
      const [row] = await tx
        .insert(notificationSettings)
        .values({ userId: viewer.userId, ...next })
        .onConflictDoNothing()
        .returning({ version: notificationSettings.version });
      if (!row) throw conflict("Your notification settings changed in another window. Reload to see them, then choose again.");
      version = row.version;
    }
    // Choosing no mail settles what was waiting for a digest.
    if (input.mailMode !== "daily") {
      await tx
        .update(inboxNotifications)
        .set({ mailedAt: sql`now()` })
        .where(and(eq(inboxNotifications.userId, viewer.userId), isNull(inboxNotifications.mailedAt)));
    }
    await recordAudit(tx, viewer, {
      action: "notification_settings.updated",
      entityType: "user",
      entityId: viewer.userId,
      before: current ? { mailMode: current.mailMode, weeklyDigest: current.weeklyDigest } : null,
      after: next,
      requestId,
    });
    return { version };
  });
}

// Used by writes that notify people by role on one implementation.
export async function implementationPeople(tx: Executor, implementationId: string) {
  const [row] = await tx
    .select({
      managerId: implementations.implementationManagerId,
      engineeringOwnerId: implementations.engineeringOwnerId,
      customerOrganizationId: implementations.customerOrganizationId,
      name: implementations.name,
    })
    .from(implementations)
    .where(eq(implementations.id, implementationId));
  return row;
}

// The customer IT people of an organization who can act on it (active, not merely invited).
export async function customerItPeople(tx: Executor, organizationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.role, "customer_it"), isNull(users.disabledAt), eq(users.invited, false)));
  return rows.map((r) => r.id);
}

// ---- What each write tells whom. Each runs in the write's transaction.

type ItemRef = { id: string; implementationId: string; title: string; ownerId: string | null; requiredSignOffRoles: readonly string[] };
type Actor = { userId: string; name: string };

export const itemLink = (item: { id: string; implementationId: string }, anchor = "") =>
  `/implementations/${item.implementationId}/items/${item.id}${anchor}`;
const signingLink = (item: { id: string; implementationId: string }) => itemLink(item, "#sign-off");

// An item became ready for sign-off: the people whose role must sign it. Customer IT sign-offs
// go to the customer's IT people; vendor roles to the implementation's manager and engineering owner.
export async function notifySignOffRequested(tx: Executor, actor: Actor, item: ItemRef & { version: number }) {
  const people = await implementationPeople(tx, item.implementationId);
  if (!people) return;
  const to: (string | null)[] = [];
  if (item.requiredSignOffRoles.includes("customer_it")) to.push(...(await customerItPeople(tx, people.customerOrganizationId)));
  if (item.requiredSignOffRoles.includes("implementation_manager")) to.push(people.managerId);
  if (item.requiredSignOffRoles.includes("engineer")) to.push(people.engineeringOwnerId);
  await notify(tx, {
    to,
    kind: "sign_off_requested",
    implementationId: item.implementationId,
    itemId: item.id,
    actorId: actor.userId,
    title: `"${item.title}" on ${people.name} awaits your sign-off`,
    body: `${actor.name} marked it ready for sign-off (version ${item.version}). Review what you would attest to, then approve or reject.`,
    link: signingLink(item),
    dedupeKey: `sign_off_requested:${item.id}:${item.version}`,
  });
}

export async function notifyRejected(tx: Executor, actor: Actor, item: ItemRef, comment: string) {
  const people = await implementationPeople(tx, item.implementationId);
  await notify(tx, {
    to: [item.ownerId ?? people?.managerId],
    kind: "item_rejected",
    implementationId: item.implementationId,
    itemId: item.id,
    actorId: actor.userId,
    title: `${actor.name} rejected "${item.title}"`,
    body: comment ? `Their comment: ${comment}` : "They left no comment.",
    link: itemLink(item),
  });
}

export async function notifyBlockerAssigned(tx: Executor, actor: Actor, item: ItemRef, ownerId: string | null, reason: string) {
  await notify(tx, {
    to: [ownerId],
    kind: "blocker_assigned",
    implementationId: item.implementationId,
    itemId: item.id,
    actorId: actor.userId,
    title: `Blocker on "${item.title}" is yours`,
    body: `Blocked because: ${reason}`,
    link: itemLink(item),
  });
}

export async function notifyBlockerResolved(tx: Executor, actor: Actor, item: ItemRef, blockedById: string | null, resolution: string) {
  await notify(tx, {
    to: [item.ownerId, blockedById],
    kind: "blocker_resolved",
    implementationId: item.implementationId,
    itemId: item.id,
    actorId: actor.userId,
    title: `${actor.name} resolved the blocker on "${item.title}"`,
    body: resolution ? `Resolution: ${resolution}` : "",
    link: itemLink(item),
  });
}

export async function notifySuperseded(
  tx: Executor,
  editor: { userId: string; name: string } | null,
  item: { id: string; implementationId: string; title: string },
  signerIds: string[],
  signedVersion: number,
) {
  await notify(tx, {
    to: signerIds,
    kind: "sign_off_superseded",
    implementationId: item.implementationId,
    itemId: item.id,
    actorId: editor?.userId ?? null,
    title: `Your sign-off of "${item.title}" (version ${signedVersion}) was superseded`,
    body: `${editor?.name ?? "Someone"} changed the item after you signed, so your approval no longer counts. Review the new version and sign again if it holds.`,
    link: signingLink(item),
  });
}

export async function notifyVerdictChanged(tx: Executor, implementationId: string, previous: string, verdict: string, reasons: string[], actorId: string | null) {
  const people = await implementationPeople(tx, implementationId);
  if (!people) return;
  const label = (v: string) => ({ go: "Go", conditional_go: "Conditional go", no_go: "No-go" })[v] ?? v;
  await notify(tx, {
    to: [people.managerId],
    kind: "verdict_changed",
    implementationId,
    actorId,
    title: `${people.name}: the verdict changed from ${label(previous)} to ${label(verdict)}`,
    body: reasons.length > 0 ? `Why: ${reasons.slice(0, 3).join(" · ")}${reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : ""}` : "",
    link: `/implementations/${implementationId}`,
  });
}
