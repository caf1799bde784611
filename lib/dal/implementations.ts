import "server-only";
import { and, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { alias, type SelectedFields } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { auditEvents, environments, implementations, itemStatuses, organizations, readinessSummaries, users, type ItemStatus } from "@/db/schema";
import { barStandings, type BarStanding } from "@/lib/domain/forecast";
import type { RiskLevel } from "@/lib/domain/readiness";
import type { Viewer } from "@/lib/domain/viewer";
import type { BlockerSeverity, EnvironmentKind, GateVerdict, ItemCategory, Role } from "@/lib/domain/vocabulary";
import { mondayOf, todayIso } from "@/lib/format/dates";
import { defaultChecklistView, type ChecklistView } from "@/lib/validation/checklist-view";
import { PORTFOLIO_PAGE_SIZE, parsePortfolioQuery, type PortfolioQuery } from "@/lib/validation/portfolio";
import { notFound } from "./errors";
import { refreshDueSummaries } from "./gate";
import { authorize, can } from "./policy";
import { implementationScope, oneImplementationInScope } from "./tenant";

// Implementations as the portfolio and the implementation page show them. Every query carries
// the viewer's tenant condition in SQL; nothing is filtered after the fact.

const manager = alias(users, "manager");
const engineeringOwner = alias(users, "engineering_owner");

// What every view of one implementation starts from: who, which EHR, what, where it stands.
export const implementationHead = {
  id: implementations.id,
  name: implementations.name,
  customerName: organizations.name,
  ehrVendor: implementations.ehrVendor,
  workflows: implementations.workflows,
  phase: implementations.phase,
  status: implementations.status,
  goLiveDate: implementations.goLiveDate,
  freshnessWindowDays: implementations.freshnessWindowDays,
};

// Implementations with their customer organization joined, for implementationHead's columns.
export function selectImplementations<T extends SelectedFields>(columns: T) {
  return getDb().select(columns).from(implementations).innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId));
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
  // Things recorded on it since Monday (audit events), read only when the list asks for them.
  changesSinceMonday: number | null;
  // The gate's verdict and its counts of reasons, as the implementation page shows them.
  verdict: GateVerdict;
  blockingReasons: number;
  riskReasons: number;
  // The forecast derived from the verdict and the time to go-live (lib/domain/readiness.ts goLiveRisk).
  risk: RiskLevel | "not_tracked";
  riskExplanation: string[];
  staleEvidence: number;
  // Permission rows that work in sandbox or test but are not granted in production.
  permissionDrift: number;
  productionUnverified: number;
  scenariosFailing: number;
  scenariosNotRun: number;
  // The forecast at the current pace: the day it would be ready, and whether after go-live.
  forecastReadyOn: string | null;
  projectedLate: boolean;
  // Open alerts of the silent-failure watch: post-live blockers once live, risks before.
  openHypercareAlerts: number;
  items: {
    total: number;
    required: number;
    requiredDone: number;
    goLiveBlockers: number;
    postLiveBlockers: number;
    byStatus: Record<ItemStatus, number>;
    requiredByStatus: Record<BarStanding, number>;
  };
};

export type PortfolioPage = {
  rows: PortfolioRow[];
  // Implementations the viewer may see, and those matching the filter.
  total: number;
  matching: number;
  page: number;
  pageCount: number;
  customers: { id: string; name: string }[];
};

// The audit events of an implementation the viewer may read in its activity trail since a
// moment: webhook settings are the vendor's operations, so customer IT do not count them
// (the same rule as lib/dal/activity.ts).
function changesSince(viewer: Viewer, since: string): SQL {
  const hidden = viewer.organizationKind === "vendor" ? sql`` : sql` and ${auditEvents.action} not like 'webhook.%'`;
  return sql`(select count(*) from ${auditEvents} where ${auditEvents.implementationId} = ${implementations.id} and ${auditEvents.occurredAt} >= ${since}::timestamptz${hidden})`;
}

