import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accountTokens, organizations, signInThrottles, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { roleFitsOrganization } from "@/lib/domain/viewer";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { recordAudit } from "./audit";

// Sign-in checks, before anyone is a viewer. Every failure looks the same to the caller;
// the reason goes only to the security log. Failures are counted per account and per
// address in Postgres, so every app instance throttles alike.

export type SignedInUser = { id: string; sessionVersion: number };

const pairKey = (email: string, ip: string) => `pair:${email}|${ip}`;
const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;
// Logs carry a short digest, not the typed e-mail (which may hold a mistyped password).
const emailDigest = (email: string) => createHash("sha256").update(email).digest("hex").slice(0, 12);

export type ThrottleScope = "pair" | "account" | "address";
export type Admission = { admitted: true } | { admitted: false; scope: ThrottleScope; retryAfterSeconds: number };

// The pause after the allowance is used up: one minute, doubling with each further failure, up
// to SIGN_IN_LOCKOUT_MINUTES. After a pause one more attempt is checked, so the owner of an
// account is never shut out for longer than the next pause.
function pauseMinutes(failures: number, max: number, ceiling: number): number {
  return Math.min(2 ** Math.min(failures - max, 20), ceiling);
}

// Three allowances, checked together in one transaction before the password is: the pair of
// this account and this address (small, with growing pauses: it stops a guesser without
// touching the account's owner elsewhere), the account from anywhere (large, so guesses from
// many addresses still meet a limit), the address across accounts. A key that is paused refuses
// the attempt without counting it; otherwise the attempt is counted first, so parallel guesses
// each use up allowance and no burst gets more password checks than the allowance.
async function admitAttempt(email: string, ip: string): Promise<Admission> {
  const config = env();
  const windowMs = config.SIGN_IN_LOCKOUT_MINUTES * 60_000;
  const limits: [ThrottleScope, string, number][] = [
    ["pair", pairKey(email, ip), config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS],
    ["account", accountKey(email), config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT],
    ["address", addressKey(ip), config.SIGN_IN_MAX_FAILURES_PER_IP],
  ];
  return getDb().transaction(async (tx) => {
    // Rows are locked in one fixed order (pair, account, address) so two attempts never deadlock.
    const rows = [];
    for (const [scope, key, max] of limits) {
      await tx.insert(signInThrottles).values({ key, failures: 0 }).onConflictDoNothing();
      const [row] = await tx
        .select({ failures: signInThrottles.failures, windowStartedAt: signInThrottles.windowStartedAt, blockedUntil: signInThrottles.blockedUntil, now: sql<string>`now()` })
        .from(signInThrottles)
        .where(eq(signInThrottles.key, key))
        .for("update");
      rows.push({ scope, key, max, row: row! });
    }
    const now = new Date(rows[0]!.row.now);
    const paused = rows.find((r) => r.row.blockedUntil && r.row.blockedUntil > now);
    if (paused) {
      return { admitted: false, scope: paused.scope, retryAfterSeconds: Math.ceil((paused.row.blockedUntil!.getTime() - now.getTime()) / 1000) };
    }
    for (const { key, max, row } of rows) {
      const fresh = row.windowStartedAt.getTime() < now.getTime() - windowMs;
      const failures = fresh ? 1 : row.failures + 1;
      const blockedUntil = failures >= max ? new Date(now.getTime() + pauseMinutes(failures, max, config.SIGN_IN_LOCKOUT_MINUTES) * 60_000) : null;
      await tx
        .update(signInThrottles)
        .set({ failures, windowStartedAt: fresh ? now : row.windowStartedAt, blockedUntil })
        .where(eq(signInThrottles.key, key));
    }
    return { admitted: true };
  });
}

