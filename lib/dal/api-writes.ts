import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { apiIdempotencyKeys, checklistItems, environments, implementations, interfaces } from "@/db/schema";
import { parseIsoDateTime } from "@/lib/format/date-input";
import type { ApiEvidenceInput, ApiMetricsInput } from "@/lib/validation/api";
import type { ApiToken } from "./api-tokens";
import { addEvidence } from "./checklist";
import { conflict, invalid, notFound } from "./errors";
import { unchanged, writeOnImplementation } from "./unit-of-work";

// What machines post through /api/v1 with a token (lib/dal/api-tokens.ts): technical evidence
// on a checklist item, and an interface's traffic figures. The route has already checked the
// token's implementation, scope and environment; these functions write, audit with the token's
// name, and make a retry with the same Idempotency-Key answer the first result again.
//
// Evidence a token posts is always technical (a check in the database holds it too): the gate
// counts only operational evidence recorded by a person as production validation, and a
// sign-off is a person's act, so no token can ever satisfy either.

export type ApiResult = { status: number; body: Record<string, unknown>; replayed: boolean };

export function requestHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

type Idempotency = { key: string; hash: string } | null;

async function replay(tx: Executor, token: ApiToken, idem: Idempotency): Promise<ApiResult | null> {
  if (!idem) return null;
  const [row] = await tx
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiTokenId, token.id), eq(apiIdempotencyKeys.key, idem.key)));
  if (!row) return null;
  if (row.requestHash !== idem.hash) throw conflict("This Idempotency-Key was already used with a different body. Use a new key for a new request.");
  return { status: row.statusCode, body: row.response as Record<string, unknown>, replayed: true };
}

async function remember(tx: Executor, token: ApiToken, idem: Idempotency, status: number, body: Record<string, unknown>) {
  if (!idem) return;
  await tx.insert(apiIdempotencyKeys).values({ apiTokenId: token.id, key: idem.key, requestHash: idem.hash, statusCode: status, response: body });
}

// Two requests with one key racing: the loser's insert of the key fails; run it once more and
// it finds the winner's answer.
async function onceForKey<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error, "api_idempotency_keys")) return run();
    throw error;
  }
}

export function isUniqueViolation(error: unknown, table?: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; table_name?: string; table?: string; message?: string };
    if (pg.code === "23505") return !table || pg.table_name === table || pg.table === table || (pg.message ?? "").includes(table);
  }
  return false;
}

export async function postApiEvidence(token: ApiToken, input: ApiEvidenceInput, idem: Idempotency, requestId?: string): Promise<ApiResult> {
  const observedAt = parseIsoDateTime(input.observedAt);
  if (!observedAt.ok) throw invalid("observedAt is not a valid date-time.", { observedAt: ["observedAt is not a valid date-time."] });
  return onceForKey(() =>
    writeOnImplementation(token.viewer, requestId, async (tx) => {
      const replayed = await replay(tx, token, idem);
      if (replayed) return unchanged(replayed);
      const [found] = await tx
        .select({ item: checklistItems })
        .from(checklistItems)
        .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
        .where(and(eq(checklistItems.implementationId, token.implementationId), eq(checklistItems.key, input.itemKey)))
        .for("update", { of: checklistItems });
      if (!found) throw notFound(`Checklist item “${input.itemKey}”`);
      const { item } = found;
      const [environment] = await tx
        .select({ id: environments.id, kind: environments.kind })
        .from(environments)
        .where(and(eq(environments.implementationId, token.implementationId), eq(environments.kind, input.environment)));
      if (!environment) throw notFound(`The ${input.environment} environment of this implementation`);

      const { evidenceId, status, version, audited } = await addEvidence(tx, item, environment, {
        kind: "technical",
        whatWasTested: input.whatWasTested,
        outcome: input.outcome,
        observedAt: observedAt.value,
        recordedById: token.viewer.userId,
        linkUrl: input.link ?? null,
        note: `Posted by API token “${token.name}”.`,
        apiTokenId: token.id,
      });
      const body = { evidenceId, itemVersion: version, kind: "technical", token: token.name };
      await remember(tx, token, idem, 201, body);
      return {
        implementationId: item.implementationId,
        result: { status: 201, body, replayed: false },
        supersedes: { item, from: item.version, to: version, cause: "evidence" as const },
        audit: (superseded: string[]) => ({
          action: "evidence.recorded",
          entityType: "evidence",
          entityId: evidenceId,
          after: {
            ...audited,
            apiToken: { id: token.id, name: token.name },
            ...(superseded.length > 0 ? { supersededSignOffs: superseded, itemStatus: status } : {}),
          },
        }),
      };
    }),
  );
}

