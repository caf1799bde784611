import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems, digestRuns, inboxNotifications, mailMessages } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { addDaysIso, todayIso } from "@/lib/format/dates";
import { blockItemSchema, unblockItemSchema, updateItemSchema } from "@/lib/validation/checklist";
import { addCommentSchema, notificationSettingsSchema } from "@/lib/validation/inbox";
import { signOffItemSchema } from "@/lib/validation/sign-offs";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { itemEditForm } from "@/test/fixtures/forms";
import { blockItem, unblockItem, updateItem } from "./checklist";
import { addComment, listComments } from "./comments";
import { notifyDueItems, sendDailyDigests, sendWeeklyDigests, weeklyDigestFor } from "./digests";
import { countUnread, listInbox, markAllNotificationsRead, markNotificationRead, notify, saveNotificationSettings } from "./inbox";
import { getNavCounts } from "./my-work";
import { getSignOffPanel, signOffItem } from "./sign-offs";

const fresh = (viewer: Viewer): Viewer => ({ ...viewer, session: { id: "session-inbox", signedInAt: new Date(Date.now() - 60_000) } });
const demo = withDemoDatabase({ viewer: fresh });
const { v } = demo;

const impl = seedId("impl:riverbend-appointments");
const item = (key: string) => seedId(`item:riverbend-appointments:${key}`);

async function current(itemId: string) {
  const [row] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  return row!;
}

async function edit(viewer: Viewer, itemId: string, changes: Record<string, string>) {
  const row = await current(itemId);
  return updateItem(viewer, updateItemSchema.parse(itemEditForm(row, changes)));
}

const inboxOf = (viewer: Viewer) => listInbox(viewer);
const kindsFor = async (viewer: Viewer) => (await inboxOf(viewer)).map((n) => n.kind);

