import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { apiIdempotencyKeys, checklistItems, environments, implementations, interfaceMetrics, interfaces } from "@/db/schema";
import { parseIsoDateTime } from "@/lib/format/date-input";
import type { ApiEvidenceInput, ApiMetricsInput } from "@/lib/validation/api";
import type { ApiToken } from "./api-tokens";
import { recordAudit } from "./audit";
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

async function replay(tx: Transaction, token: ApiToken, idem: Idempotency): Promise<ApiResult | null> {
  if (!idem) return null;
  const [row] = await tx
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.apiTokenId, token.id), eq(apiIdempotencyKeys.key, idem.key)));
  if (!row) return null;
  if (row.requestHash !== idem.hash) throw conflict("This Idempotency-Key was already used with a different body. Use a new key for a new request.");
  return { status: row.statusCode, body: row.response as Record<string, unknown>, replayed: true };
}

async function remember(tx: Transaction, token: ApiToken, idem: Idempotency, status: number, body: Record<string, unknown>) {
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
// write path), so they are written in a plain transaction with their audit event: a busy
// interface engine posting every minute never queues behind the implementation's lock.
export async function postApiMetrics(token: ApiToken, interfaceId: string, input: ApiMetricsInput, idem: Idempotency, requestId?: string): Promise<ApiResult> {
  const at = (v: string) => new Date(v);
  return onceForKey(() =>
    getDb().transaction(async (tx) => {
      const replayed = await replay(tx, token, idem);
      if (replayed) return replayed;
      const [target] = await tx
        .select({ interfaceId: interfaces.id, interfaceName: interfaces.name, environmentId: environments.id })
        .from(interfaces)
        .innerJoin(environments, and(eq(environments.implementationId, interfaces.implementationId), eq(environments.kind, input.environment)))
        .where(and(eq(interfaces.id, interfaceId), eq(interfaces.implementationId, token.implementationId)));
      if (!target) throw notFound("Interface");
      const inserted = await tx
        .insert(interfaceMetrics)
        .values({
          implementationId: token.implementationId,
          interfaceId: target.interfaceId,
          environmentId: target.environmentId,
          periodStart: at(input.periodStart),
          periodEnd: at(input.periodEnd),
          messageCount: input.messageCount,
          errorCount: input.errorCount,
          lastMessageAt: input.lastMessageAt ? at(input.lastMessageAt) : null,
          contentFingerprint: input.contentFingerprint ?? null,
          apiTokenId: token.id,
        })
        .onConflictDoNothing()
        .returning({ id: interfaceMetrics.id });
      const [row] = inserted;
      if (!row) throw conflict(`Figures for ${target.interfaceName} in ${input.environment} starting ${input.periodStart} were already posted.`);
      const body = { metricId: row.id, token: token.name };
      await remember(tx, token, idem, 201, body);
      await recordAudit(tx, token.viewer, {
        action: "interface_metrics.posted",
        entityType: "interface",
        entityId: target.interfaceId,
        implementationId: token.implementationId,
        requestId,
        after: {
          apiToken: { id: token.id, name: token.name },
          environment: input.environment,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          messageCount: input.messageCount,
          errorCount: input.errorCount,
          lastMessageAt: input.lastMessageAt ?? null,
          contentFingerprint: input.contentFingerprint ?? null,
        },
      });
      return { status: 201, body, replayed: false };
    }),
  );
}