// Traffic figures change nothing the gate reads (the hypercare evaluation does, through the
// write path), so they are not written through the implementation's lock. The figures, their
// audit event and the idempotency record go in ONE statement, which is its own transaction: the
// audit trigger locks the organization's chain head only for that statement, never across a
// round trip to the app, so a busy interface engine posting every minute does not queue every
// other post of its organization behind the app's event loop (see BENCHMARKS.md, ingestion).
// The reads before it take no lock; a race on one Idempotency-Key fails the statement on the
// key's primary key and onceForKey answers the winner's result.
export async function postApiMetrics(token: ApiToken, interfaceId: string, input: ApiMetricsInput, idem: Idempotency, requestId?: string): Promise<ApiResult> {
  const db = getDb();
  return onceForKey(async () => {
    const replayed = await replay(db, token, idem);
    if (replayed) return replayed;
    const [target] = await db
      .select({ interfaceId: interfaces.id, interfaceName: interfaces.name, environmentId: environments.id })
      .from(interfaces)
      .innerJoin(environments, and(eq(environments.implementationId, interfaces.implementationId), eq(environments.kind, input.environment)))
      .where(and(eq(interfaces.id, interfaceId), eq(interfaces.implementationId, token.implementationId)));
    if (!target) throw notFound("Interface");
    const actor = token.viewer;
    const at = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);
    const audited = {
      apiToken: { id: token.id, name: token.name },
      environment: input.environment,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      messageCount: input.messageCount,
      errorCount: input.errorCount,
      lastMessageAt: input.lastMessageAt ?? null,
      contentFingerprint: input.contentFingerprint ?? null,
    };
    const response = sql`jsonb_build_object('metricId', m.id, 'token', ${token.name}::text)`;
    const result = await db.execute(sql`
      WITH m AS (
        INSERT INTO interface_metrics (implementation_id, interface_id, environment_id, period_start, period_end,
          message_count, error_count, last_message_at, content_fingerprint, api_token_id)
        VALUES (${token.implementationId}::uuid, ${target.interfaceId}::uuid, ${target.environmentId}::uuid,
          ${at(input.periodStart)}::timestamptz, ${at(input.periodEnd)}::timestamptz, ${input.messageCount}::int, ${input.errorCount}::int,
          ${at(input.lastMessageAt)}::timestamptz, ${input.contentFingerprint ?? null}::text, ${token.id}::uuid)
        ON CONFLICT DO NOTHING
        RETURNING id
      ),
      k AS (
        INSERT INTO api_idempotency_keys (api_token_id, key, request_hash, status_code, response)
        SELECT ${token.id}::uuid, ${idem?.key ?? null}::text, ${idem?.hash ?? null}::text, 201, ${response} FROM m
        WHERE ${idem !== null}
      ),
      a AS (
        INSERT INTO audit_events (actor_id, actor_role, actor_organization_id, action, entity_type, entity_id, implementation_id, after, request_id)
        SELECT ${actor.userId}::uuid, ${actor.role}::role, ${actor.organizationId}::uuid, 'interface_metrics.posted', 'interface',
          ${target.interfaceId}::text, ${token.implementationId}::uuid, ${JSON.stringify(audited)}::jsonb, ${requestId ?? null}::text FROM m
      )
      SELECT id FROM m`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number | string }[];
    const [row] = rows;
    if (!row) throw conflict(`Figures for ${target.interfaceName} in ${input.environment} starting ${input.periodStart} were already posted.`);
    return { status: 201, body: { metricId: Number(row.id), token: token.name }, replayed: false };
  });
}
