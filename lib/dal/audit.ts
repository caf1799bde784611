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
  await tx.insert(auditEvents).values({
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
  });
}