// The URL's filter as SQL, so a page of 50 is read whatever the portfolio's size. Several
// values of one filter are alternatives (IN); different filters all apply (AND).
function portfolioFilter(viewer: Viewer, query: PortfolioQuery, today: string): SQL | undefined {
  const days = sql`(${implementations.goLiveDate} - ${today}::date)`;
  return and(
    query.customer.length > 0 ? inArray(implementations.customerOrganizationId, query.customer) : undefined,
    query.ehr.length > 0 ? inArray(implementations.ehrVendor, query.ehr) : undefined,
    query.phase.length > 0 ? inArray(implementations.phase, query.phase) : undefined,
    query.risk.length > 0 ? inArray(readinessSummaries.risk, query.risk) : undefined,
    query.verdict.length > 0 ? inArray(readinessSummaries.verdict, query.verdict) : undefined,
    query.mine ? or(eq(implementations.implementationManagerId, viewer.userId), eq(implementations.engineeringOwnerId, viewer.userId)) : undefined,
    query.changed === "this_week" ? sql`${changesSince(viewer, `${mondayOf(today)}T00:00:00Z`)} > 0` : undefined,
    query.forecast === "late" ? eq(readinessSummaries.projectedLate, true) : undefined,
    query.hypercare === "open" ? sql`${readinessSummaries.openHypercareAlerts} > 0` : undefined,
    query.window === "overdue"
      ? and(isNotNull(implementations.goLiveDate), sql`${days} < 0`, eq(implementations.status, "active"))
      : query.window
        ? and(isNotNull(implementations.goLiveDate), sql`${days} between 0 and ${Number(query.window)}`)
        : undefined,
  );
}

function portfolioOrder(query: PortfolioQuery): SQL[] {
  const dir = query.dir === "desc" ? sql`desc` : sql`asc`;
  const key = {
    go_live: sql`${implementations.goLiveDate} ${dir} nulls last`,
    readiness: sql`${readinessSummaries.readinessPercent} ${dir}`,
    risk: sql`(case ${readinessSummaries.risk} when 'late' then 0 when 'at_risk' then 1 when 'on_track' then 2 else 3 end) ${dir}`,
    verdict: sql`(case ${readinessSummaries.verdict} when 'no_go' then 0 when 'conditional_go' then 1 else 2 end) ${dir}, ${readinessSummaries.blockingReasons} ${query.dir === "desc" ? sql`asc` : sql`desc`}`,
    customer: sql`${organizations.name} ${dir}`,
    name: sql`${implementations.name} ${dir}`,
  }[query.sort];
  return [key, sql`${implementations.name} asc`, sql`${implementations.id} asc`];
}

// The portfolio: one page of implementations with their readiness summary, filtered, sorted
// and paged in SQL, the tenant condition in the WHERE. Summaries whose `until` has passed are
// re-derived first, so no row shows a verdict older than its facts.
export async function listPortfolio(viewer: Viewer, query: PortfolioQuery = parsePortfolioQuery({}), now = new Date()): Promise<PortfolioPage> {
  authorize(viewer, "implementation.read");
  await refreshDueSummaries(viewer, now);
  const db = getDb();
  const scope = implementationScope(viewer);
  const today = todayIso(now);
  const filter = portfolioFilter(viewer, query, today) ?? sql`true`;
  // The counts and the customer filter's choices in one statement (each implementation has
  // exactly one customer, so the join does not change the counts).
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      matching: sql<number>`(count(*) filter (where ${filter}))::int`,
      customers: sql<{ id: string; name: string }[]>`coalesce(jsonb_agg(distinct jsonb_build_object('id', ${organizations.id}, 'name', ${organizations.name})), '[]'::jsonb)`,
    })
    .from(implementations)
    .innerJoin(readinessSummaries, eq(readinessSummaries.implementationId, implementations.id))
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .where(scope)
    .prepare("portfolio_counts")
    .execute();
  const total = Number(counts?.total ?? 0);
  const matching = Number(counts?.matching ?? 0);
  const customers = [...(counts?.customers ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const pageCount = Math.max(1, Math.ceil(matching / PORTFOLIO_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);

  const rows = await db
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
      // Asked for "what changed since Monday": how many things were recorded on it since.
      changesSinceMonday: query.changed ? sql<number>`${changesSince(viewer, `${mondayOf(today)}T00:00:00Z`)}::int` : sql<null>`null::int`,
      summary: readinessSummaries,
    })
    .from(implementations)
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .innerJoin(readinessSummaries, eq(readinessSummaries.implementationId, implementations.id))
    .leftJoin(manager, eq(manager.id, implementations.implementationManagerId))
    .where(and(scope, filter))
    .orderBy(...portfolioOrder(query))
    .limit(PORTFOLIO_PAGE_SIZE)
    .offset((page - 1) * PORTFOLIO_PAGE_SIZE)
    .prepare("portfolio_rows")
    .execute();

  return {
    total,
    matching,
    page,
    pageCount,
    customers,
    rows: rows.map(({ summary: s, ...row }) => ({
      ...row,
      verdict: s.verdict,
      blockingReasons: s.blockingReasons,
      riskReasons: s.riskReasons,
      risk: s.risk as PortfolioRow["risk"],
      riskExplanation: s.riskExplanation,
      staleEvidence: s.staleEvidence,
      permissionDrift: s.permissionDrift,
      productionUnverified: s.productionUnverified,
      scenariosFailing: s.scenariosFailing,
      scenariosNotRun: s.scenariosNotRun,
      forecastReadyOn: s.forecastReadyOn,
      projectedLate: s.projectedLate,
      openHypercareAlerts: s.openHypercareAlerts,
      items: {
        total: s.itemsTotal,
        required: s.requiredItems,
        requiredDone: s.requiredDone,
        goLiveBlockers: s.openGoLiveBlockers,
        postLiveBlockers: s.openPostLiveBlockers,
        byStatus: Object.fromEntries(itemStatuses.map((st) => [st, Number(s.itemsByStatus[st] ?? 0)])) as Record<ItemStatus, number>,
        requiredByStatus: Object.fromEntries(barStandings.map((st) => [st, Number(s.requiredByStatus[st] ?? 0)])) as Record<BarStanding, number>,
      },
    })),
  };
}

