import "server-only";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import {
  checklistItems,
  configurationChanges,
  environments,
  evidence,
  implementations,
  itemStatuses,
  organizations,
  permissionChecks,
  permissionRequirements,
  users,
  type ItemStatus,
} from "@/db/schema";
import type { Viewer } from "@/lib/viewer";
import type { BlockerSeverity, EnvironmentKind, ItemCategory, Role } from "@/lib/vocabulary";
import { notFound } from "./errors";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";

// Implementations as the portfolio and the implementation page show them. Every query carries
// the viewer's tenant condition in SQL; nothing is filtered after the fact.

const manager = alias(users, "manager");
const engineeringOwner = alias(users, "engineering_owner");

function itemCountsSubquery() {
  // One aggregate per implementation: totals, readiness and a count per status as JSON.
  const byStatus = sql.join(
    itemStatuses.map((status) => sql`${status}::text, count(*) filter (where ${checklistItems.status} = ${status})`),
    sql`, `,
  );
  return getDb()
    .select({
      implementationId: checklistItems.implementationId,
      total: sql<number>`count(*)::int`.as("n_total"),
      required: sql<number>`(count(*) filter (where ${checklistItems.required}))::int`.as("n_required"),
      requiredDone: sql<number>`(count(*) filter (where ${checklistItems.required} and ${checklistItems.status} in ('signed_off', 'waived')))::int`.as(
        "n_required_done",
      ),
      goLiveBlockers: sql<number>`(count(*) filter (where ${checklistItems.status} = 'blocked' and ${checklistItems.blockerSeverity} = 'go_live'))::int`.as(
        "n_go_live_blockers",
      ),
      byStatus: sql<Partial<Record<ItemStatus, number>>>`jsonb_build_object(${byStatus})`.as("by_status"),
    })
    .from(checklistItems)
    .groupBy(checklistItems.implementationId)
    .as("item_counts");
}

// Stale evidence per implementation, counting only the latest evidence of each kind for each
// item and environment (older evidence that was since repeated is history, not a gap). The
// same rule as evidenceStaleness() in lib/readiness.ts, in SQL so the portfolio is one query.
// Shaped for a large portfolio: the latest observation is a grouped max (a hash aggregate, no
// sort of every evidence row), and "a configuration change after it" is a comparison with the
// last change per implementation and environment (joined once), not a lookup per evidence row.
function staleEvidenceSubquery() {
  const db = getDb();
  const latest = db
    .select({
      implementationId: evidence.implementationId,
      environmentId: evidence.environmentId,
      observedAt: sql<Date>`max(${evidence.observedAt})`.as("latest_observed_at"),
    })
    .from(evidence)
    .groupBy(evidence.checklistItemId, evidence.environmentId, evidence.kind, evidence.implementationId)
    .as("latest_evidence");
  const lastChangeHere = db
    .select({
      implementationId: configurationChanges.implementationId,
      environmentId: configurationChanges.environmentId,
      changedAt: sql<Date>`max(${configurationChanges.changedAt})`.as("last_changed_at"),
    })
    .from(configurationChanges)
    .where(isNotNull(configurationChanges.environmentId))
    .groupBy(configurationChanges.implementationId, configurationChanges.environmentId)
    .as("last_change_here");
  // A change with no environment touched every environment.
  const lastChangeAll = db
    .select({
      implementationId: configurationChanges.implementationId,
      changedAt: sql<Date>`max(${configurationChanges.changedAt})`.as("last_changed_everywhere_at"),
    })
    .from(configurationChanges)
    .where(isNull(configurationChanges.environmentId))
    .groupBy(configurationChanges.implementationId)
    .as("last_change_all");
  const stale = sql`${latest.observedAt} < now() - make_interval(days => ${implementations.freshnessWindowDays})
    or ${latest.observedAt} < ${lastChangeHere.changedAt}
    or ${latest.observedAt} < ${lastChangeAll.changedAt}`;
  return db
    .select({
      implementationId: latest.implementationId,
      stale: sql<number>`(count(*) filter (where ${stale}))::int`.as("n_stale"),
    })
    .from(latest)
    .innerJoin(implementations, eq(implementations.id, latest.implementationId))
    .leftJoin(
      lastChangeHere,
      and(eq(lastChangeHere.implementationId, latest.implementationId), eq(lastChangeHere.environmentId, latest.environmentId)),
    )
    .leftJoin(lastChangeAll, eq(lastChangeAll.implementationId, latest.implementationId))
    .groupBy(latest.implementationId)
    .as("stale_counts");
}