describe("notifications are written with the change that causes them", () => {
  it("asks the roles an item needs for their sign-off, customer IT of the item's own organization only, with a mail linking to the signing view", async () => {
    await edit(v.manager, item("configuration-review"), { status: "ready_for_signoff" });
    for (const person of [v.riverbend, v.riverbend2, v.engineer]) {
      const [latest] = await inboxOf(person);
      expect(latest, person.name).toMatchObject({ kind: "sign_off_requested", link: `/implementations/${impl}/items/${item("configuration-review")}#sign-off` });
      expect(latest!.title).toContain("Configuration review");
    }
    expect(await kindsFor(v.lakeshore)).not.toContain("sign_off_requested");
    // The person who marked it ready is not told about their own change.
    expect(await kindsFor(v.manager)).not.toContain("sign_off_requested");
    const mails = await demo.db.select().from(mailMessages).where(and(eq(mailMessages.to, "it@riverbend.example"), eq(mailMessages.kind, "notification.sign_off_requested")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`/implementations/${impl}/items/${item("configuration-review")}#sign-off`);
  });

  it("never notifies someone outside the implementation's organization, whatever the caller passes", async () => {
    const created = await demo.db.transaction((tx) =>
      notify(tx, { to: [v.lakeshore.userId, v.riverbend.userId], kind: "mentioned", implementationId: impl, title: "Tenancy probe", link: "/" + "inbox" }),
    );
    expect(created).toBe(1);
    expect((await inboxOf(v.lakeshore)).map((n) => n.title)).not.toContain("Tenancy probe");
    expect((await inboxOf(v.riverbend)).map((n) => n.title)).toContain("Tenancy probe");
  });

  it("tells the owner their item was rejected, with the signer's comment", async () => {
    const itemId = item("configuration-review");
    const panel = await getSignOffPanel(v.riverbend, impl, itemId);
    await signOffItem(
      v.riverbend,
      signOffItemSchema.parse({ itemId, itemVersion: String(panel.version), snapshotDigest: panel.signing.snapshotDigest, decision: "reject", comment: "Department 4 mapping is missing." }),
    );
    const [latest] = await inboxOf(v.engineer2); // Sam owns the configuration review
    expect(latest).toMatchObject({ kind: "item_rejected", title: expect.stringContaining("Casey Lin rejected") });
    expect(latest!.body).toContain("Department 4 mapping is missing.");
  });

  it("tells the owner a blocker is theirs, and the owner and the blocker's author when it is resolved", async () => {
    const itemId = item("monitoring-setup"); // Sam's
    const row = await current(itemId);
    await blockItem(v.manager, blockItemSchema.parse({ itemId, version: String(row.version), reason: "Pager rotation not set up", severity: "go_live", ticketUrl: "", since: todayIso() }));
    expect((await inboxOf(v.engineer2))[0]).toMatchObject({ kind: "blocker_assigned", body: "Blocked because: Pager rotation not set up" });
    const blocked = await current(itemId);
    await unblockItem(v.engineer, unblockItemSchema.parse({ itemId, version: String(blocked.version), resolution: "Rotation live" }));
    expect((await inboxOf(v.engineer2))[0]).toMatchObject({ kind: "blocker_resolved" });
    expect((await inboxOf(v.manager))[0]).toMatchObject({ kind: "blocker_resolved", body: "Resolution: Rotation live" });
  });

  it("writes nothing when the write is refused", async () => {
    const before = (await inboxOf(v.riverbend)).length;
    const row = await current(item("sample-payload-review"));
    await expect(
      edit(v.manager, item("sample-payload-review"), { status: "ready_for_signoff", version: String(row.version - 1 || 99) }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await inboxOf(v.riverbend)).length).toBe(before);
  });
});

describe("comments with mentions", () => {
  it("notifies only mentioned people who may see the item, and keeps the comment in the activity trail", async () => {
    const itemId = item("sample-payload-review");
    const result = await addComment(v.engineer, addCommentSchema.parse({ itemId, body: "@Casey Lin can you confirm the SIU^S12 sample? cc @Priya Raman" }));
    expect(result.mentioned).toEqual(["Casey Lin"]);
    const [latest] = await inboxOf(v.riverbend);
    expect(latest).toMatchObject({ kind: "mentioned", actorName: "Erin Vasquez" });
    expect(latest!.link).toContain(`#comment-${result.commentId}`);
    expect((await inboxOf(v.lakeshore)).some((n) => n.kind === "mentioned")).toBe(false);
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.action, "comment.added"), eq(auditEvents.entityId, result.commentId)));
    expect(audit!.after).toMatchObject({ itemId, comment: "@Casey Lin can you confirm the SIU^S12 sample? cc @Priya Raman", mentioned: ["Casey Lin"] });
    const thread = await listComments(v.riverbend, impl, itemId);
    expect(thread.comments.at(-1)).toMatchObject({ authorName: "Erin Vasquez", mentioned: ["Casey Lin"] });
  });

  it("answers another organization's customer IT with not found, and writes nothing", async () => {
    await expect(addComment(v.lakeshore, addCommentSchema.parse({ itemId: item("sample-payload-review"), body: "Hello" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(listComments(v.lakeshore, impl, item("sample-payload-review"))).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses hidden characters and over-long comments, and keeps line breaks", () => {
    expect(addCommentSchema.safeParse({ itemId: item("sample-payload-review"), body: "ok\u202Egnp" }).success).toBe(false);
    expect(addCommentSchema.safeParse({ itemId: item("sample-payload-review"), body: "x".repeat(4001) }).success).toBe(false);
    expect(addCommentSchema.parse({ itemId: item("sample-payload-review"), body: "line one\nline two" }).body).toBe("line one\nline two");
  });
});

describe("the inbox", () => {
  it("counts unread, marks one and all read, and never another person's", async () => {
    const unread = await countUnread(v.riverbend);
    expect(unread).toBeGreaterThan(0);
    // The navigation shows the same number, read with its other counts.
    expect((await getNavCounts(v.riverbend)).unread).toBe(unread);
    expect((await getNavCounts(v.riverbend2)).unread).toBe(await countUnread(v.riverbend2));
    const [first] = await inboxOf(v.riverbend);
    await expect(markNotificationRead(v.riverbend2, { notificationId: first!.id })).rejects.toMatchObject({ code: "not_found" });
    await markNotificationRead(v.riverbend, { notificationId: first!.id });
    expect(await countUnread(v.riverbend)).toBe(unread - 1);
    await markAllNotificationsRead(v.riverbend);
    expect(await countUnread(v.riverbend)).toBe(0);
    expect((await getNavCounts(v.riverbend)).unread).toBe(0);
  });
});

describe("mail settings and digests", () => {
  it("holds notifications for a daily digest, sent once per person and day", async () => {
    await saveNotificationSettings(v.riverbend2, notificationSettingsSchema.parse({ mailMode: "daily", version: "0" }));
    await addComment(v.engineer, addCommentSchema.parse({ itemId: item("sample-payload-review"), body: "@Jordan Ames please review" }));
    const immediate = await demo.db.select().from(mailMessages).where(and(eq(mailMessages.to, "it2@riverbend.example"), eq(mailMessages.kind, "notification.mentioned")));
    expect(immediate).toHaveLength(0);
    expect(await sendDailyDigests("2030-01-01")).toBe(1);
    expect(await sendDailyDigests("2030-01-01")).toBe(0);
    const digests = await demo.db.select().from(mailMessages).where(and(eq(mailMessages.to, "it2@riverbend.example"), eq(mailMessages.kind, "digest.daily")));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain("Erin Vasquez mentioned you");
  });

  it("notifies an owner once when an item falls due and once when it is overdue", async () => {
    const today = todayIso();
    // Jordan's sample payload review is due in five days (seed).
    const due = (await current(item("sample-payload-review"))).dueDate!;
    expect(await notifyDueItems(addDaysIso(due, -1))).toBeGreaterThan(0);
    const again = await notifyDueItems(addDaysIso(due, -1));
    const dueNotes = await demo.db.select().from(inboxNotifications).where(and(eq(inboxNotifications.userId, v.riverbend2.userId), eq(inboxNotifications.kind, "item_due")));
    expect(dueNotes).toHaveLength(1);
    expect(again).toBe(0);
    await notifyDueItems(addDaysIso(due, 1));
    const overdue = await demo.db.select().from(inboxNotifications).where(and(eq(inboxNotifications.userId, v.riverbend2.userId), eq(inboxNotifications.kind, "item_overdue")));
    expect(overdue).toHaveLength(1);
    expect(today).toBeTruthy();
  });

  it("sends managers one weekly digest per week with what changed, what is late and what is projected late", async () => {
    const digest = await weeklyDigestFor(v.manager.userId);
    const riverbend = digest.implementations.find((i) => i.id === impl)!;
    expect(riverbend.changes.join(" ")).toMatch(/comment/i);
    expect(riverbend).toHaveProperty("late");
    expect(riverbend).toHaveProperty("projectedLate");
    const first = await sendWeeklyDigests("2030-01-07");
    expect(first).toBeGreaterThan(0);
    expect(await sendWeeklyDigests("2030-01-09")).toBe(0); // same ISO week
    const runs = await demo.db.select().from(digestRuns).where(and(eq(digestRuns.userId, v.manager.userId), eq(digestRuns.kind, "weekly")));
    expect(runs.map((r) => r.period)).toEqual(["2030-W02"]);
    const mails = await demo.db.select().from(mailMessages).where(and(eq(mailMessages.to, "manager@vendor.example"), like(mailMessages.kind, "digest.weekly")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("What changed this week");
  });

  it("notices every due item in one run, a batch at a time, and a later run reads none it already sent", async () => {
    const today = "2031-01-05";
    // Open items with an owner who may see them, on active or live implementations, due by then:
    // each should get its overdue notice, and the count that still lack one is what is left.
    const waiting = async () => {
      const [row] = await demo.db
        .select({ n: sql<number>`count(*)::int` })
        .from(checklistItems)
        .where(sql`${checklistItems.dueDate} <= ${today}::date and ${checklistItems.status} not in ('signed_off', 'waived')
          and exists (select 1 from implementations i
                      join users u on u.id = ${checklistItems.ownerId} and u.disabled_at is null and not u.invited
                      join organizations o on o.id = u.organization_id and (o.kind = 'vendor' or o.id = i.customer_organization_id)
                      where i.id = ${checklistItems.implementationId} and i.status in ('active', 'live'))
          and not exists (select 1 from inbox_notifications n where n.user_id = ${checklistItems.ownerId}
                          and n.dedupe_key = 'overdue:' || ${checklistItems.id}::text || ':' || ${checklistItems.dueDate}::text)`);
      return Number(row!.n);
    };
    const before = await waiting();
    // Batches of one: the run has to page on past the first.
    expect(before).toBeGreaterThan(2);
    expect(await notifyDueItems(today, { batchSize: 1 })).toBe(before);
    expect(await waiting()).toBe(0);
    const notices = await demo.db.select().from(inboxNotifications).where(like(inboxNotifications.dedupeKey, "overdue:%"));
    expect(await notifyDueItems(today, { batchSize: 1 })).toBe(0);
    expect(await demo.db.select().from(inboxNotifications).where(like(inboxNotifications.dedupeKey, "overdue:%"))).toHaveLength(notices.length);
  });
});
