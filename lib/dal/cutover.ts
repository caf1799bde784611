import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Transaction } from "@/db";
import { checklistItems, cutoverSteps, implementationPhases, implementations, organizations, users } from "@/db/schema";
import {
  cutoverGateItems,
  cutoverStepDefaults,
  defaultStepDueAt,
  findStandardItem,
  orderSteps,
  phaseGuide,
  type StepOwnerHint,
} from "@/lib/domain/cutover";
import type { Viewer } from "@/lib/domain/viewer";
import { phases, type Phase } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import type {
  AddCutoverStepInput,
  AddStandardCutoverStepsInput,
  RemoveCutoverStepInput,
  SavePhaseInput,
  SetCutoverStepDoneInput,
  SetPhaseExitInput,
  UpdateCutoverStepInput,
} from "@/lib/validation/cutover";
import { conflict, forbidden, invalid, notFound } from "./errors";
import { authorize, can } from "./policy";
import { implementationScope, isUuid, mayOwnOn } from "./tenant";
import { lockImplementation, one, unchanged, writeOnImplementation } from "./unit-of-work";

// The phase plan and the cutover plan of one implementation (docs/cutover.md), and the writes on
// them. Managers plan; the owner of a cutover step marks it done. Every write goes through the
// one write path (writeOnImplementation): tenant-scoped lock, version check, audit in the same
// transaction.

const owner = alias(users, "step_owner");
const ownerOrganization = alias(organizations, "step_owner_organization");
const doneBy = alias(users, "step_done_by");
const exitMetBy = alias(users, "phase_exit_met_by");

async function implementationInScope(viewer: Viewer, implementationId: string) {
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const [impl] = await getDb()
    .select({
      id: implementations.id,
      phase: implementations.phase,
      status: implementations.status,
      goLiveDate: implementations.goLiveDate,
      customerOrganizationId: implementations.customerOrganizationId,
    })
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!impl) throw notFound("Implementation");
  return impl;
}

// ---- Reads.

export async function getPhasePlan(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  const impl = await implementationInScope(viewer, implementationId);
  const rows = await getDb()
    .select({
      phase: implementationPhases.phase,
      plannedStart: implementationPhases.plannedStart,
      plannedEnd: implementationPhases.plannedEnd,
      successSignal: implementationPhases.successSignal,
      exitCriteria: implementationPhases.exitCriteria,
      exitMetAt: implementationPhases.exitMetAt,
      exitMetByName: exitMetBy.name,
      version: implementationPhases.version,
      updatedAt: implementationPhases.updatedAt,
    })
    .from(implementationPhases)
    .leftJoin(exitMetBy, eq(exitMetBy.id, implementationPhases.exitMetById))
    .where(eq(implementationPhases.implementationId, impl.id));
  return {
    implementationId: impl.id,
    currentPhase: impl.phase,
    goLiveDate: impl.goLiveDate,
    // Every phase, in order; one not planned yet has version 0 and the guide's text as a suggestion.
    phases: phases.map((p) => {
      const row = rows.find((r) => r.phase === p);
      return {
        phase: p,
        planned: Boolean(row),
        plannedStart: row?.plannedStart ?? null,
        plannedEnd: row?.plannedEnd ?? null,
        successSignal: row?.successSignal ?? "",
        exitCriteria: row?.exitCriteria ?? "",
        exitMetAt: row?.exitMetAt ?? null,
        exitMetByName: row?.exitMetByName ?? null,
        version: row?.version ?? 0,
        suggested: phaseGuide[p],
      };
    }),
    canManage: can(viewer, "phase_plan.manage"),
  };
}

export type PhasePlan = Awaited<ReturnType<typeof getPhasePlan>>;