// Permission rows granted in sandbox or test but not in production: the same rule as rowDrift()
// in lib/registers/drift.ts, in SQL so the portfolio stays one query.
function permissionDriftSubquery() {
  const grantedIn = (kinds: string[]) => sql`exists (
    select 1 from ${permissionChecks} inner join ${environments} on ${environments.id} = ${permissionChecks.environmentId}
    where ${permissionChecks.requirementId} = ${permissionRequirements.id}
      and ${permissionChecks.result} = 'granted'
      and ${environments.kind} in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}))`;
  return getDb()
    .select({
      implementationId: permissionRequirements.implementationId,
      drift: sql<number>`(count(*) filter (where ${grantedIn(["sandbox", "test"])} and not ${grantedIn(["production"])}))::int`.as("n_drift"),
    })
    .from(permissionRequirements)
    .groupBy(permissionRequirements.implementationId)
    .as("drift_counts");
}

export type PortfolioRow = {
  id: string;
  name: string;
  customerName: string;
  ehrVendor: (typeof implementations.$inferSelect)["ehrVendor"];
  phase: (typeof implementations.$inferSelect)["phase"];
  status: (typeof implementations.$inferSelect)["status"];
  goLiveDate: string | null;
  customerId: string;
  managerName: string | null;
  staleEvidence: number;
  // Permission rows that work in sandbox or test but are not granted in production.
  permissionDrift: number;
  items: {
    total: number;
    required: number;
    requiredDone: number;
    goLiveBlockers: number;
    byStatus: Record<ItemStatus, number>;
  };
};

export async function listPortfolio(viewer: Viewer): Promise<PortfolioRow[]> {
  authorize(viewer, "implementation.read");
  const counts = itemCountsSubquery();
  const stale = staleEvidenceSubquery();
  const drift = permissionDriftSubquery();
  const rows = await getDb()
    .select({
      id: implementations.id,
      name: implementations.name,
      customerId: organizations.id,
      customerName: organizations.name,
      ehrVendor: implementations.ehrVendor,
      phase: implementations.phase,
      status: implementations.status,
      goLiveDate: implementations.goLiveDate,
      managerName: manager.name,
      total: counts.total,
      required: counts.required,
      requiredDone: counts.requiredDone,
      goLiveBlockers: counts.goLiveBlockers,
      byStatus: counts.byStatus,
      staleEvidence: stale.stale,
      permissionDrift: drift.drift,
    })
    .from(implementations)
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .leftJoin(manager, eq(manager.id, implementations.implementationManagerId))
    .leftJoin(counts, eq(counts.implementationId, implementations.id))
    .leftJoin(stale, eq(stale.implementationId, implementations.id))
    .leftJoin(drift, eq(drift.implementationId, implementations.id))
    .where(implementationScope(viewer))
    .orderBy(sql`${implementations.goLiveDate} asc nulls last`, asc(implementations.name));

  return rows.map(({ total, required, requiredDone, goLiveBlockers, byStatus, staleEvidence, permissionDrift, ...row }) => ({
    ...row,
    staleEvidence: staleEvidence ?? 0,
    permissionDrift: permissionDrift ?? 0,
    items: {
      total: total ?? 0,
      required: required ?? 0,
      requiredDone: requiredDone ?? 0,
      goLiveBlockers: goLiveBlockers ?? 0,
      byStatus: Object.fromEntries(itemStatuses.map((st) => [st, Number(byStatus?.[st] ?? 0)])) as Record<ItemStatus, number>,
    },
  }));
}

export type ImplementationDetail = Awaited<ReturnType<typeof getImplementation>>;

