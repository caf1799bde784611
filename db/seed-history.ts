import { asc, eq, inArray } from "drizzle-orm";
import type { AuditEntry } from "@/lib/dal/audit";
import type { Transaction } from "./index";
import * as s from "./schema";

// The demo's past. The seed writes its synthetic rows directly; this gives them the audit trail
// the product itself would have written had people done the same work over the past weeks, so the
// activity tab, each item's history and anything charted over time show a believable past on first
// start. Every event is derived from the rows as stored (who, when, what), dated at the row's own
// time, with the columns recordAudit fills for a live event (in one insert: the seed runs in
// every test database). Runs once, when the seed creates the demo (the audit trail is
// append-only, so a second run must not add to it).

const HOUR = 60 * 60 * 1000;
const at = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);

type Actor = { userId: string; role: (typeof s.roles)[number]; organizationId: string };

export async function seedHistory(tx: Transaction, implementationIds: string[]): Promise<number> {
  const people = new Map<string, Actor>(
    (await tx.select({ userId: s.users.id, role: s.users.role, organizationId: s.users.organizationId }).from(s.users)).map((u) => [u.userId, u]),
  );
  const actor = (id: string | null | undefined) => (id ? (people.get(id) ?? null) : null);
  const events: { when: Date; by: Actor | null; entry: AuditEntry }[] = [];

  const impls = await tx.select().from(s.implementations).where(inArray(s.implementations.id, implementationIds));
  for (const impl of impls) {
    const started = impl.createdAt;
    const [items, evidenceRows, signOffRows, changes, requirements, checks, patients, scenarios, envs, phasePlan, steps] = await Promise.all([
      tx.select().from(s.checklistItems).where(eq(s.checklistItems.implementationId, impl.id)).orderBy(asc(s.checklistItems.position)),
      tx.select().from(s.evidence).where(eq(s.evidence.implementationId, impl.id)),
      tx.select().from(s.signOffs).where(eq(s.signOffs.implementationId, impl.id)),
      tx.select().from(s.configurationChanges).where(eq(s.configurationChanges.implementationId, impl.id)),
      tx.select().from(s.permissionRequirements).where(eq(s.permissionRequirements.implementationId, impl.id)),
      tx.select().from(s.permissionChecks).where(eq(s.permissionChecks.implementationId, impl.id)),
      tx.select().from(s.testPatients).where(eq(s.testPatients.implementationId, impl.id)),
      tx.select().from(s.testPatientScenarios).where(eq(s.testPatientScenarios.implementationId, impl.id)),
      tx.select().from(s.environments).where(eq(s.environments.implementationId, impl.id)),
      tx.select().from(s.implementationPhases).where(eq(s.implementationPhases.implementationId, impl.id)),
      tx.select().from(s.cutoverSteps).where(eq(s.cutoverSteps.implementationId, impl.id)),
    ]);
    const envKind = new Map(envs.map((e) => [e.id, e.kind]));
    const manager = actor(impl.implementationManagerId);

    events.push({
      when: started,
      by: manager,
      entry: {
        action: "implementation.created",
        entityType: "implementation",
        entityId: impl.id,
        implementationId: impl.id,
        after: { name: impl.name, ehrVendor: impl.ehrVendor, workflows: impl.workflows, interfaces: impl.interfaces, phase: impl.phase, goLiveDate: impl.goLiveDate, items: items.length },
      },
    });

    for (const item of items) {
      const itemEvidence = evidenceRows.filter((e) => e.checklistItemId === item.id);
      const itemSignOffs = signOffRows.filter((o) => o.checklistItemId === item.id);
      for (const e of itemEvidence) {
        events.push({
          when: at(e.observedAt, 0.25),
          by: actor(e.recordedById),
          entry: {
            action: "evidence.recorded",
            entityType: "evidence",
            entityId: e.id,
            implementationId: impl.id,
            after: { itemId: item.id, environment: envKind.get(e.environmentId), kind: e.kind, outcome: e.outcome, whatWasTested: e.whatWasTested, observedAt: e.observedAt.toISOString(), linkUrl: e.linkUrl },
          },
        });
      }
      // The owner's edit that took the item where it stands: after its evidence, before its signatures.
      if (item.status !== "not_started") {
        const lastEvidence = Math.max(started.getTime() + 24 * HOUR, ...itemEvidence.map((e) => e.observedAt.getTime() + HOUR));
        const firstSignature = Math.min(...itemSignOffs.map((o) => o.signedAt.getTime() - HOUR), Number.POSITIVE_INFINITY);
        const when = new Date(Math.min(lastEvidence, firstSignature));
        const status = item.status === "signed_off" ? "ready_for_signoff" : item.status === "blocked" ? "in_progress" : item.status;
        events.push({
          when,
          by: actor(item.ownerId) ?? manager,
          entry: {
            action: "checklist_item.updated",
            entityType: "checklist_item",
            entityId: item.id,
            implementationId: impl.id,
            before: { ownerId: null, status: "not_started" },
            after: {
              ownerId: item.ownerId,
              status,
              ...(item.nextStep ? { nextStep: item.nextStep } : {}),
              ...(item.whatWasTested ? { whatWasTested: item.whatWasTested } : {}),
              ...(item.whatNeedsProof ? { whatNeedsProof: item.whatNeedsProof } : {}),
              ...(item.dueDate ? { dueDate: item.dueDate } : {}),
            },
          },
        });
      }
      if (item.status === "blocked" && item.blockedSince) {
        events.push({
          when: at(new Date(`${item.blockedSince}T09:00:00Z`), 0),
          by: actor(item.blockedById),
          entry: {
            action: "checklist_item.blocked",
            entityType: "checklist_item",
            entityId: item.id,
            implementationId: impl.id,
            before: { status: "in_progress" },
            after: { status: "blocked", reason: item.blockerReason, severity: item.blockerSeverity, ticketUrl: item.blockerTicketUrl, since: item.blockedSince },
          },
        });
      }
      for (const o of itemSignOffs) {
        events.push({
          when: o.signedAt,
          by: actor(o.signerId),
          entry: {
            action: o.decision === "approve" ? "sign_off.approved" : "sign_off.rejected",
            entityType: "sign_off",
            entityId: o.id,
            implementationId: impl.id,
            before: { itemStatus: "ready_for_signoff" },
            after: {
              itemId: item.id,
              itemTitle: item.title,
              role: o.signerRole,
              decision: o.decision,
              meaning: o.meaning,
              comment: o.comment,
              itemVersion: o.itemVersion,
              snapshotSha256: o.snapshotSha256,
              itemStatus: item.status,
            },
          },
        });
      }
    }

    for (const c of changes) {
      events.push({
        when: c.changedAt,
        by: actor(c.recordedById),
        entry: {
          action: "configuration_change.recorded",
          entityType: "configuration_change",
          entityId: c.id,
          implementationId: impl.id,
          after: { environment: c.environmentId ? envKind.get(c.environmentId) : "all", changedAt: c.changedAt.toISOString(), note: c.note },
        },
      });
    }

    for (const r of requirements) {
      events.push({
        when: at(started, 2),
        by: manager,
        entry: { action: "permission_requirement.added", entityType: "permission_requirement", entityId: r.id, implementationId: impl.id, after: { interface: r.interface, permission: r.permission, required: r.required } },
      });
    }
    for (const c of checks) {
      if (!c.checkedAt) continue;
      const requirement = requirements.find((r) => r.id === c.requirementId);
      events.push({
        when: c.checkedAt,
        by: actor(c.checkedById),
        entry: {
          action: "permission_check.recorded",
          entityType: "permission_check",
          entityId: c.id,
          implementationId: impl.id,
          before: { result: "unverified" },
          after: { permission: requirement?.permission, environment: envKind.get(c.environmentId), result: c.result, note: c.note },
        },
      });
    }
    for (const p of patients) {
      events.push({
        when: at(started, 3),
        by: manager,
        entry: { action: "test_patient.added", entityType: "test_patient", entityId: p.id, implementationId: impl.id, after: { label: p.label, testIdentifier: p.testIdentifier, environment: envKind.get(p.environmentId) } },
      });
    }
    for (const sc of scenarios) {
      if (!sc.validatedAt) continue;
      events.push({
        when: sc.validatedAt,
        by: actor(sc.validatedById),
        entry: {
          action: "test_patient_scenario.recorded",
          entityType: "test_patient_scenario",
          entityId: sc.id,
          implementationId: impl.id,
          before: { result: "not_run" },
          after: { scenario: sc.scenario, result: sc.result, observedOutcome: sc.observedOutcome },
        },
      });
    }

    // The phase plan and the cutover plan (db/seed.ts, seedPlans): planned when the rows say, met
    // and done by whom and when they say.
    for (const p of phasePlan) {
      events.push({
        when: p.createdAt,
        by: actor(p.updatedById) ?? manager,
        entry: {
          action: "phase.planned",
          entityType: "implementation_phase",
          entityId: p.id,
          implementationId: impl.id,
          after: { phase: p.phase, plannedStart: p.plannedStart, plannedEnd: p.plannedEnd, successSignal: p.successSignal, exitCriteria: p.exitCriteria },
        },
      });
      if (p.exitMetAt) {
        events.push({
          when: p.exitMetAt,
          by: actor(p.exitMetById),
          entry: {
            action: "phase.exit_met",
            entityType: "implementation_phase",
            entityId: p.id,
            implementationId: impl.id,
            before: { phase: p.phase, exitMetAt: null },
            after: { phase: p.phase, exitCriteria: p.exitCriteria, exitMetAt: p.exitMetAt.toISOString() },
          },
        });
      }
    }
    for (const step of steps) {
      events.push({
        when: step.createdAt,
        by: actor(step.createdById) ?? manager,
        entry: {
          action: "cutover_step.added",
          entityType: "cutover_step",
          entityId: step.id,
          implementationId: impl.id,
          after: { title: step.title, detail: step.detail, ownerId: step.ownerId, dueAt: step.dueAt.toISOString(), standard: step.key !== null },
        },
      });
      if (step.doneAt) {
        events.push({
          when: step.doneAt,
          by: actor(step.doneById),
          entry: {
            action: "cutover_step.done",
            entityType: "cutover_step",
            entityId: step.id,
            implementationId: impl.id,
            before: { doneAt: null },
            after: { title: step.title, dueAt: step.dueAt.toISOString(), doneAt: step.doneAt.toISOString() },
          },
        });
      }
    }
  }

  // Oldest first, so the trail's ids run in the order things happened.
  events.sort((a, b) => a.when.getTime() - b.when.getTime());
  if (events.length === 0) return 0;
  await tx.insert(s.auditEvents).values(
    events.map(({ when, by, entry }) => ({
      occurredAt: when,
      actorId: by?.userId ?? null,
      actorRole: by?.role ?? null,
      actorOrganizationId: by?.organizationId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      implementationId: entry.implementationId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: null,
    })),
  );
  return events.length;
}
