import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { signInThrottles } from "@/db/schema";
import { env } from "@/lib/server/env";

// Limits on mail that a signed-out person can make Readyroom send (password reset, sign-in
// link), so nobody can flood someone's inbox: per target account and kind, and per client
// address across accounts. Counted in the sign-in throttle table (its own key prefix), inside
// the caller's transaction, so every app instance counts alike.

export type MailRequestKind = "password_reset" | "sign_in_link";

const accountKey = (kind: MailRequestKind, userId: string) => `mail:account:${kind}:${userId}`;
const addressKey = (ip: string) => `mail:ip:${ip}`;

// A fixed window per key: the first request after the window has passed starts a new one.
// The application clock (as for link expiry) decides; minutes of window make skew between
// instances immaterial. Returns whether this request is within the allowance.
async function admit(tx: Executor, key: string, max: number, windowMinutes: number): Promise<boolean> {
  await tx.insert(signInThrottles).values({ key, failures: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ failures: signInThrottles.failures, windowStartedAt: signInThrottles.windowStartedAt })
    .from(signInThrottles)
    .where(eq(signInThrottles.key, key))
    .for("update");
  const now = new Date();
  const fresh = !row || row.windowStartedAt.getTime() <= now.getTime() - windowMinutes * 60_000;
  const count = fresh ? 1 : row.failures + 1;
  if (count > max) return false;
  await tx
    .update(signInThrottles)
    .set({ failures: count, windowStartedAt: fresh ? now : row.windowStartedAt, blockedUntil: null })
    .where(eq(signInThrottles.key, key));
  return true;
}

// Every request from an address counts, whether or not the e-mail has an account, so the
// answer never depends on it. Behind proxies the address is only as good as TRUSTED_PROXY_COUNT.
export function admitMailRequestFromAddress(tx: Executor, ip: string): Promise<boolean> {
  const config = env();
  return admit(tx, addressKey(ip), config.MAIL_REQUESTS_PER_ADDRESS, config.MAIL_REQUESTS_PER_ADDRESS_WINDOW_MINUTES);
}

// Counted only when a mail would really go out to this account.
export function admitMailToAccount(tx: Executor, kind: MailRequestKind, userId: string): Promise<boolean> {
  const config = env();
  return admit(tx, accountKey(kind, userId), config.MAIL_REQUESTS_PER_ACCOUNT, config.MAIL_REQUESTS_PER_ACCOUNT_WINDOW_MINUTES);
}
