import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { organizationKind, role } from "./enums";

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    name: text().notNull(),
    slug: text().notNull(),
    kind: organizationKind().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("organizations_slug_key").on(t.slug)],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    email: text().notNull(),
    name: text().notNull(),
    role: role().notNull(),
    // Null for users who only sign in through the organization's OIDC provider.
    passwordHash: text(),
    disabledAt: timestamp({ withTimezone: true }),
    // Bumped on sign-out, disable or role change: every token carrying an older value is refused.
    sessionVersion: integer().notNull().default(1),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_organization_idx").on(t.organizationId),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
  ],
);

// Failed sign-in counters, kept in Postgres so every app instance behind a load balancer
// throttles the same account and the same address.
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp({ withTimezone: true }),
});

// A password (or identity provider) re-entered in one signed-in session, for actions such as
// signing that need a recent sign-in. Keyed by the session's random id, so it counts for that
// browser session only.
export const sessionReauthentications = pgTable(
  "session_reauthentications",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    sessionId: text().notNull(),
    reauthenticatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.sessionId] })],
);