export async function getCutoverPlan(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  const impl = await implementationInScope(viewer, implementationId);
  const db = getDb();
  const [steps, people, items] = await Promise.all([
    db
      .select({
        id: cutoverSteps.id,
        key: cutoverSteps.key,
        title: cutoverSteps.title,
        detail: cutoverSteps.detail,
        ownerId: cutoverSteps.ownerId,
        ownerName: owner.name,
        ownerOrganizationName: ownerOrganization.name,
        dueAt: cutoverSteps.dueAt,
        doneAt: cutoverSteps.doneAt,
        doneByName: doneBy.name,
        version: cutoverSteps.version,
      })
      .from(cutoverSteps)
      .innerJoin(owner, eq(owner.id, cutoverSteps.ownerId))
      .innerJoin(ownerOrganization, eq(ownerOrganization.id, owner.organizationId))
      .leftJoin(doneBy, eq(doneBy.id, cutoverSteps.doneById))
      .where(eq(cutoverSteps.implementationId, impl.id))
      .orderBy(asc(cutoverSteps.dueAt), asc(cutoverSteps.title)),
    db
      .select({ id: users.id, name: users.name, organizationName: organizations.name })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(mayOwnOn(impl.customerOrganizationId))
      .orderBy(asc(organizations.name), asc(users.name)),
    db
      .select({ id: checklistItems.id, key: checklistItems.key, title: checklistItems.title, status: checklistItems.status, required: checklistItems.required })
      .from(checklistItems)
      .where(eq(checklistItems.implementationId, impl.id))
      .orderBy(asc(checklistItems.position)),
  ]);
  const manage = can(viewer, "cutover.manage");
  const mayComplete = (ownerId: string) => manage || (can(viewer, "cutover.complete_own") && ownerId === viewer.userId);
  const keys = new Set(steps.map((s) => s.key));
  return {
    implementationId: impl.id,
    goLiveDate: impl.goLiveDate,
    status: impl.status,
    steps: steps.map((s) => ({ ...s, canComplete: mayComplete(s.ownerId) })),
    people,
    // The items that let the gate require the rollback plan and the support hand-off, found on
    // this checklist (null when it has none).
    gateItems: cutoverGateItems.map((standard) => ({ standard, item: findStandardItem(items, standard) })),
    missingStandardSteps: cutoverStepDefaults.filter((d) => !keys.has(d.key)),
    canManage: manage,
    canAddItem: can(viewer, "checklist.edit_any"),
  };
}

export type CutoverPlan = Awaited<ReturnType<typeof getCutoverPlan>>;

export type TimelinePlan = {
  phases: { phase: Phase; plannedStart: string | null; plannedEnd: string | null; exitMetAt: Date | null }[];
  steps: { id: string; title: string; dueAt: Date; doneAt: Date | null; ownerName: string }[];
};

// The phase spans and cutover steps of the implementations a timeline page shows (at most one
// page of them), with the tenant condition in the SQL: ids outside the viewer's scope give nothing.
export async function getTimelinePlans(viewer: Viewer, implementationIds: string[]): Promise<Record<string, TimelinePlan>> {
  authorize(viewer, "implementation.read");
  const ids = [...new Set(implementationIds.filter(isUuid))].slice(0, 200);
  if (ids.length === 0) return {};
  const db = getDb();
  const inScope = and(inArray(implementations.id, ids), implementationScope(viewer));
  const [phaseRows, stepRows] = await Promise.all([
    db
      .select({
        implementationId: implementationPhases.implementationId,
        phase: implementationPhases.phase,
        plannedStart: implementationPhases.plannedStart,
        plannedEnd: implementationPhases.plannedEnd,
        exitMetAt: implementationPhases.exitMetAt,
      })
      .from(implementationPhases)
      .innerJoin(implementations, eq(implementations.id, implementationPhases.implementationId))
      .where(inScope),
    db
      .select({
        implementationId: cutoverSteps.implementationId,
        id: cutoverSteps.id,
        title: cutoverSteps.title,
        dueAt: cutoverSteps.dueAt,
        doneAt: cutoverSteps.doneAt,
        ownerName: owner.name,
      })
      .from(cutoverSteps)
      .innerJoin(implementations, eq(implementations.id, cutoverSteps.implementationId))
      .innerJoin(owner, eq(owner.id, cutoverSteps.ownerId))
      .where(inScope),
  ]);
  const out: Record<string, TimelinePlan> = {};
  const plan = (id: string) => (out[id] ??= { phases: [], steps: [] });
  for (const { implementationId, ...row } of phaseRows) plan(implementationId).phases.push(row);
  for (const { implementationId, ...row } of stepRows) plan(implementationId).steps.push(row);
  for (const p of Object.values(out)) {
    p.phases.sort((a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase));
    p.steps = orderSteps(p.steps);
  }
  return out;
}

