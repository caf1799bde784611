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