export type ImplementationDetail = Awaited<ReturnType<typeof getImplementation>>;

// Which checklist items a view keeps, and in what order, as SQL on the items subquery (alias
// ci). "Waiting on the customer" is ready for sign-off with a Customer IT signature among those
// it needs. By category, items keep their checklist position (the page groups them).
function checklistViewSql(viewer: Viewer, view: ChecklistView): { where: SQL; order: SQL } {
  const where = {
    all: sql`true`,
    blocked: sql`ci.status = 'blocked'`,
    ready: sql`ci.status = 'ready_for_signoff'`,
    waiting_customer: sql`ci.status = 'ready_for_signoff' and 'customer_it' = any(ci.required_sign_off_roles)`,
    mine: sql`ci.owner_id = ${viewer.userId}`,
  }[view.show];
  const statusOrder = sql.raw(`array[${itemStatuses.map((st) => `'${st}'`).join(",")}]::item_status[]`);
  const order = {
    category: sql`ci.position`,
    due: sql`ci.due_date asc nulls last, lower(ci.title), ci.position`,
    status: sql`array_position(${statusOrder}, ci.status), lower(ci.title), ci.position`,
    title: sql`lower(ci.title), ci.position`,
  }[view.sort];
  return { where, order };
}

// The implementation page: header, environments, checklist and configuration changes, read in
// one statement (the page's statement count must not grow with the portfolio). The checklist
// comes filtered and ordered as the viewer's checklist view asks (?show=…&sort=…), with the
// count of every item beside it.
export async function getImplementation(viewer: Viewer, implementationId: string, view: ChecklistView = defaultChecklistView) {
  authorize(viewer, "implementation.read");
  const shown = checklistViewSql(viewer, view);
  const [row] = await selectImplementations({
    ...implementationHead,
    interfaces: implementations.interfaces,
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
        'ownerId', ci.owner_id, 'ownerName', ou.name, 'nextStep', ci.next_step, 'expectedOutcome', ci.expected_outcome, 'dueDate', ci.due_date,
        'requiredSignOffRoles', ci.required_sign_off_roles, 'needsOperationalValidation', ci.needs_operational_validation,
        'blockerReason', ci.blocker_reason, 'blockerSeverity', ci.blocker_severity, 'blockedSince', ci.blocked_since,
        'version', ci.version
      ) order by ${shown.order})
      from checklist_items ci left join users ou on ou.id = ci.owner_id
      where ci.implementation_id = "implementations"."id" and ${shown.where}
    ), '[]'::json)`,
    itemsTotal: sql<number>`(select count(*)::int from checklist_items ci where ci.implementation_id = "implementations"."id")`,
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
    .leftJoin(manager, eq(manager.id, implementations.implementationManagerId))
    .leftJoin(engineeringOwner, eq(engineeringOwner.id, implementations.engineeringOwnerId))
    .where(oneImplementationInScope(viewer, implementationId))
    .limit(1)
    .prepare("implementation_page")
    .execute();
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
  ownerId: string | null;
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
  const [header] = await selectImplementations({ ...implementationHead, version: implementations.version })
    .where(oneImplementationInScope(viewer, implementationId))
    .limit(1);
  if (!header) throw notFound("Implementation");
  const envs = await getDb()
    .select({ id: environments.id, kind: environments.kind, name: environments.name })
    .from(environments)
    .where(eq(environments.implementationId, header.id))
    .orderBy(sql`array_position(array['sandbox','test','production']::environment_kind[], ${environments.kind})`);
  return { ...header, environments: envs };
}