// ---- Writes on the phase plan.

export async function savePhase(viewer: Viewer, input: SavePhaseInput, requestId?: string) {
  authorize(viewer, "phase_plan.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const existing = await phaseRow(tx, impl.id, input.phase);
    if ((existing?.version ?? 0) !== input.version) await phaseConflict(tx, impl.id, input.phase);
    const fields = {
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      successSignal: input.successSignal,
      exitCriteria: input.exitCriteria,
    };
    const now = new Date();
    if (!existing) {
      const inserted = await tx
        .insert(implementationPhases)
        .values({ implementationId: impl.id, phase: input.phase, ...fields, updatedById: viewer.userId, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: implementationPhases.id });
      // Planned by someone else a moment ago: the unique index decides.
      const row = inserted[0] ?? (await phaseConflict(tx, impl.id, input.phase));
      return {
        implementationId: impl.id,
        result: { implementationId: impl.id },
        audit: { action: "phase.planned", entityType: "implementation_phase", entityId: row.id, after: { phase: input.phase, ...fields } },
      };
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
      if (existing[key] !== fields[key]) {
        before[key] = existing[key];
        after[key] = fields[key];
      }
    }
    if (Object.keys(after).length === 0) return unchanged({ implementationId: impl.id });
    await tx
      .update(implementationPhases)
      .set({ ...fields, version: existing.version + 1, updatedById: viewer.userId, updatedAt: now })
      .where(and(eq(implementationPhases.id, existing.id), eq(implementationPhases.version, existing.version)));
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id },
      audit: { action: "phase.updated", entityType: "implementation_phase", entityId: existing.id, before: { phase: input.phase, ...before }, after: { phase: input.phase, ...after } },
    };
  });
}

// A manager says the phase's exit criteria are met (or, found wanting, not met after all).
export async function setPhaseExit(viewer: Viewer, input: SetPhaseExitInput, requestId?: string) {
  authorize(viewer, "phase_plan.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const existing = await phaseRow(tx, impl.id, input.phase);
    if (!existing || existing.version !== input.version) return phaseConflict(tx, impl.id, input.phase);
    const row = existing;
    const met = input.exit === "met";
    if (met === (row.exitMetAt !== null)) return unchanged({ implementationId: impl.id });
    if (met && row.exitCriteria.trim() === "") {
      throw invalid("Write this phase's exit criteria before saying they are met.", { exit: ["This phase has no exit criteria yet."] });
    }
    const now = new Date();
    await tx
      .update(implementationPhases)
      .set({ exitMetAt: met ? now : null, exitMetById: met ? viewer.userId : null, version: row.version + 1, updatedById: viewer.userId, updatedAt: now })
      .where(and(eq(implementationPhases.id, row.id), eq(implementationPhases.version, row.version)));
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id },
      audit: {
        action: met ? "phase.exit_met" : "phase.exit_reopened",
        entityType: "implementation_phase",
        entityId: row.id,
        before: { phase: input.phase, exitMetAt: row.exitMetAt?.toISOString() ?? null },
        after: { phase: input.phase, exitCriteria: row.exitCriteria, exitMetAt: met ? now.toISOString() : null },
      },
    };
  });
}

async function phaseRow(tx: Transaction, implementationId: string, phase: Phase) {
  const [row] = await tx
    .select()
    .from(implementationPhases)
    .where(and(eq(implementationPhases.implementationId, implementationId), eq(implementationPhases.phase, phase)))
    .for("update");
  return row;
}

async function phaseConflict(tx: Transaction, implementationId: string, phase: Phase): Promise<never> {
  const [latest] = await tx
    .select({ name: users.name, at: implementationPhases.updatedAt })
    .from(implementationPhases)
    .leftJoin(users, eq(users.id, implementationPhases.updatedById))
    .where(and(eq(implementationPhases.implementationId, implementationId), eq(implementationPhases.phase, phase)));
  if (!latest) throw conflict("This phase is not planned yet. Reload the page, then save its plan first.");
  throw conflict(`${latest.name ?? "Someone"} changed this phase at ${formatUtc(latest.at)}, after you opened the page. Reload to see their change, then apply yours again.`);
}

