import type { Executor } from "@/db";
import { auditEvents } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";

// Writes an audit event. Call it with the transaction of the change it records, so the event
// and the change commit or roll back together.

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  implementationId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

type Actor = Pick<Viewer, "userId" | "role" | "organizationId">;

export async function recordAudit(tx: Executor, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await recordAudits(tx, [{ actor, entry }]);
}

// Several events in one INSERT, chained in the order given. The chain's trigger locks the
// organization's chain head until the transaction ends, so a write records its events as its
// last statement (lib/dal/unit-of-work.ts) and holds that lock for one round trip only.
export async function recordAudits(tx: Executor, events: { actor: Actor | null; entry: AuditEntry }[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insert(auditEvents)
    .values(
      events.map(({ actor, entry }) => ({
        actorId: actor?.userId ?? null,
        actorRole: actor?.role ?? null,
        actorOrganizationId: actor?.organizationId ?? null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        implementationId: entry.implementationId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        requestId: entry.requestId ?? null,
      })),
    )
    .prepare("record_audits")
    .execute();
}