async function findUser(where: ReturnType<typeof eq>) {
  const [row] = await getDb()
    .select({
      id: users.id,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
      organizationId: users.organizationId,
      organizationKind: organizations.kind,
      organizationSlug: organizations.slug,
      organizationActive: isNull(organizations.deactivatedAt),
      signInMethods: organizations.signInMethods,
      allowedEmailDomains: organizations.allowedEmailDomains,
      invited: users.invited,
      email: users.email,
      oidcIssuer: users.oidcIssuer,
      oidcSubject: users.oidcSubject,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(where)
    .limit(1);
  return row ?? null;
}

const findUserByEmail = (email: string) => findUser(eq(users.email, email));

async function recordSignIn(
  user: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>,
  method: "password" | "oidc",
  email: string,
  ip?: string,
  purpose: "sign_in" | "reauthentication" = "sign_in",
): Promise<void> {
  await getDb().transaction(async (tx) => {
    // A successful sign-in clears the account's count and takes back this attempt from the
    // address's, so colleagues behind one hospital NAT do not use up each other's allowance.
    await tx.delete(signInThrottles).where(eq(signInThrottles.key, accountKey(email)));
    if (purpose === "sign_in") await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
    if (ip) {
      await tx.delete(signInThrottles).where(eq(signInThrottles.key, pairKey(email, ip)));
      await tx
        .update(signInThrottles)
        .set({ failures: sql`greatest(${signInThrottles.failures} - 1, 0)`, blockedUntil: null })
        .where(eq(signInThrottles.key, addressKey(ip)));
    }
    await recordAudit(
      tx,
      { userId: user.id, role: user.role, organizationId: user.organizationId },
      {
        action: purpose === "sign_in" ? "auth.signed_in" : "auth.reauthenticated",
        entityType: "user",
        entityId: user.id,
        after: { method },
      },
    );
  });
}

export type CredentialsOutcome =
  | { status: "signed_in"; user: SignedInUser }
  | { status: "failed" }
  | { status: "throttled"; scope: ThrottleScope; retryAfterSeconds: number };

export async function checkCredentials(input: {
  email: string;
  password: string;
  ip: string;
  // Re-entering the password inside a session (before signing) is throttled and logged alike.
  purpose?: "sign_in" | "reauthentication";
}): Promise<CredentialsOutcome> {
  const email = input.email.trim().toLowerCase();
  const who = { account: emailDigest(email), ip: input.ip };
  const admission = await admitAttempt(email, input.ip);
  if (!admission.admitted) {
    log.warn("security.sign_in_failed", { ...who, reason: "throttled", scope: admission.scope });
    return { status: "throttled", scope: admission.scope, retryAfterSeconds: admission.retryAfterSeconds };
  }
  const user = await findUserByEmail(email);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? null);
  const reason = !user
    ? "unknown_account"
    : !passwordOk
      ? "wrong_password"
      : user.disabledAt
        ? "disabled"
        : !roleFitsOrganization(user.role, user.organizationKind)
          ? "role_mismatch"
          : !user.organizationActive
            ? "organization_deactivated"
            : user.invited
              ? "invitation_not_accepted"
              : !user.signInMethods.includes("password")
                ? "method_not_allowed"
                : null;
  if (reason || !user) {
    log.warn("security.sign_in_failed", { ...who, reason });
    return { status: "failed" };
  }
  const purpose = input.purpose ?? "sign_in";
  await recordSignIn(user, "password", email, input.ip, purpose);
  log.info(purpose === "sign_in" ? "security.signed_in" : "security.reauthenticated", {
    ...who,
    userId: user.id,
    method: "password",
  });
  return { status: "signed_in", user: { id: user.id, sessionVersion: user.sessionVersion } };
}

export async function verifyCredentials(input: Parameters<typeof checkCredentials>[0]): Promise<SignedInUser | null> {
  const outcome = await checkCredentials(input);
  return outcome.status === "signed_in" ? outcome.user : null;
}

// Single sign-on. An account is linked to the provider's issuer + subject on its first
// sign-in with a verified e-mail, and found by issuer + subject from then on: a changed e-mail
// at the provider never moves the account to someone else. A pending invitation is accepted
// this way too. With just-in-time creation on, a verified e-mail in an allowed domain of a
// health system that enables it gets a customer IT account. The organization must allow
// single sign-on and be bound to the provider (AUTH_OIDC_ORGANIZATIONS).
export type OidcIdentity = { issuer: string; subject: string; email: string | null; emailVerified: boolean; name: string | null };

export async function findUserForOidc(identity: OidcIdentity, organizationSlugs: readonly string[]): Promise<SignedInUser | null> {
  const email = identity.email?.trim().toLowerCase() ?? "";
  const account = email ? emailDigest(email) : "none";
  const refuse = (reason: string) => {
    log.warn("security.sign_in_failed", { account, reason, method: "oidc" });
    return null;
  };
  const allowed = (u: NonNullable<Awaited<ReturnType<typeof findUser>>>) =>
    !u.disabledAt &&
    u.organizationActive &&
    roleFitsOrganization(u.role, u.organizationKind) &&
    u.signInMethods.includes("sso") &&
    organizationSlugs.includes(u.organizationSlug);

  const linked = await findUser(and(eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject))!);
  if (linked) {
    if (!allowed(linked) || linked.invited) return refuse("oidc_no_active_user");
    await recordSignIn(linked, "oidc", linked.email);
    log.info("security.signed_in", { account, userId: linked.id, method: "oidc" });
    return { id: linked.id, sessionVersion: linked.sessionVersion };
  }
  // Only an e-mail the provider has verified may name an account. A missing claim is not a verified one.
  if (!email || !identity.emailVerified) return refuse("oidc_email_not_verified");

  const byEmail = await findUserByEmail(email);
  if (byEmail) {
    if (!allowed(byEmail)) return refuse("oidc_no_active_user");
    // Already linked to another identity at this or another provider: refuse rather than re-link.
    if (byEmail.oidcSubject !== null) return refuse("oidc_linked_elsewhere");
    const linkedNow = await getDb().transaction(async (tx) => {
      if (byEmail.invited) {
        const { hasLiveInvitation } = await import("./people");
        const invitation = await hasLiveInvitation(tx, byEmail.id);
        if (!invitation) return false;
        await tx.update(accountTokens).set({ usedAt: new Date() }).where(eq(accountTokens.id, invitation));
      }
      const [row] = await tx
        .update(users)
        .set({ oidcIssuer: identity.issuer, oidcSubject: identity.subject, invited: false, updatedAt: new Date() })
        .where(and(eq(users.id, byEmail.id), isNull(users.oidcSubject)))
        .returning({ id: users.id });
      if (!row) return false;
      await recordAudit(tx, { userId: byEmail.id, role: byEmail.role, organizationId: byEmail.organizationId }, {
        action: byEmail.invited ? "user.invitation_accepted" : "user.sso_linked",
        entityType: "user",
        entityId: byEmail.id,
        after: { method: "sso", issuer: identity.issuer },
      });
      return true;
    });
    if (!linkedNow) return refuse("oidc_invitation_not_live");
    await recordSignIn(byEmail, "oidc", email);
    log.info("security.signed_in", { account, userId: byEmail.id, method: "oidc", linked: true });
    return { id: byEmail.id, sessionVersion: byEmail.sessionVersion };
  }

  // Just-in-time: a health system that enables it, whose allowed domains include this one.
  const domain = email.split("@")[1] ?? "";
  const [org] = await getDb()
    .select({ id: organizations.id, slug: organizations.slug, signInMethods: organizations.signInMethods })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, "customer"),
        eq(organizations.ssoJustInTime, true),
        isNull(organizations.deactivatedAt),
        sql`${domain} = any(${organizations.allowedEmailDomains})`,
      ),
    )
    .limit(1);
  if (!org || !org.signInMethods.includes("sso") || !organizationSlugs.includes(org.slug)) return refuse("oidc_no_account");
  const created = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        organizationId: org.id,
        email,
        name: identity.name?.trim().slice(0, 200) || email.split("@")[0]!,
        role: "customer_it",
        oidcIssuer: identity.issuer,
        oidcSubject: identity.subject,
        lastSignInAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: users.id, sessionVersion: users.sessionVersion });
    if (!row) return null;
    await recordAudit(tx, { userId: row.id, role: "customer_it", organizationId: org.id }, {
      action: "user.created_just_in_time",
      entityType: "user",
      entityId: row.id,
      after: { email, role: "customer_it", issuer: identity.issuer },
    });
    await recordAudit(tx, { userId: row.id, role: "customer_it", organizationId: org.id }, { action: "auth.signed_in", entityType: "user", entityId: row.id, after: { method: "oidc" } });
    return row;
  });
  if (!created) return refuse("oidc_no_account");
  log.info("security.signed_in", { account, userId: created.id, method: "oidc", created: true });
  return { id: created.id, sessionVersion: created.sessionVersion };
}