// ---- Writes on the cutover plan.

async function checkOwner(tx: Transaction, ownerId: string, customerOrganizationId: string): Promise<void> {
  const [candidate] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.id, ownerId), mayOwnOn(customerOrganizationId)));
  if (!candidate) throw invalid("Check the highlighted fields.", { ownerId: ["Choose a person who works on this implementation."] });
}

async function lockStep(tx: Transaction, viewer: Viewer, stepId: string) {
  if (!isUuid(stepId)) throw notFound("Cutover step");
  const [row] = await tx
    .select({ step: cutoverSteps, customerOrganizationId: implementations.customerOrganizationId })
    .from(cutoverSteps)
    .innerJoin(implementations, eq(implementations.id, cutoverSteps.implementationId))
    .where(and(eq(cutoverSteps.id, stepId), implementationScope(viewer)))
    .for("update", { of: cutoverSteps });
  if (!row) throw notFound("Cutover step");
  return row;
}

async function stepConflict(tx: Transaction, stepId: string): Promise<never> {
  const [latest] = await tx
    .select({ name: users.name, at: cutoverSteps.updatedAt })
    .from(cutoverSteps)
    .leftJoin(users, eq(users.id, cutoverSteps.updatedById))
    .where(eq(cutoverSteps.id, stepId));
  throw conflict(
    `${latest?.name ?? "Someone"} changed this step at ${latest ? formatUtc(latest.at) : "just now"}, after you opened the page. Reload to see their change, then apply yours again.`,
  );
}

const stepAudit = (s: { title: string; detail: string; ownerId: string; dueAt: Date }) => ({
  title: s.title,
  detail: s.detail,
  ownerId: s.ownerId,
  dueAt: s.dueAt.toISOString(),
});

export async function addCutoverStep(viewer: Viewer, input: AddCutoverStepInput, requestId?: string) {
  authorize(viewer, "cutover.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    await checkOwner(tx, input.ownerId, impl.customerOrganizationId);
    const row = one(
      await tx
        .insert(cutoverSteps)
        .values({
          implementationId: impl.id,
          title: input.title,
          detail: input.detail,
          ownerId: input.ownerId,
          dueAt: input.dueAt,
          createdById: viewer.userId,
          updatedById: viewer.userId,
        })
        .returning({ id: cutoverSteps.id }),
    );
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, stepId: row.id },
      audit: { action: "cutover_step.added", entityType: "cutover_step", entityId: row.id, after: stepAudit(input) },
    };
  });
}

// The standard steps the plan does not have yet, dated from go-live and given to the person each
// usually falls to (the manager when there is nobody in that place).
export async function addStandardCutoverSteps(viewer: Viewer, input: AddStandardCutoverStepsInput, requestId?: string) {
  authorize(viewer, "cutover.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    if (!impl.goLiveDate) throw invalid("Set a go-live date first: the standard steps are dated from it.");
    const goLiveDate = impl.goLiveDate;
    const present = new Set(
      (await tx.select({ key: cutoverSteps.key }).from(cutoverSteps).where(eq(cutoverSteps.implementationId, impl.id))).map((r) => r.key),
    );
    const missing = cutoverStepDefaults.filter((d) => !present.has(d.key));
    if (missing.length === 0) return unchanged({ implementationId: impl.id, added: 0 });

    const candidates = await tx
      .select({ id: users.id, role: users.role, organizationId: users.organizationId, name: users.name })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(mayOwnOn(impl.customerOrganizationId))
      .orderBy(asc(users.name));
    const available = (id: string | null) => (id && candidates.some((c) => c.id === id) ? id : null);
    const manager = available(impl.implementationManagerId) ?? viewer.userId;
    const owners: Record<StepOwnerHint, string> = {
      manager,
      engineer: available(impl.engineeringOwnerId) ?? manager,
      customer: candidates.find((c) => c.organizationId === impl.customerOrganizationId && c.role === "customer_it")?.id ?? manager,
    };
    const rows = await tx
      .insert(cutoverSteps)
      .values(
        missing.map((d) => ({
          implementationId: impl.id,
          key: d.key,
          title: d.title,
          detail: d.detail,
          ownerId: owners[d.owner],
          dueAt: defaultStepDueAt(goLiveDate, d),
          createdById: viewer.userId,
          updatedById: viewer.userId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: cutoverSteps.id, title: cutoverSteps.title, ownerId: cutoverSteps.ownerId, dueAt: cutoverSteps.dueAt, detail: cutoverSteps.detail });
    if (rows.length === 0) return unchanged({ implementationId: impl.id, added: 0 });
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, added: rows.length },
      audit: rows.map((r) => ({ action: "cutover_step.added", entityType: "cutover_step", entityId: r.id, after: { ...stepAudit(r), standard: true } })),
    };
  });
}

