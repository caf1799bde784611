import "server-only";
import { and, eq, max } from "drizzle-orm";
import { type Transaction } from "@/db";
import {
  checklistItems,
  configurationChanges,
  environments,
  evidence,
  organizations,
  users,
} from "@/db/schema";
import { evidenceStaleness } from "@/lib/domain/readiness";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind, ItemStatus } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import {
  editableStatuses,
  type AddItemInput,
  type BlockItemInput,
  type RecordEvidenceInput,
  type UnblockItemInput,
  type UpdateItemInput,
} from "@/lib/validation/checklist";
import { conflict, forbidden, invalid } from "./errors";
import { notifyBlockerAssigned, notifyBlockerResolved, notifySignOffRequested } from "./inbox";
import { loadItemFacts } from "./item-facts";
import { can, authorize } from "./policy";
import { mayOwnOn } from "./tenant";
import { lockImplementation, lockItem, one, unchanged, writeOnImplementation } from "./unit-of-work";

// Checklist items: one item with its evidence for the item page, and the writes on it. Every
// write goes through writeOnImplementation (lock, version, change, then supersede, audit,
// events and the gate refresh); a stale version is refused with who changed it and when.


function mayEdit(viewer: Viewer, ownerId: string | null): boolean {
  return can(viewer, "checklist.edit_any") || (can(viewer, "checklist.edit_own") && ownerId === viewer.userId);
}

export async function getItem(viewer: Viewer, implementationId: string, itemId: string) {
  authorize(viewer, "implementation.read");
  const facts = await loadItemFacts(viewer, implementationId, itemId);
  const { item: row } = facts;
  const item = {
    id: row.id,
    implementationId: row.implementationId,
    implementationName: facts.implementationName,
    implementationStatus: facts.implementationStatus,
    customerOrganizationId: facts.customerOrganizationId,
    customerName: facts.customerName,
    freshnessWindowDays: facts.freshnessWindowDays,
    key: row.key,
    title: row.title,
    description: row.description,
    category: row.category,
    required: row.required,
    requiredSignOffRoles: row.requiredSignOffRoles,
    needsOperationalValidation: row.needsOperationalValidation,
    attestationOnly: row.attestationOnly,
    ownerId: row.ownerId,
    ownerName: facts.ownerName,
    status: row.status,
    nextStep: row.nextStep,
    expectedOutcome: row.expectedOutcome,
    dueDate: row.dueDate,
    whatChanged: row.whatChanged,
    whatWasTested: row.whatWasTested,
    whatNeedsProof: row.whatNeedsProof,
    blockerReason: row.blockerReason,
    blockerSeverity: row.blockerSeverity,
    blockerTicketUrl: row.blockerTicketUrl,
    blockedSince: row.blockedSince,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedByName: facts.updatedByName,
  };

  const now = new Date();
  const changes = facts.changes.map((c) => ({ changedAt: new Date(c.changedAt), environmentId: c.environmentId }));
  const staleness = { now, freshnessWindowDays: item.freshnessWindowDays, configurationChanges: changes };
  return {
    ...item,
    environments: facts.environments,
    evidence: facts.evidence
      .map((e) => ({ ...e, observedAt: new Date(e.observedAt) }))
      .map((e) => ({ ...e, staleness: evidenceStaleness(e, staleness) })),
    assignableUsers: facts.assignable,
    canEdit: mayEdit(viewer, item.ownerId),
    canUnblock: mayEdit(viewer, item.ownerId) || can(viewer, "blocker.resolve"),
    canRecordEvidence: can(viewer, "evidence.record"),
  };
}

export type ItemDetail = Awaited<ReturnType<typeof getItem>>;

async function conflictFor(tx: Transaction, itemId: string): Promise<never> {
  const [latest] = await tx
    .select({ name: users.name, at: checklistItems.updatedAt })
    .from(checklistItems)
    .leftJoin(users, eq(users.id, checklistItems.updatedById))
    .where(eq(checklistItems.id, itemId));
  const who = latest?.name ?? "Someone";
  const when = latest ? formatUtc(latest.at) : "just now";
  throw conflict(
    `${who} changed this item at ${when}, after you opened it. Your edits are still in the form: reload to see their change, then apply yours again.`,
  );
}

