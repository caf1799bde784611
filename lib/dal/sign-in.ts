import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
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

async function isThrottled(keys: string[]): Promise<boolean> {
  const rows = await getDb()
    .select({ key: signInThrottles.key })
    .from(signInThrottles)
    .where(and(inArray(signInThrottles.key, keys), gt(signInThrottles.blockedUntil, sql`now()`)))
    .limit(1);
  return rows.length > 0;
}

async function recordFailure(email: string, ip: string): Promise<void> {
  const config = env();
  const window = sql.raw(`interval '${config.SIGN_IN_LOCKOUT_MINUTES} minutes'`);
  const limits: [string, number][] = [
    [accountKey(email), config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT],
    [addressKey(ip), config.SIGN_IN_MAX_FAILURES_PER_IP],
  ];
  await getDb().transaction(async (tx) => {
    for (const [key, max] of limits) {
      const expired = sql`${signInThrottles.windowStartedAt} < now() - ${window}`;
      const next = sql`CASE WHEN ${expired} THEN 1 ELSE ${signInThrottles.failures} + 1 END`;
      await tx
        .insert(signInThrottles)
        .values({
          key,
          failures: 1,
          windowStartedAt: sql`now()`,
          blockedUntil: max <= 1 ? sql`now() + ${window}` : null,
        })
        .onConflictDoUpdate({
          target: signInThrottles.key,
          set: {
            failures: next,
            windowStartedAt: sql`CASE WHEN ${expired} THEN now() ELSE ${signInThrottles.windowStartedAt} END`,
            blockedUntil: sql`CASE WHEN ${next} >= ${max} THEN now() + ${window} ELSE ${signInThrottles.blockedUntil} END`,
          },
        });
    }
  });
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
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await tx.delete(signInThrottles).where(eq(signInThrottles.key, accountKey(email)));
    await recordAudit(
      tx,
      { userId: user.id, role: user.role, organizationId: user.organizationId },
      { action: "auth.signed_in", entityType: "user", entityId: user.id, after: { method } },
    );
  });
}

export async function verifyCredentials(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<SignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  const who = { account: emailDigest(email), ip: input.ip };
  if (await isThrottled([accountKey(email), addressKey(input.ip)])) {
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
    await recordFailure(email, input.ip);
    log.warn("security.sign_in_failed", { ...who, reason });
    return null;
  }
  await recordSignIn(user, "password", email);
  log.info("security.signed_in", { ...who, userId: user.id, method: "password" });
  return { id: user.id, sessionVersion: user.sessionVersion };
}

// OIDC signs in an existing, enabled user whose e-mail the provider has verified; it never
// creates accounts.
export async function findUserForOidc(emailFromProvider: string): Promise<SignedInUser | null> {
  const email = emailFromProvider.trim().toLowerCase();
  const user = await findUserByEmail(email);
  if (!user || user.disabledAt || !roleFitsOrganization(user.role, user.organizationKind)) {
    log.warn("security.sign_in_failed", { account: emailDigest(email), reason: "oidc_no_active_user" });
    return null;
  }
  await recordSignIn(user, "oidc", email);
  log.info("security.signed_in", { account: emailDigest(email), userId: user.id, method: "oidc" });
  return { id: user.id, sessionVersion: user.sessionVersion };
}