export async function updateCutoverStep(viewer: Viewer, input: UpdateCutoverStepInput, requestId?: string) {
  authorize(viewer, "cutover.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { step, customerOrganizationId } = await lockStep(tx, viewer, input.stepId);
    if (step.version !== input.version) await stepConflict(tx, step.id);
    if (input.ownerId !== step.ownerId) await checkOwner(tx, input.ownerId, customerOrganizationId);
    const before = stepAudit(step);
    const after = stepAudit(input);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return unchanged({ implementationId: step.implementationId, stepId: step.id });
    await tx
      .update(cutoverSteps)
      .set({ title: input.title, detail: input.detail, ownerId: input.ownerId, dueAt: input.dueAt, version: step.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
      .where(and(eq(cutoverSteps.id, step.id), eq(cutoverSteps.version, step.version)));
    return {
      implementationId: step.implementationId,
      result: { implementationId: step.implementationId, stepId: step.id },
      audit: {
        action: "cutover_step.updated",
        entityType: "cutover_step",
        entityId: step.id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: { title: input.title, ...Object.fromEntries(changed.map((k) => [k, after[k]])) },
      },
    };
  });
}

// Done (by whom, when) or, marked by mistake, not done. The manager may mark any step; anyone
// else only a step they own.
export async function setCutoverStepDone(viewer: Viewer, input: SetCutoverStepDoneInput, requestId?: string) {
  authorize(viewer, "cutover.complete_own");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { step } = await lockStep(tx, viewer, input.stepId);
    if (!can(viewer, "cutover.manage") && step.ownerId !== viewer.userId) throw forbidden();
    if (step.version !== input.version) await stepConflict(tx, step.id);
    const done = input.done === "done";
    if (done === (step.doneAt !== null)) return unchanged({ implementationId: step.implementationId, stepId: step.id });
    const now = new Date();
    await tx
      .update(cutoverSteps)
      .set({ doneAt: done ? now : null, doneById: done ? viewer.userId : null, version: step.version + 1, updatedById: viewer.userId, updatedAt: now })
      .where(and(eq(cutoverSteps.id, step.id), eq(cutoverSteps.version, step.version)));
    return {
      implementationId: step.implementationId,
      result: { implementationId: step.implementationId, stepId: step.id },
      audit: {
        action: done ? "cutover_step.done" : "cutover_step.reopened",
        entityType: "cutover_step",
        entityId: step.id,
        before: { doneAt: step.doneAt?.toISOString() ?? null },
        after: { title: step.title, dueAt: step.dueAt.toISOString(), doneAt: done ? now.toISOString() : null },
      },
    };
  });
}

export async function removeCutoverStep(viewer: Viewer, input: RemoveCutoverStepInput, requestId?: string) {
  authorize(viewer, "cutover.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { step } = await lockStep(tx, viewer, input.stepId);
    if (step.version !== input.version) await stepConflict(tx, step.id);
    await tx.delete(cutoverSteps).where(eq(cutoverSteps.id, step.id));
    return {
      implementationId: step.implementationId,
      result: { implementationId: step.implementationId },
      audit: {
        action: "cutover_step.removed",
        entityType: "cutover_step",
        entityId: step.id,
        before: { ...stepAudit(step), doneAt: step.doneAt?.toISOString() ?? null },
      },
    };
  });
}