// Saves a change to an item as its next version, only if it is still at the version the writer
// read; otherwise the writer is told who changed it meanwhile.
async function saveItemChange(
  tx: Transaction,
  viewer: Viewer,
  item: { id: string; version: number },
  readVersion: number,
  change: Partial<typeof checklistItems.$inferInsert>,
): Promise<{ version: number }> {
  const [updated] = await tx
    .update(checklistItems)
    .set({ ...change, version: item.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
    .where(and(eq(checklistItems.id, item.id), eq(checklistItems.version, readVersion)))
    .returning({ version: checklistItems.version });
  return updated ?? (await conflictFor(tx, item.id));
}

// What an item needs before it can be ready for sign-off, or null when it has it.
async function missingOperationalValidation(
  tx: Transaction,
  item: typeof checklistItems.$inferSelect,
  freshnessWindowDays: number,
): Promise<string | null> {
  if (!item.needsOperationalValidation) return null;
  const [rows, changes] = await Promise.all([
    tx
      .select({ observedAt: evidence.observedAt, environmentId: evidence.environmentId, outcome: evidence.outcome })
      .from(evidence)
      .innerJoin(environments, eq(environments.id, evidence.environmentId))
      .where(
        and(eq(evidence.checklistItemId, item.id), eq(evidence.kind, "operational"), eq(environments.kind, "production")),
      ),
    tx
      .select({ changedAt: configurationChanges.changedAt, environmentId: configurationChanges.environmentId })
      .from(configurationChanges)
      .where(eq(configurationChanges.implementationId, item.implementationId)),
  ]);
  const context = { now: new Date(), freshnessWindowDays, configurationChanges: changes };
  const passing = rows.filter((r) => r.outcome === "pass");
  if (passing.some((r) => !evidenceStaleness(r, context).stale)) return null;
  if (passing.length > 0) {
    return "This item needs operational validation in production, and its passing validation is stale. Record a new one first.";
  }
  return rows.length > 0
    ? "This item needs a passing operational validation in production; the ones recorded did not pass."
    : "This item needs a passing operational validation in production before it can be ready for sign-off: a person checking a real example end to end. Technical evidence alone is not enough.";
}

const itemFields = [
  "ownerId",
  "status",
  "nextStep",
  "expectedOutcome",
  "dueDate",
  "whatChanged",
  "whatWasTested",
  "whatNeedsProof",
] as const;

export async function updateItem(viewer: Viewer, input: UpdateItemInput, requestId?: string) {
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item, customerOrganizationId, freshnessWindowDays } = await lockItem(tx, viewer, input.itemId);
    if (!mayEdit(viewer, item.ownerId)) throw forbidden();
    if (item.version !== input.version) await conflictFor(tx, item.id);

    const editable = (status: string) => (editableStatuses as readonly string[]).includes(status);
    if (input.status !== item.status && !editable(item.status)) {
      throw invalid("Check the highlighted fields.", {
        status: [`This item is ${item.status.replaceAll("_", " ")}; change it through its own flow first.`],
      });
    }
    if (input.status !== item.status && !editable(input.status)) {
      throw invalid("Check the highlighted fields.", {
        status: ["Blocking, signing off and waiving each have their own step."],
      });
    }
    if (input.ownerId && input.ownerId !== item.ownerId) {
      const [candidate] = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(and(eq(users.id, input.ownerId), mayOwnOn(customerOrganizationId)));
      if (!candidate) throw invalid("Check the highlighted fields.", { ownerId: ["That person cannot see this implementation."] });
    }
    if (input.status === "ready_for_signoff" && item.status !== "ready_for_signoff") {
      const missing = await missingOperationalValidation(tx, item, freshnessWindowDays);
      if (missing) throw invalid(missing, { status: [missing] });
    }

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of itemFields) {
      if (item[field] !== input[field]) {
        before[field] = item[field];
        after[field] = input[field];
      }
    }
    if (Object.keys(after).length === 0) return unchanged({ implementationId: item.implementationId, version: item.version, changed: false });
    // A signed-off item that changes needs signing again.
    if (item.status === "signed_off") {
      before.status = item.status;
      after.status = "ready_for_signoff";
    }

    const updated = await saveItemChange(tx, viewer, item, input.version, after as Partial<typeof checklistItems.$inferInsert>);
    const nowOwner = input.ownerId ?? null;
    if (input.status === "ready_for_signoff" && item.status !== "ready_for_signoff") {
      await notifySignOffRequested(tx, viewer, { ...item, ownerId: nowOwner, version: updated.version });
    }
    if (item.status === "blocked" && nowOwner !== item.ownerId) {
      await notifyBlockerAssigned(tx, viewer, item, nowOwner, item.blockerReason ?? "");
    }
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, version: updated.version, changed: true },
      supersedes: { item, from: item.version, to: updated.version, cause: "edit" },
      audit: (superseded) => ({
        action: "checklist_item.updated",
        entityType: "checklist_item",
        entityId: item.id,
        before,
        after: superseded.length > 0 ? { ...after, supersededSignOffs: superseded } : after,
      }),
    };
  });
}

