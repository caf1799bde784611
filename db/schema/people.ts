import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accountTokenKinds } from "@/lib/domain/vocabulary";
import { createdAt, id } from "./columns";
import { deliveryStatus } from "./enums";
import { organizations, users } from "./organizations";

export const accountTokenKind = pgEnum("account_token_kind", accountTokenKinds);

// Single-use links: invitations, password resets, e-mailed sign-in links and the first-admin
// setup link. Only a SHA-256 of the random token is kept, so a copy of the database opens nothing.
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: id(),
    kind: accountTokenKind().notNull(),
    tokenHash: text().notNull(),
    // Null only for the setup link, which exists before any user does.
    userId: uuid().references(() => users.id),
    createdById: uuid().references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_key").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.kind),
  ],
);

// The mail outbox: queued in the transaction of the change that sends it, sent afterwards by
// the worker with retries (lib/mail). `organizationId` says whose mail it is.
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: id(),
    kind: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    // Erased once sent over SMTP (a sign-in link is a secret); kept when mail is only logged,
    // so a demo without a mail server can follow every link from the Sent mail page.
    text: text(),
    html: text(),
    organizationId: uuid().references(() => organizations.id),
    status: deliveryStatus().notNull().default("pending"),
    transport: text(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("mail_messages_created_idx").on(t.createdAt),
  ],
);
