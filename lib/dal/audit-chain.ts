import "server-only";
import { createHash } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { auditChainHeads, auditEvents, organizations } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { forbidden } from "./errors";
import { can } from "./policy";

// Verifies the audit trail's hash chains (migration 0005): for each organization's chain it
// recomputes every event's hash from the stored columns, checks that each event names the one
// before it and that the numbers have no gap, and that the chain ends where its head row says.
// It names the first event that was changed, removed or slipped in. The text it hashes is
// rebuilt here with its own copy of the expression, not through the database's function.

const GENESIS = "0".repeat(64);
const PAGE = 2000;

const canonical = sql<string>`jsonb_build_array(
  ${auditEvents.prevHash}, ${auditEvents.chainKey}, ${auditEvents.chainSeq}, ${auditEvents.id},
  to_char(${auditEvents.occurredAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  ${auditEvents.actorId}, ${auditEvents.actorRole}, ${auditEvents.actorOrganizationId}, ${auditEvents.action},
  ${auditEvents.entityType}, ${auditEvents.entityId}, ${auditEvents.implementationId},
  ${auditEvents.before}, ${auditEvents.after}, ${auditEvents.requestId}
)::text`;

export type ChainProblem = {
  kind: "changed" | "missing" | "out_of_place" | "unchained";
  eventId: number | null;
  seq: number | null;
  message: string;
};

export type ChainReport = {
  chainKey: string;
  organizationName: string | null;
  events: number;
  lastSeq: number;
  problem: ChainProblem | null;
};

export type AuditVerification = { ok: boolean; checkedAt: string; chains: ChainReport[] };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function verifyChain(db: Executor, head: { chainKey: string; lastSeq: number; lastHash: string }): Promise<Omit<ChainReport, "organizationName">> {
  let expectedSeq = 1;
  let previousHash = GENESIS;
  let previousId: number | null = null;
  let events = 0;
  const report = (problem: ChainProblem) => ({ chainKey: head.chainKey, events, lastSeq: head.lastSeq, problem });
  for (;;) {
    const rows = await db
      .select({ id: auditEvents.id, seq: auditEvents.chainSeq, prevHash: auditEvents.prevHash, hash: auditEvents.hash, canonical })
      .from(auditEvents)
      .where(sql`${auditEvents.chainKey} = ${head.chainKey} AND ${auditEvents.chainSeq} >= ${expectedSeq}`)
      .orderBy(asc(auditEvents.chainSeq))
      .limit(PAGE);
    for (const row of rows) {
      const after = previousId === null ? "at the start of the chain" : `after event ${previousId}`;
      if (row.seq !== expectedSeq) {
        return report({ kind: "missing", eventId: row.id, seq: expectedSeq, message: `Event number ${expectedSeq} of this chain is missing (${after}; the next one present is event ${row.id}, number ${row.seq}).` });
      }
      if (row.prevHash !== previousHash) {
        return report({ kind: "out_of_place", eventId: row.id, seq: row.seq, message: `Event ${row.id} (number ${row.seq}) does not follow the event before it: an event ${after} was removed, replaced or slipped in.` });
      }
      if (sha256(row.canonical) !== row.hash) {
        return report({ kind: "changed", eventId: row.id, seq: row.seq, message: `Event ${row.id} (number ${row.seq}) was changed after it was written: its content no longer matches its hash.` });
      }
      previousHash = row.hash;
      previousId = row.id;
      expectedSeq++;
      events++;
    }
    if (rows.length < PAGE) break;
  }
  if (expectedSeq - 1 !== head.lastSeq || previousHash !== head.lastHash) {
    return report({
      kind: "missing",
      eventId: null,
      seq: expectedSeq,
      message: `The chain ends at number ${expectedSeq - 1} but its head records number ${head.lastSeq}: the last ${head.lastSeq - expectedSeq + 1 > 1 ? "events were" : "event was"} removed${previousId ? ` (after event ${previousId})` : ""}.`,
    });
  }
  return { chainKey: head.chainKey, events, lastSeq: head.lastSeq, problem: null };
}

// Every chain, for the operator's command (no viewer: it runs beside the server, not in it).
export async function verifyAuditTrail(db: Executor = getDb()): Promise<AuditVerification> {
  const heads = await db
    .select({ chainKey: auditChainHeads.chainKey, lastSeq: auditChainHeads.lastSeq, lastHash: auditChainHeads.lastHash, organizationName: organizations.name })
    .from(auditChainHeads)
    .leftJoin(organizations, sql`${organizations.id}::text = ${auditChainHeads.chainKey}`)
    .orderBy(asc(auditChainHeads.chainKey));
  const chains: ChainReport[] = [];
  for (const head of heads) {
    chains.push({ ...(await verifyChain(db, head)), organizationName: head.organizationName });
  }
  // An event outside every chain was inserted with the chain trigger switched off.
  const [stray] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(sql`${auditEvents.hash} IS NULL OR ${auditEvents.chainKey} NOT IN (SELECT ${auditChainHeads.chainKey} FROM ${auditChainHeads})`)
    .orderBy(asc(auditEvents.id))
    .limit(1);
  if (stray) {
    chains.push({
      chainKey: "(none)",
      organizationName: null,
      events: 0,
      lastSeq: 0,
      problem: { kind: "unchained", eventId: stray.id, seq: null, message: `Event ${stray.id} is in no chain: it was written with the chain switched off.` },
    });
  }
  return { ok: chains.every((c) => c.problem === null), checkedAt: new Date().toISOString(), chains };
}

// The admin page's read: the same verification, for admins only.
export async function verifyAuditTrailFor(viewer: Viewer): Promise<AuditVerification> {
  if (!can(viewer, "audit.verify")) throw forbidden();
  return verifyAuditTrail();
}
