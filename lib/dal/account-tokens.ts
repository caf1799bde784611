import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db";
import { accountTokens } from "@/db/schema";
import { hashToken, looksLikeToken, newToken } from "@/lib/auth/tokens";
import type { AccountTokenKind } from "@/lib/domain/vocabulary";
import { env } from "@/lib/server/env";

// Issuing and redeeming single-use links. The clock is JavaScript's (expiry is computed and
// compared here), so tests can move it.

export function tokenTtlMs(kind: AccountTokenKind): number {
  const config = env();
  switch (kind) {
    case "invitation":
      return config.INVITATION_TTL_HOURS * 3_600_000;
    case "password_reset":
      return config.PASSWORD_RESET_TTL_MINUTES * 60_000;
    case "sign_in_link":
      return config.SIGN_IN_LINK_TTL_MINUTES * 60_000;
    case "setup":
      return 3_600_000;
  }
}

// A new link of this kind for this user; earlier unused ones of the same kind stop working.
export async function issueToken(
  tx: Executor,
  input: { kind: AccountTokenKind; userId: string | null; createdById?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  await revokeTokens(tx, input.kind, input.userId);
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + tokenTtlMs(input.kind));
  await tx.insert(accountTokens).values({
    kind: input.kind,
    tokenHash: hash,
    userId: input.userId,
    createdById: input.createdById ?? null,
    expiresAt,
  });
  return { token, expiresAt };
}

export async function revokeTokens(tx: Executor, kind: AccountTokenKind, userId: string | null): Promise<number> {
  const rows = await tx
    .update(accountTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(accountTokens.kind, kind),
        userId === null ? isNull(accountTokens.userId) : eq(accountTokens.userId, userId),
        isNull(accountTokens.usedAt),
        isNull(accountTokens.revokedAt),
      ),
    )
    .returning({ id: accountTokens.id });
  return rows.length;
}

export type LiveToken = { id: string; userId: string | null; expiresAt: Date };

// The live token behind a link, without using it: unused, unrevoked, unexpired.
export async function findLiveToken(tx: Executor, kind: AccountTokenKind, token: unknown): Promise<LiveToken | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await tx
    .select({ id: accountTokens.id, userId: accountTokens.userId, expiresAt: accountTokens.expiresAt, usedAt: accountTokens.usedAt, revokedAt: accountTokens.revokedAt, kind: accountTokens.kind })
    .from(accountTokens)
    .where(eq(accountTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row || row.kind !== kind || row.usedAt || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  return { id: row.id, userId: row.userId, expiresAt: row.expiresAt };
}

// Uses a live token once: of two requests racing with one link, exactly one gets it.
export async function redeemToken(tx: Executor, kind: AccountTokenKind, token: unknown): Promise<LiveToken | null> {
  const live = await findLiveToken(tx, kind, token);
  if (!live) return null;
  const [used] = await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.id, live.id), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)))
    .returning({ id: accountTokens.id });
  return used ? live : null;
}

export const linkTo = (origin: string, path: string, token: string) => `${origin.replace(/\/+$/, "")}${path}?token=${token}`;