// New evidence changes what a sign-off would attest to, so it bumps the item's version.
export async function recordEvidence(viewer: Viewer, input: RecordEvidenceInput, requestId?: string) {
  authorize(viewer, "evidence.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item } = await lockItem(tx, viewer, input.itemId);
    const [environment] = await tx
      .select({ id: environments.id, kind: environments.kind })
      .from(environments)
      .where(and(eq(environments.id, input.environmentId), eq(environments.implementationId, item.implementationId)));
    if (!environment) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });

    const { evidenceId, status, version, audited } = await addEvidence(tx, item, environment, {
      kind: input.kind,
      whatWasTested: input.whatWasTested,
      outcome: input.outcome,
      observedAt: input.observedAt,
      recordedById: viewer.userId,
      linkUrl: input.linkUrl,
    });
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, evidenceId, version },
      supersedes: { item, from: item.version, to: version, cause: "evidence" },
      audit: (superseded) => ({
        action: "evidence.recorded",
        entityType: "evidence",
        entityId: evidenceId,
        after: { ...audited, ...(superseded.length > 0 ? { supersededSignOffs: superseded, itemStatus: status } : {}) },
      }),
    };
  });
}

export async function blockItem(viewer: Viewer, input: BlockItemInput, requestId?: string) {
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item } = await lockItem(tx, viewer, input.itemId);
    if (!mayEdit(viewer, item.ownerId)) throw forbidden();
    if (item.version !== input.version) await conflictFor(tx, item.id);
    if (!(editableStatuses as readonly string[]).includes(item.status)) {
      throw invalid(`This item is ${item.status.replaceAll("_", " ")} and cannot be blocked.`);
    }
    const blocker = {
      status: "blocked" as const,
      blockerReason: input.reason,
      blockerSeverity: input.severity,
      blockerTicketUrl: input.ticketUrl,
      blockedSince: input.since,
      blockedById: viewer.userId,
    };
    const updated = await saveItemChange(tx, viewer, item, input.version, blocker);
    await notifyBlockerAssigned(tx, viewer, item, item.ownerId, input.reason);
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, version: updated.version },
      supersedes: { item, from: item.version, to: updated.version, cause: "block" },
      audit: {
        action: "checklist_item.blocked",
        entityType: "checklist_item",
        entityId: item.id,
        before: { status: item.status },
        after: { status: "blocked", reason: input.reason, severity: input.severity, ticketUrl: input.ticketUrl, since: input.since },
      },
      events: [
        {
          event: "item.blocked",
          data: { itemId: item.id, itemTitle: item.title, reason: input.reason, severity: input.severity, ticketUrl: input.ticketUrl, since: input.since, by: viewer.name },
        },
      ],
    };
  });
}

