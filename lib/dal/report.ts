import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { checklistItems, implementations, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { BlockerSeverity, EnvironmentKind, ItemCategory, ItemStatus, PermissionResult, Role, ScenarioResult, Workflow } from "@/lib/domain/vocabulary";
import { notFound } from "./errors";
import { implementationHead, selectImplementations } from "./implementations";
import { authorize } from "./policy";
import { oneImplementationInScope } from "./tenant";

// The readiness report: everything a go-live meeting needs about one implementation, item by
// item, read in three statements. The gate itself comes from gate.ts.

const owner = alias(users, "owner");
const manager = alias(users, "manager");
const engineeringOwner = alias(users, "engineering_owner");

export type ReportEvidence = {
  id: string;
  kind: "technical" | "operational";
  environment: EnvironmentKind;
  whatWasTested: string;
  outcome: "pass" | "fail" | "inconclusive";
  observedAt: string;
  recordedBy: string;
  linkUrl: string | null;
};

export type ReportSignOff = {
  signerName: string;
  organization: string;
  role: Role;
  decision: "approve" | "reject";
  comment: string;
  signedAt: string;
  itemVersion: number;
  sha256: string;
};

export type ReportWaiver = { reason: string; approverName: string; expiresOn: string; grantedBy: string };

export async function getReadinessReport(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  const db = getDb();
  const [header] = await selectImplementations({ ...implementationHead, managerName: manager.name, engineeringOwnerName: engineeringOwner.name })
    .leftJoin(manager, eq(manager.id, implementations.implementationManagerId))
    .leftJoin(engineeringOwner, eq(engineeringOwner.id, implementations.engineeringOwnerId))
    .where(oneImplementationInScope(viewer, implementationId));
  if (!header) throw notFound("Implementation");

  const [items, registers] = await Promise.all([
    db
      .select({
        id: checklistItems.id,
        position: checklistItems.position,
        title: checklistItems.title,
        category: sql<ItemCategory>`${checklistItems.category}`,
        required: checklistItems.required,
        requiredSignOffRoles: checklistItems.requiredSignOffRoles,
        status: sql<ItemStatus>`${checklistItems.status}`,
        version: checklistItems.version,
        ownerName: owner.name,
        nextStep: checklistItems.nextStep,
        dueDate: checklistItems.dueDate,
        whatChanged: checklistItems.whatChanged,
        whatWasTested: checklistItems.whatWasTested,
        whatNeedsProof: checklistItems.whatNeedsProof,
        blockerReason: checklistItems.blockerReason,
        blockerSeverity: sql<BlockerSeverity | null>`${checklistItems.blockerSeverity}`,
        blockedSince: checklistItems.blockedSince,
        blockerTicketUrl: checklistItems.blockerTicketUrl,
        evidence: sql<ReportEvidence[]>`coalesce((
          select json_agg(json_build_object(
            'id', ev.id, 'kind', ev.kind, 'environment', en.kind, 'whatWasTested', ev.what_was_tested,
            'outcome', ev.outcome, 'observedAt', ev.observed_at, 'recordedBy', ru.name, 'linkUrl', ev.link_url
          ) order by en.kind, ev.observed_at desc)
          from evidence ev join environments en on en.id = ev.environment_id join users ru on ru.id = ev.recorded_by_id
          where ev.checklist_item_id = "checklist_items"."id"
        ), '[]'::json)`,
        signOffs: sql<ReportSignOff[]>`coalesce((
          select json_agg(json_build_object(
            'signerName', so.signer_name, 'organization', so.signer_organization_name, 'role', so.signer_role,
            'decision', so.decision, 'comment', so.comment, 'signedAt', so.signed_at, 'itemVersion', so.item_version,
            'sha256', so.snapshot_sha256
          ) order by so.signed_at desc)
          from sign_offs so where so.checklist_item_id = "checklist_items"."id"
        ), '[]'::json)`,
        waiver: sql<ReportWaiver | null>`(
          select json_build_object('reason', w.reason, 'approverName', w.approver_name, 'expiresOn', w.expires_on, 'grantedBy', gu.name)
          from waivers w join users gu on gu.id = w.granted_by_id
          where w.checklist_item_id = "checklist_items"."id" and w.revoked_at is null
        )`,
      })
      .from(checklistItems)
      .leftJoin(owner, eq(owner.id, checklistItems.ownerId))
      .where(eq(checklistItems.implementationId, header.id))
      .orderBy(asc(checklistItems.position)),
    db
      .select({
        permissions: sql<{ permission: string; interface: string; required: boolean; results: Partial<Record<EnvironmentKind, PermissionResult>> }[]>`coalesce((
          select json_agg(json_build_object(
            'permission', pr.permission, 'interface', pr.interface, 'required', pr.required,
            'results', (
              select coalesce(json_object_agg(pe.kind, pc.result), '{}'::json)
              from permission_checks pc join environments pe on pe.id = pc.environment_id
              where pc.requirement_id = pr.id
            )
          ) order by pr.interface, pr.permission)
          from permission_requirements pr where pr.implementation_id = "implementations"."id"
        ), '[]'::json)`,
        scenarios: sql<{ patientLabel: string; testIdentifier: string; environment: EnvironmentKind; workflowSurface: Workflow; scenario: string; result: ScenarioResult; validatedAt: string | null }[]>`coalesce((
          select json_agg(json_build_object(
            'patientLabel', tp.label, 'testIdentifier', tp.test_identifier, 'environment', te.kind,
            'workflowSurface', s.workflow_surface, 'scenario', s.scenario, 'result', s.result, 'validatedAt', s.validated_at
          ) order by te.kind, tp.label, s.scenario)
          from test_patient_scenarios s join test_patients tp on tp.id = s.test_patient_id join environments te on te.id = tp.environment_id
          where s.implementation_id = "implementations"."id"
        ), '[]'::json)`,
      })
      .from(implementations)
      .where(eq(implementations.id, header.id)),
  ]);

  return {
    ...header,
    items: items.map((i) => ({
      ...i,
      signOffs: i.signOffs.map((s) => ({ ...s, superseded: s.itemVersion < i.version })),
    })),
    permissions: registers[0]?.permissions ?? [],
    scenarios: registers[0]?.scenarios ?? [],
  };
}

export type ReadinessReport = Awaited<ReturnType<typeof getReadinessReport>>;