// The implementation page: header, environments, checklist and configuration changes, read in
// one statement (the page's statement count must not grow with the portfolio).
export async function getImplementation(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const [row] = await getDb()
    .select({
      id: implementations.id,
      name: implementations.name,
      customerName: organizations.name,
      ehrVendor: implementations.ehrVendor,
      workflows: implementations.workflows,
      interfaces: implementations.interfaces,
      phase: implementations.phase,
      status: implementations.status,
      goLiveDate: implementations.goLiveDate,
      freshnessWindowDays: implementations.freshnessWindowDays,
      managerName: manager.name,
      engineeringOwnerName: engineeringOwner.name,
      version: implementations.version,
      updatedAt: implementations.updatedAt,
      environments: sql<{ id: string; kind: EnvironmentKind; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'name', e.name)
          order by array_position(array['sandbox','test','production']::environment_kind[], e.kind))
        from environments e where e.implementation_id = "implementations"."id"
      ), '[]'::json)`,
      items: sql<ChecklistRow[]>`coalesce((
        select json_agg(json_build_object(
          'id', ci.id, 'title', ci.title, 'category', ci.category, 'required', ci.required, 'status', ci.status,
          'ownerName', ou.name, 'nextStep', ci.next_step, 'expectedOutcome', ci.expected_outcome, 'dueDate', ci.due_date,
          'requiredSignOffRoles', ci.required_sign_off_roles, 'needsOperationalValidation', ci.needs_operational_validation,
          'blockerReason', ci.blocker_reason, 'blockerSeverity', ci.blocker_severity, 'blockedSince', ci.blocked_since,
          'version', ci.version
        ) order by ci.position)
        from checklist_items ci left join users ou on ou.id = ci.owner_id
        where ci.implementation_id = "implementations"."id"
      ), '[]'::json)`,
      configurationChanges: sql<{ id: string; environmentKind: EnvironmentKind | null; changedAt: string; note: string; recordedByName: string }[]>`coalesce((
        select json_agg(json_build_object(
          'id', c.id, 'environmentKind', ce.kind, 'changedAt', c.changed_at, 'note', c.note, 'recordedByName', ru.name
        ) order by c.changed_at desc)
        from configuration_changes c
        left join environments ce on ce.id = c.environment_id
        join users ru on ru.id = c.recorded_by_id
        where c.implementation_id = "implementations"."id"
      ), '[]'::json)`,
    })
    .from(implementations)
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .leftJoin(manager, eq(manager.id, implementations.implementationManagerId))
    .leftJoin(engineeringOwner, eq(engineeringOwner.id, implementations.engineeringOwnerId))
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!row) throw notFound("Implementation");

  return {
    ...row,
    configurationChanges: row.configurationChanges.map((c) => ({ ...c, changedAt: new Date(c.changedAt) })),
    canRecordConfigurationChange: can(viewer, "configuration_change.record"),
    canAddItem: can(viewer, "checklist.edit_any"),
  };
}

type ChecklistRow = {
  id: string;
  title: string;
  category: ItemCategory;
  required: boolean;
  status: ItemStatus;
  ownerName: string | null;
  nextStep: string;
  expectedOutcome: string;
  dueDate: string | null;
  requiredSignOffRoles: Role[];
  needsOperationalValidation: boolean;
  blockerReason: string | null;
  blockerSeverity: BlockerSeverity | null;
  blockedSince: string | null;
  version: number;
};

export type ImplementationSummary = Awaited<ReturnType<typeof getImplementationSummary>>;

// The header every section of an implementation shows: who, which EHR, status and go-live,
// and its environments. Answers the same "not found" as getImplementation.
export async function getImplementationSummary(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const db = getDb();
  const [header] = await db
    .select({
      id: implementations.id,
      name: implementations.name,
      customerName: organizations.name,
      ehrVendor: implementations.ehrVendor,
      workflows: implementations.workflows,
      phase: implementations.phase,
      status: implementations.status,
      goLiveDate: implementations.goLiveDate,
      freshnessWindowDays: implementations.freshnessWindowDays,
      version: implementations.version,
    })
    .from(implementations)
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!header) throw notFound("Implementation");
  const envs = await db
    .select({ id: environments.id, kind: environments.kind, name: environments.name })
    .from(environments)
    .where(eq(environments.implementationId, header.id))
    .orderBy(sql`array_position(array['sandbox','test','production']::environment_kind[], ${environments.kind})`);
  return { ...header, environments: envs };
}
