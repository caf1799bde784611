import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { inboxKinds, mailModes } from "@/lib/domain/vocabulary";
import { createdAt, id, updatedAt, version } from "./columns";
import { checklistItems, implementations } from "./implementations";
import { users } from "./organizations";

export const inboxKind = pgEnum("inbox_kind", inboxKinds);
export const mailMode = pgEnum("mail_mode", mailModes);

// A person's in-app inbox (lib/dal/inbox.ts). Written in the transaction of the change that
// causes it, only for people who may see the implementation it is about.
export const inboxNotifications = pgTable(
  "inbox_notifications",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: inboxKind().notNull(),
    implementationId: uuid().references(() => implementations.id),
    checklistItemId: uuid().references(() => checklistItems.id),
    // Who caused it; null when time did (an item fell due, a verdict aged).
    actorId: uuid().references(() => users.id),
    title: text().notNull(),
    body: text().notNull().default(""),
    // A path inside the app the notification opens.
    link: text().notNull(),
    // Set for notifications that must exist once only (an item falling due on a given date).
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    // When it went out by mail (at once or in a daily digest); null while it waits for a digest.
    mailedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("inbox_notifications_user_idx").on(t.userId, t.createdAt),
    // The navigation's unread count reads only this.
    index("inbox_notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    // The daily digest reads what is waiting for mail.
    index("inbox_notifications_unmailed_idx").on(t.userId).where(sql`${t.mailedAt} is null`),
    uniqueIndex("inbox_notifications_dedupe_key").on(t.userId, t.dedupeKey),
    check("inbox_notifications_link_local", sql`${t.link} ~ '^/[^/]'`),
  ],
);

// How a person wants notifications by mail. No row: at once, and managers get the weekly digest.
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id),
  mailMode: mailMode().notNull().default("immediately"),
  weeklyDigest: boolean().notNull().default(true),
  version: version(),
  updatedAt: updatedAt(),
});

// One row per digest sent: a person, a kind (daily, weekly) and a period (a date, an ISO week).
// The primary key is what makes a digest go out once, whichever instance runs the schedule.
export const digestRuns = pgTable(
  "digest_runs",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    period: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.period] })],
);

// A comment on a checklist item. Never edited: it is part of the item's record, and its audit
// event carries the same text into the activity trail.
export const itemComments = pgTable(
  "item_comments",
  {
    id: id(),
    checklistItemId: uuid()
      .notNull()
      .references(() => checklistItems.id),
    implementationId: uuid()
      .notNull()
      .references(() => implementations.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    // The people the comment mentioned (and notified): only people who may see the item.
    mentionedIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [index("item_comments_item_idx").on(t.checklistItemId, t.createdAt)],
);