// Engineers and managers clear blockers across implementations; an item's owner may too.
export async function unblockItem(viewer: Viewer, input: UnblockItemInput, requestId?: string) {
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item } = await lockItem(tx, viewer, input.itemId);
    if (!mayEdit(viewer, item.ownerId) && !can(viewer, "blocker.resolve")) throw forbidden();
    if (item.version !== input.version) await conflictFor(tx, item.id);
    if (item.status !== "blocked") throw invalid("This item is not blocked.");
    const updated = await saveItemChange(tx, viewer, item, input.version, {
      status: "in_progress",
      blockerReason: null,
      blockerSeverity: null,
      blockerTicketUrl: null,
      blockedSince: null,
      blockedById: null,
    });
    await notifyBlockerResolved(tx, viewer, item, item.blockedById, input.resolution);
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, version: updated.version },
      supersedes: { item, from: item.version, to: updated.version, cause: "unblock" },
      audit: {
        action: "checklist_item.unblocked",
        entityType: "checklist_item",
        entityId: item.id,
        before: {
          status: "blocked",
          reason: item.blockerReason,
          severity: item.blockerSeverity,
          ticketUrl: item.blockerTicketUrl,
          since: item.blockedSince,
        },
        after: { status: "in_progress", resolution: input.resolution },
      },
      events: [
        {
          event: "item.unblocked",
          data: { itemId: item.id, itemTitle: item.title, reason: item.blockerReason, severity: item.blockerSeverity, resolution: input.resolution, by: viewer.name },
        },
      ],
    };
  });
}

// An item no template has, added to one implementation by its manager.
export async function addItem(viewer: Viewer, input: AddItemInput, requestId?: string) {
  authorize(viewer, "checklist.edit_any");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const [last] = await tx
      .select({ position: max(checklistItems.position) })
      .from(checklistItems)
      .where(eq(checklistItems.implementationId, impl.id));
    const row = one(
      await tx
        .insert(checklistItems)
        .values({
          implementationId: impl.id,
          position: (last?.position ?? -1) + 1,
          title: input.title,
          description: input.description,
          category: input.category,
          required: input.required,
          requiredSignOffRoles: input.requiredSignOffRoles,
          needsOperationalValidation: input.needsOperationalValidation,
          attestationOnly: input.attestationOnly,
          updatedById: viewer.userId,
        })
        .returning({ id: checklistItems.id }),
    );
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, itemId: row.id },
      audit: { action: "checklist_item.added", entityType: "checklist_item", entityId: row.id, after: input },
    };
  });
}

// Evidence on an item, from a person (recordEvidence) or a machine (postApiEvidence), by one
// rule: the row is stored, and since it changes what was signed, the item's version moves on and
// a signed-off item needs signing again. Returns the evidence's id, the item's new status and
// version, and what the audit event records about it.
export async function addEvidence(
  tx: Transaction,
  item: { id: string; implementationId: string; status: ItemStatus; version: number },
  environment: { id: string; kind: EnvironmentKind },
  fields: Pick<typeof evidence.$inferInsert, "kind" | "whatWasTested" | "outcome" | "observedAt" | "linkUrl" | "recordedById" | "note" | "apiTokenId">,
) {
  const row = one(
    await tx
      .insert(evidence)
      .values({ checklistItemId: item.id, implementationId: item.implementationId, environmentId: environment.id, ...fields })
      .returning({ id: evidence.id }),
  );
  const status = item.status === "signed_off" ? "ready_for_signoff" : item.status;
  const version = item.version + 1;
  await tx.update(checklistItems).set({ status, version, updatedById: fields.recordedById, updatedAt: new Date() }).where(eq(checklistItems.id, item.id));
  const audited = {
    itemId: item.id,
    environment: environment.kind,
    kind: fields.kind,
    outcome: fields.outcome,
    whatWasTested: fields.whatWasTested,
    observedAt: fields.observedAt.toISOString(),
    linkUrl: fields.linkUrl ?? null,
  };
  return { evidenceId: row.id, status, version, audited };
}
