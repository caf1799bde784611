import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { signInMethods } from "@/lib/domain/vocabulary";
import { createdAt, id, updatedAt, version } from "./columns";
import { organizationKind, role } from "./enums";

export const signInMethod = pgEnum("sign_in_method", signInMethods);

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    name: text().notNull(),
    slug: text().notNull(),
    kind: organizationKind().notNull(),
    // E-mail domains its people's addresses must be in (empty: any); single sign-on may create
    // accounts just in time only for these.
    allowedEmailDomains: text().array().notNull().default(sql`'{}'::text[]`),
    // How its people may sign in. Existing organizations keep every method they had.
    signInMethods: signInMethod().array().notNull().default(sql`'{password,email_link,sso}'::sign_in_method[]`),
    ssoJustInTime: boolean().notNull().default(false),
    // A deactivated organization's people cannot sign in; its implementations stay readable.
    deactivatedAt: timestamp({ withTimezone: true }),
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
    // True from the invitation until the person accepts it (sets a password or links SSO).
    invited: boolean().notNull().default(false),
    lastSignInAt: timestamp({ withTimezone: true }),
    // The single sign-on identity this account is linked to: matched by issuer + subject, so
    // an e-mail change at the provider never moves the account.
    oidcIssuer: text(),
    oidcSubject: text(),
    // Bumped on sign-out, disable or role change: every token carrying an older value is refused.
    sessionVersion: integer().notNull().default(1),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_organization_idx").on(t.organizationId),
    uniqueIndex("users_oidc_identity_key").on(t.oidcIssuer, t.oidcSubject),
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
