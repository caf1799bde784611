import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { checklistItems, implementations, signOffs, users } from "@/db/schema";
import { signedName } from "@/lib/domain/sign-off-snapshot";
import type { Viewer } from "@/lib/domain/viewer";
import { recordAudits, type AuditEntry } from "./audit";
import { notFound } from "./errors";
import { queueEvent, type QueuedEvent } from "./events";
import { refreshGateState } from "./gate";
import { notifySuperseded } from "./inbox";
import { implementationScope, isUuid } from "./tenant";

// The one write path for an implementation's data. A write locks what it changes (with the
// tenant condition), checks the version and makes its change; it then hands back what it did,
// and writeOnImplementation does the rest in one order every time, in the same transaction:
// supersede sign-offs of an item whose version moved, queue events, refresh the derived gate
// state, and last the audit events, in one INSERT: the audit chain's trigger locks the
// organization's chain head until commit, so recording them last keeps every other write of
// that organization waiting one round trip, not the whole gate refresh. So each DAL write states only its business rule, and none forgets a step
// (lib/dal/write-path.db.test.ts fails when an accepted write leaves the gate out of date).

// The single row a query must have found (or an insert returned).
export function one<T>(rows: T[], what?: string): T {
  const [row] = rows;
  if (row === undefined) throw notFound(what);
  return row;
}

// ---- One lock per aggregate that several writes share. Another organization's row and a
// missing one are the same "not found".

export async function lockImplementation(tx: Transaction, viewer: Viewer, implementationId: string) {
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const rows = await tx
    .select()
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .for("update", { of: implementations })
    .prepare("lock_implementation")
    .execute();
  return one(rows, "Implementation");
}

export async function lockItem(tx: Transaction, viewer: Viewer, itemId: string) {
  if (!isUuid(itemId)) throw notFound("Checklist item");
  const rows = await tx
    .select({
      item: checklistItems,
      customerOrganizationId: implementations.customerOrganizationId,
      freshnessWindowDays: implementations.freshnessWindowDays,
    })
    .from(checklistItems)
    .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
    .where(and(eq(checklistItems.id, itemId), implementationScope(viewer)))
    .for("update", { of: checklistItems })
    .prepare("lock_item")
    .execute();
  return one(rows, "Checklist item");
}

// ---- What a write hands back.

export type AuditDraft = Omit<AuditEntry, "implementationId" | "requestId">;
export type EventDraft = Omit<QueuedEvent, "implementationId">;
type PendingAudit = Parameters<typeof recordAudits>[1][number];
type ItemRef = { id: string; implementationId: string; title: string };

export type Written<T> = {
  implementationId: string;
  result: T;
  // An item moved from version `from` to `to`: approvals of `from` no longer count.
  supersedes?: { item: ItemRef; from: number; to: number; cause?: SupersedeCause };
  // The audit event(s); a function receives the signers whose approval was superseded.
  audit: AuditDraft | AuditDraft[] | ((superseded: string[]) => AuditDraft);
  events?: EventDraft[];
};

// A write that found nothing to change: no audit, no events, nothing to refresh.
export type Unchanged<T> = { unchanged: T };
export const unchanged = <T>(result: T): Unchanged<T> => ({ unchanged: result });

// `viewer` is null for a write no person makes (the scheduled hypercare evaluation): its audit
// events carry no actor and name the system in their `after`.
export async function writeOnImplementation<T>(
  viewer: Viewer | null,
  requestId: string | undefined,
  change: (tx: Transaction) => Promise<Written<T> | Unchanged<T>>,
): Promise<T> {
  return getDb().transaction(async (tx) => {
    const outcome = await change(tx);
    if ("unchanged" in outcome) return outcome.unchanged;
    const { implementationId } = outcome;
    const audits: PendingAudit[] = [];
    const superseded = outcome.supersedes
      ? await supersedeSignOffs(tx, outcome.supersedes.item, outcome.supersedes.from, outcome.supersedes.to, outcome.supersedes.cause, audits)
      : [];
    const audit = typeof outcome.audit === "function" ? outcome.audit(superseded) : outcome.audit;
    for (const event of outcome.events ?? []) await queueEvent(tx, { ...event, implementationId });
    await refreshGateState(tx, implementationId, requestId);
    for (const entry of Array.isArray(audit) ? audit : [audit]) audits.push({ actor: viewer, entry: { ...entry, implementationId, requestId } });
    await recordAudits(tx, audits);
    return outcome.result;
  });
}

// What kind of change superseded a sign-off, as the activity trail words it.
export type SupersedeCause = "edit" | "evidence" | "block" | "unblock" | "waiver" | "change";

// Called by every write that moves an item past `previousVersion`: approvals of that version
// no longer count. Each superseded approval gets its own audit event ("sign-off by X on v4
// superseded by Y's edit") and the webhook hears of them. The person who superseded them is the
// one the write just recorded as the item's last editor (every version-bumping write sets
// updatedById before it calls this), so callers need not pass who they are. Returns the signers
// whose approval was superseded (for the write's own audit event).
export async function supersedeSignOffs(
  tx: Transaction,
  item: ItemRef,
  previousVersion: number,
  newVersion: number,
  cause: SupersedeCause = "change",
  audits: PendingAudit[],
): Promise<string[]> {
  const superseded = await tx
    .select({ id: signOffs.id, signerId: signOffs.signerId, signerName: signOffs.signerName, role: signOffs.signerRole, snapshotSha256: signOffs.snapshotSha256 })
    .from(signOffs)
    .where(and(eq(signOffs.checklistItemId, item.id), eq(signOffs.itemVersion, previousVersion), eq(signOffs.decision, "approve")));
  if (superseded.length === 0) return [];
  const [editor] = await tx
    .select({ userId: users.id, role: users.role, organizationId: users.organizationId, name: users.name })
    .from(checklistItems)
    .innerJoin(users, eq(users.id, checklistItems.updatedById))
    .where(eq(checklistItems.id, item.id));
  for (const s of superseded) {
    audits.push({
      actor: editor ?? null,
      entry: {
        action: "sign_off.superseded",
        entityType: "sign_off",
        entityId: s.id,
        implementationId: item.implementationId,
        after: {
          itemId: item.id,
          itemTitle: item.title,
          signerName: s.signerName,
          signerRole: s.role,
          signedVersion: previousVersion,
          signed: signedName(previousVersion, s.snapshotSha256),
          currentVersion: newVersion,
          supersededBy: editor?.name ?? null,
          cause,
        },
      },
    });
  }
  await notifySuperseded(tx, editor ?? null, item, superseded.map((s) => s.signerId), previousVersion);
  await queueEvent(tx, {
    implementationId: item.implementationId,
    event: "sign_off.superseded",
    data: {
      itemId: item.id,
      itemTitle: item.title,
      signedVersion: previousVersion,
      currentVersion: newVersion,
      signers: superseded.map((s) => ({ name: s.signerName, role: s.role })),
    },
  });
  return superseded.map((s) => s.signerName);
}
