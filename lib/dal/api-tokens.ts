import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { apiTokens, implementations, organizations, users } from "@/db/schema";
import type { ApiTokenScope } from "@/lib/api/vocabulary";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import type { CreateApiTokenInput, RevokeApiTokenInput } from "@/lib/validation/api-tokens";
import { recordAudit } from "./audit";
import { conflict, notFound } from "./errors";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, one, unchanged, writeOnImplementation } from "./unit-of-work";
import { viewerColumns, viewerFromRow } from "./users";

// API tokens of an implementation: made by its vendor team (policy "api_token.manage"), shown
// once, stored as a SHA-256, scoped to environments and to what they may post, with an expiry,
// revocation and the last use. authenticateApiToken() is the API's side: it finds the token
// by its hash and says why one is refused; every refusal of a known token is audited under
// the token's name (auditApiTokenRefusal).

export const TOKEN_PREFIX = "rr_";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

const creator = alias(users, "creator");
const revoker = alias(users, "revoker");

export async function listApiTokens(viewer: Viewer, implementationId: string, now = new Date()) {
  authorize(viewer, "api_token.manage");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const db = getDb();
  const [impl] = await db
    .select({ id: implementations.id })
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)));
  if (!impl) throw notFound("Implementation");
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      environments: apiTokens.environments,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      revokedByName: revoker.name,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
      createdByName: creator.name,
      version: apiTokens.version,
    })
    .from(apiTokens)
    .innerJoin(creator, eq(creator.id, apiTokens.createdById))
    .leftJoin(revoker, eq(revoker.id, apiTokens.revokedById))
    .where(eq(apiTokens.implementationId, impl.id))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((r) => ({
    ...r,
    state: r.revokedAt ? ("revoked" as const) : r.expiresAt <= now ? ("expired" as const) : ("active" as const),
  }));
}
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

export async function createApiToken(viewer: Viewer, input: CreateApiTokenInput, requestId?: string) {
  authorize(viewer, "api_token.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const token = newToken();
    const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 3600_000);
    const row = one(
      await tx
        .insert(apiTokens)
        .values({
          implementationId: impl.id,
          name: input.name,
          tokenHash: hashApiToken(token),
          prefix: token.slice(0, TOKEN_PREFIX.length + 6),
          environments: input.environments,
          scopes: input.scopes,
          expiresAt,
          createdById: viewer.userId,
        })
        .returning({ id: apiTokens.id, prefix: apiTokens.prefix }),
    );
    return {
      implementationId: impl.id,
      // The token itself leaves here once, for the page to show; only its hash is stored.
      result: { implementationId: impl.id, tokenId: row.id, token, name: input.name, expiresAt: expiresAt.toISOString() },
      audit: {
        action: "api_token.created",
        entityType: "api_token",
        entityId: row.id,
        after: { name: input.name, prefix: row.prefix, environments: input.environments, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
      },
    };
  });
}

export async function revokeApiToken(viewer: Viewer, input: RevokeApiTokenInput, requestId?: string) {
  authorize(viewer, "api_token.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const [token] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.implementationId, impl.id)))
      .for("update");
    if (!token) throw notFound("API token");
    if (token.revokedAt) return unchanged({ implementationId: impl.id, tokenId: token.id });
    if (token.version !== input.version) throw conflict("Someone changed this token after you opened the page. Reload, then try again.");
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(), revokedById: viewer.userId, version: token.version + 1 })
      .where(eq(apiTokens.id, token.id));
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, tokenId: token.id },
      audit: { action: "api_token.revoked", entityType: "api_token", entityId: token.id, after: { name: token.name, prefix: token.prefix } },
    };
  });
}

// ---- The API's side.

export type ApiToken = {
  id: string;
  name: string;
  implementationId: string;
  environments: EnvironmentKind[];
  scopes: ApiTokenScope[];
  // The person who made the token, as the DAL sees them: the token acts with their tenancy
  // and is answerable to them, and it stops working when they are disabled or lose the right
  // to manage tokens.
  viewer: Viewer;
};

export type TokenRefusal =
  | { status: 401; reason: "missing" | "unknown" }
  | { status: 401; reason: "expired" | "revoked" | "creator_inactive"; token: { id: string; name: string; implementationId: string; createdById: string } };

export async function authenticateApiToken(presented: string | null, now = new Date()): Promise<{ ok: true; token: ApiToken } | { ok: false; refusal: TokenRefusal }> {
  if (!presented || !presented.startsWith(TOKEN_PREFIX) || presented.length > 200) return { ok: false, refusal: { status: 401, reason: presented ? "unknown" : "missing" } };
  // The token and its creator (as a Viewer) in one statement: the creator must still be able
  // to manage tokens for the token to work.
  const [row] = await getDb()
    .select({
      token: {
        id: apiTokens.id,
        name: apiTokens.name,
        implementationId: apiTokens.implementationId,
        environments: apiTokens.environments,
        scopes: apiTokens.scopes,
        expiresAt: apiTokens.expiresAt,
        revokedAt: apiTokens.revokedAt,
        createdById: apiTokens.createdById,
      },
      creator: viewerColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdById))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(apiTokens.tokenHash, hashApiToken(presented)));
  if (!row) return { ok: false, refusal: { status: 401, reason: "unknown" } };
  const known = { id: row.token.id, name: row.token.name, implementationId: row.token.implementationId, createdById: row.token.createdById };
  if (row.token.revokedAt) return { ok: false, refusal: { status: 401, reason: "revoked", token: known } };
  if (row.token.expiresAt <= now) return { ok: false, refusal: { status: 401, reason: "expired", token: known } };
  const viewer = viewerFromRow(row.creator, row.creator.sessionVersion);
  if (!viewer || !can(viewer, "api_token.manage")) return { ok: false, refusal: { status: 401, reason: "creator_inactive", token: known } };
  const { id, name, implementationId, environments, scopes } = row.token;
  return { ok: true, token: { id, name, implementationId, environments, scopes, viewer } };
}

export type RefusalReason = "expired" | "revoked" | "creator_inactive" | "other_implementation" | "scope" | "environment";

// A refused use of a known token, audited on the token's own implementation with its name.
export async function auditApiTokenRefusal(
  token: { id: string; name: string; implementationId: string; createdById: string },
  reason: RefusalReason,
  request: { method: string; path: string; requestId?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await getDb().transaction(async (tx) => {
    const [actor] = await tx
      .select({ userId: users.id, role: users.role, organizationId: users.organizationId })
      .from(users)
      .where(eq(users.id, token.createdById));
    await recordAudit(tx, actor ?? null, {
      action: "api_token.refused",
      entityType: "api_token",
      entityId: token.id,
      implementationId: token.implementationId,
      requestId: request.requestId,
      after: { token: token.name, reason, method: request.method, path: request.path, ...request.detail },
    });
  });
}

// The last use, written at most once a minute per token so a busy sender does not queue on
// the token's row; each process also remembers when it last wrote it, so most posts skip the
// statement altogether.
const touchedAt = new Map<string, number>();

export async function touchApiToken(tokenId: string, now = new Date()): Promise<void> {
  const last = touchedAt.get(tokenId);
  if (last !== undefined && now.getTime() - last < 60_000 && now.getTime() >= last) return;
  if (touchedAt.size > 10_000) touchedAt.clear();
  touchedAt.set(tokenId, now.getTime());
  await getDb()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`))));
}
