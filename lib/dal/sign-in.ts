import "server-only";
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { organizations, signInThrottles, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { roleFitsOrganization } from "@/lib/viewer";
import { recordAudit } from "./audit";

// Sign-in checks, before anyone is a viewer. Every failure looks the same to the caller;
// the reason goes only to the security log. Failures are counted per account and per
// address in Postgres, so every app instance throttles alike.

export type SignedInUser = { id: string; sessionVersion: number };

const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;
// Logs carry a short digest, not the typed e-mail (which may hold a mistyped password).
const emailDigest = (email: string) => createHash("sha256").update(email).digest("hex").slice(0, 12);

// Counts this attempt against each key in one atomic statement, before the password is
// checked, and says whether the attempt is within the allowance. Parallel guesses are each
// counted as they arrive, so no burst gets more than the allowance of password checks. A key
// whose window has passed (and is not paused) starts counting again.
async function admitAttempt(email: string, ip: string): Promise<boolean> {
  const config = env();
  const window = sql.raw(`interval '${config.SIGN_IN_LOCKOUT_MINUTES} minutes'`);
  const limits: [string, number][] = [
    [accountKey(email), config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT],
    [addressKey(ip), config.SIGN_IN_MAX_FAILURES_PER_IP],
  ];
  let admitted = true;
  await getDb().transaction(async (tx) => {
    for (const [key, max] of limits) {
      const fresh = sql`(${signInThrottles.windowStartedAt} < now() - ${window} AND coalesce(${signInThrottles.blockedUntil}, '-infinity') < now())`;
      const [row] = await tx
        .insert(signInThrottles)
        .values({ key, failures: 1, windowStartedAt: sql`now()` })
        .onConflictDoUpdate({
          target: signInThrottles.key,
          set: {
            failures: sql`CASE WHEN ${fresh} THEN 1 ELSE ${signInThrottles.failures} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${fresh} THEN now() ELSE ${signInThrottles.windowStartedAt} END`,
            blockedUntil: sql`CASE
              WHEN ${fresh} THEN NULL
              WHEN ${signInThrottles.failures} + 1 > ${max} AND coalesce(${signInThrottles.blockedUntil}, '-infinity') < now() THEN now() + ${window}
              ELSE ${signInThrottles.blockedUntil} END`,
          },
        })
        .returning({ failures: signInThrottles.failures, blockedUntil: signInThrottles.blockedUntil });
      if (!row || row.failures > max || (row.blockedUntil && row.blockedUntil > new Date())) admitted = false;
    }
  });
  return admitted;
}

async function findUserByEmail(email: string) {
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
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

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
    if (ip) {
      await tx
        .update(signInThrottles)
        .set({ failures: sql`greatest(${signInThrottles.failures} - 1, 0)` })
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

export async function verifyCredentials(input: {
  email: string;
  password: string;
  ip: string;
  // Re-entering the password inside a session (before signing) is throttled and logged alike.
  purpose?: "sign_in" | "reauthentication";
}): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  const who = { account: emailDigest(email), ip: input.ip };
  if (!(await admitAttempt(email, input.ip))) {
    log.warn("security.sign_in_failed", { ...who, reason: "throttled" });
    return null;
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
          : null;
  if (reason || !user) {
    log.warn("security.sign_in_failed", { ...who, reason });
    return null;
  }
  const purpose = input.purpose ?? "sign_in";
  await recordSignIn(user, "password", email, input.ip, purpose);
  log.info(purpose === "sign_in" ? "security.signed_in" : "security.reauthenticated", {
    ...who,
    userId: user.id,
    method: "password",
  });
  return { id: user.id, sessionVersion: user.sessionVersion };
}

// OIDC signs in an existing, enabled user whose e-mail the provider has verified and whose
// organization is bound to the provider (AUTH_OIDC_ORGANIZATIONS); it never creates accounts.
export async function findUserForOidc(
  emailFromProvider: string,
  organizationSlugs: readonly string[],
): Promise<SignedInUser | null> {
  const email = emailFromProvider.trim().toLowerCase();
  const user = await findUserByEmail(email);
  if (
    !user ||
    user.disabledAt ||
    !roleFitsOrganization(user.role, user.organizationKind) ||
    !organizationSlugs.includes(user.organizationSlug)
  ) {
    log.warn("security.sign_in_failed", { account: emailDigest(email), reason: "oidc_no_active_user" });
    return null;
  }
  await recordSignIn(user, "oidc", email);
  log.info("security.signed_in", { account: emailDigest(email), userId: user.id, method: "oidc" });
  return { id: user.id, sessionVersion: user.sessionVersion };
}
