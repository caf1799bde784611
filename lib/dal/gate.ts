import "server-only";
import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { gateStates, goLiveDecisions, implementations, readinessSummaries, riskAcceptances } from "@/db/schema";
import { requiredByStanding, requiredDoneDays } from "@/lib/domain/forecast";
import { evaluateGate, type Gate, type GateAcceptance, type GateEvidence, type GateHypercareAlert, type GateInput } from "@/lib/domain/gate-rules";
import { summarize, type ReadinessSummary } from "@/lib/domain/readiness-summary";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind, GateVerdict, ImplementationStatus, PermissionInterface, PermissionResult, Role, Workflow } from "@/lib/domain/vocabulary";
import { isoDay } from "@/lib/format/dates";
import { gateDataDomains } from "@/lib/interfaces/domains";
import type { DataDomain } from "@/lib/interfaces/vocabulary";
import { testPatientCoverage } from "@/lib/registers/coverage";
import { summarizePermissions, type MatrixRow } from "@/lib/registers/drift";
import type { RecordDecisionInput } from "@/lib/validation/sign-offs";
import { conflict, invalid, notFound } from "./errors";
import { queueEvent } from "./events";
import { notifyVerdictChanged } from "./inbox";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, one, writeOnImplementation } from "./unit-of-work";

// The go/no-go gate of one implementation: its facts read in one statement, the verdict
// computed by lib/domain/gate-rules.ts, the decisions managers record against it, and the last announced
// verdict (so a change is notified once, in the transaction of the change that caused it).

type RawEvidence = { id: string; kind: "technical" | "operational"; environment: EnvironmentKind; outcome: "pass" | "fail" | "inconclusive"; observedAt: string };

type RawItem = {
  id: string;
  title: string;
  required: boolean;
  status: GateInput["items"][number]["status"];
  version: number;
  ownerName: string | null;
  needsOperationalValidation: boolean;
  roles: Role[];
  blockerSeverity: "go_live" | "post_live" | null;
  blockerReason: string | null;
  evidence: RawEvidence[];
  signOffs: {
    role: Role;
    decision: "approve" | "reject";
    itemVersion: number;
    signerName: string;
    signedAt: string;
    // What a current approval saw: its signed snapshot's evidence.
    evidence: RawEvidence[] | null;
  }[];
  waiver: { expiresOn: string; approverName: string; grantedAt: string } | null;
};

// Everything the gate and the readiness summary need, correlated to the implementation row, so
// the tenant condition and the facts are one round trip.
// Drizzle leaves a column unqualified in a one-table select; the subqueries need it qualified.
const implRef = sql.raw(`"implementations"."id"`);

function gateFacts() {
  return {
    id: implementations.id,
    status: implementations.status,
    workflows: implementations.workflows,
    freshnessWindowDays: implementations.freshnessWindowDays,
    goLiveDate: implementations.goLiveDate,
    createdAt: implementations.createdAt,
    managerName: sql<string | null>`(select u.name from users u where u.id = "implementations"."implementation_manager_id")`,
    engineeringOwnerName: sql<string | null>`(select u.name from users u where u.id = "implementations"."engineering_owner_id")`,
    items: sql<RawItem[]>`coalesce((
      select json_agg(json_build_object(
        'id', ci.id, 'title', ci.title, 'required', ci.required, 'status', ci.status,
        'version', ci.version, 'roles', ci.required_sign_off_roles,
        'ownerName', (select ou.name from users ou where ou.id = ci.owner_id),
        'needsOperationalValidation', ci.needs_operational_validation,
        'blockerSeverity', case when ci.status = 'blocked' then ci.blocker_severity end,
        'blockerReason', case when ci.status = 'blocked' then ci.blocker_reason end,
        'evidence', (
          select coalesce(json_agg(json_build_object(
            'id', ev.id, 'kind', ev.kind, 'environment', ee.kind, 'outcome', ev.outcome, 'observedAt', ev.observed_at
          )), '[]'::json)
          from evidence ev join environments ee on ee.id = ev.environment_id
          where ev.checklist_item_id = ci.id
        ),
        'signOffs', (
          select coalesce(json_agg(json_build_object(
            'role', so.signer_role, 'decision', so.decision, 'itemVersion', so.item_version,
            'signerName', so.signer_name, 'signedAt', so.signed_at,
            'evidence', case when so.item_version = ci.version and so.decision = 'approve' then so.snapshot->'evidence' end
          )), '[]'::json)
          from sign_offs so where so.checklist_item_id = ci.id
        ),
        'waiver', (
          select json_build_object('expiresOn', w.expires_on, 'approverName', w.approver_name, 'grantedAt', w.granted_at)
          from waivers w where w.checklist_item_id = ci.id and w.revoked_at is null
        )
      ) order by ci.position)
      from checklist_items ci where ci.implementation_id = ${implRef}
    ), '[]'::json)`,
    changes: sql<{ changedAt: string; environment: EnvironmentKind | null; environmentId: string | null }[]>`coalesce((
      select json_agg(json_build_object('changedAt', c.changed_at, 'environment', ce.kind, 'environmentId', c.environment_id))
      from configuration_changes c left join environments ce on ce.id = c.environment_id
      where c.implementation_id = ${implRef}
    ), '[]'::json)`,
    permissions: sql<RawPermission[]>`coalesce((
      select json_agg(json_build_object(
        'id', pr.id, 'interface', pr.interface, 'permission', pr.permission, 'required', pr.required,
        'cells', (
          select coalesce(json_agg(json_build_object(
            'environmentId', pc.environment_id, 'environmentKind', pe.kind, 'result', pc.result, 'checkedAt', pc.checked_at
          )), '[]'::json)
          from permission_checks pc join environments pe on pe.id = pc.environment_id
          where pc.requirement_id = pr.id
        )
      ) order by pr.permission)
      from permission_requirements pr
      where pr.implementation_id = ${implRef}
    ), '[]'::json)`,
    // Interface inventory and source-of-truth map (lib/interfaces/domains.ts).
    inventory: sql<{ name: string; workflows: Workflow[]; status: string; kind: string }[]>`coalesce((
      select json_agg(json_build_object('name', i.name, 'workflows', i.workflows, 'status', i.status, 'kind', i.kind))
      from interfaces i where i.implementation_id = ${implRef}
    ), '[]'::json)`,
    truths: sql<{ domain: DataDomain; agreed: boolean }[]>`coalesce((
      select json_agg(json_build_object('domain', st.domain, 'agreed', st.agreed))
      from source_of_truth st where st.implementation_id = ${implRef}
    ), '[]'::json)`,
    scenarios: sql<RawScenario[]>`coalesce((
      select json_agg(json_build_object(
        'id', s.id, 'patientLabel', tp.label, 'scenario', s.scenario, 'environmentKind', te.kind,
        'workflowSurface', s.workflow_surface, 'result', s.result
      ) order by tp.label, s.scenario)
      from test_patient_scenarios s
      join test_patients tp on tp.id = s.test_patient_id
      join environments te on te.id = tp.environment_id
      where s.implementation_id = ${implRef}
    ), '[]'::json)`,
    // Open hypercare alerts (lib/dal/hypercare.ts), oldest first.
    hypercareAlerts: sql<GateHypercareAlert[]>`coalesce((
      select json_agg(json_build_object('id', ha.id, 'interfaceName', hi.name, 'environment', he.kind,
        'summary', ha.summary, 'ownerName', hu.name, 'nextStep', ha.next_step) order by ha.opened_at, ha.id)
      from hypercare_alerts ha
      join interfaces hi on hi.id = ha.interface_id
      join environments he on he.id = ha.environment_id
      left join users hu on hu.id = ha.owner_id
      where ha.implementation_id = ${implRef} and ha.resolved_at is null
    ), '[]'::json)`,
    // The risks accepted by the latest decision, if it was a conditional go.
    acceptances: sql<GateAcceptance[]>`coalesce((
      select json_agg(json_build_object('reasonKey', ra.reason_key, 'reasonText', ra.reason_text,
        'acceptedByName', ra.accepted_by_name, 'reevaluateOn', ra.reevaluate_on))
      from risk_acceptances ra
      where ra.decision_id = (
        select d.id from go_live_decisions d where d.implementation_id = ${implRef}
        order by d.decided_at desc, d.id desc limit 1
      )
    ), '[]'::json)`,
  };
}

type RawPermission = {
  id: string;
  interface: PermissionInterface;
  permission: string;
  required: boolean;
  cells: { environmentId: string; environmentKind: EnvironmentKind; result: PermissionResult; checkedAt: string | null }[];
};

type RawScenario = GateInput["productionScenarios"][number] & { environmentKind: EnvironmentKind };

export type Facts = {
  id: string;
  status: ImplementationStatus;
  workflows: Workflow[];
  freshnessWindowDays: number;
  goLiveDate: string | null;
  createdAt: Date;
  managerName: string | null;
  engineeringOwnerName: string | null;
  items: RawItem[];
  changes: { changedAt: string; environment: EnvironmentKind | null; environmentId: string | null }[];
  permissions: RawPermission[];
  scenarios: RawScenario[];
  acceptances: GateAcceptance[];
  inventory: { name: string; workflows: Workflow[]; status: string; kind: string }[];
  truths: { domain: DataDomain; agreed: boolean }[];
  hypercareAlerts: GateHypercareAlert[];
};

function matrixRows(facts: Facts): MatrixRow[] {
  return facts.permissions.map((p) => ({
    id: p.id,
    interface: p.interface,
    permission: p.permission,
    required: p.required,
    cells: p.cells.map((c) => ({ ...c, checkedAt: c.checkedAt ? new Date(c.checkedAt) : null })),
  }));
}

const toEvidence = (e: RawEvidence): GateEvidence => ({
  id: e.id,
  kind: e.kind,
  environment: e.environment,
  outcome: e.outcome,
  observedAt: new Date(e.observedAt),
});

// The facts as the pure gate takes them, at `now`.
export function gateInputFromFacts(facts: Facts, now: Date): GateInput {
  return {
    implementationId: facts.id,
    status: facts.status,
    workflows: facts.workflows,
    freshnessWindowDays: facts.freshnessWindowDays,
    now,
    managerName: facts.managerName,
    engineeringOwnerName: facts.engineeringOwnerName,
    configurationChanges: facts.changes.map((c) => ({ changedAt: new Date(c.changedAt), environment: c.environment })),
    items: facts.items.map((item) => ({
      id: item.id,
      title: item.title,
      required: item.required,
      status: item.status,
      version: item.version,
      ownerName: item.ownerName,
      needsOperationalValidation: item.needsOperationalValidation,
      requiredSignOffRoles: item.roles,
      evidence: item.evidence.map(toEvidence),
      signOffs: item.signOffs.map((s) => ({ ...s, signedAt: new Date(s.signedAt), evidence: (s.evidence ?? []).map(toEvidence) })),
      waiver: item.waiver ? { expiresOn: item.waiver.expiresOn, approverName: item.waiver.approverName, grantedAt: new Date(item.waiver.grantedAt) } : null,
      blocker: item.blockerSeverity && item.blockerReason ? { severity: item.blockerSeverity, reason: item.blockerReason } : null,
    })),
    permissions: matrixRows(facts).map((row) => {
      const cell = row.cells.find((c) => c.environmentKind === "production");
      return {
        id: row.id,
        permission: row.permission,
        required: row.required,
        productionResult: cell?.result ?? "unverified",
        productionCheckedAt: cell?.checkedAt ?? null,
      };
    }),
    productionScenarios: facts.scenarios
      .filter((sc) => sc.environmentKind === "production")
      .map(({ environmentKind: _kind, ...sc }) => sc),
    acceptances: facts.acceptances,
    dataDomains: gateDataDomains(facts.workflows, facts.inventory, facts.truths),
    hypercareAlerts: facts.hypercareAlerts,
  };
}

export function summaryFromFacts(facts: Facts, now: Date) {
  return summarize({
    gate: gateInputFromFacts(facts, now),
    goLiveDate: facts.goLiveDate,
    startedOn: isoDay(new Date(facts.createdAt)),
    matrix: matrixRows(facts),
    scenarios: facts.scenarios.map((sc) => ({ environmentKind: sc.environmentKind, result: sc.result })),
  });
}

export function gateFromFacts(facts: Facts, now = new Date()): Gate {
  return evaluateGate(gateInputFromFacts(facts, now));
}

async function readFacts(executor: Executor, implementationId: string, scope: ReturnType<typeof implementationScope>): Promise<Facts | null> {
  const [row] = await executor
    .select(gateFacts())
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), scope))
    .prepare("gate_facts")
    .execute();
  return row ?? null;
}

export type GateDecision = {
  id: string;
  decision: GateVerdict;
  computedVerdict: GateVerdict;
  notes: string;
  decidedByName: string;
  decidedAt: Date;
  reasons: { key: string; severity: string; message: string }[];
  acceptances: { reasonKey: string; reasonText: string; acceptedByName: string; reevaluateOn: string }[];
};

// The gate as the implementation page and the report show it, with the decisions taken.
export async function getGate(viewer: Viewer, implementationId: string, now = new Date()) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const [row] = await getDb()
    .select({
      ...gateFacts(),
      decisions: sql<(Omit<GateDecision, "decidedAt"> & { decidedAt: string })[]>`coalesce((
        select json_agg(json_build_object(
          'id', d.id, 'decision', d.decision, 'computedVerdict', d.computed_verdict, 'notes', d.notes,
          'decidedByName', d.decided_by_name, 'decidedAt', d.decided_at, 'reasons', d.reasons,
          'acceptances', (
            select coalesce(json_agg(json_build_object('reasonKey', ra.reason_key, 'reasonText', ra.reason_text,
              'acceptedByName', ra.accepted_by_name, 'reevaluateOn', ra.reevaluate_on) order by ra.reevaluate_on), '[]'::json)
            from risk_acceptances ra where ra.decision_id = d.id
          )
        ) order by d.decided_at desc)
        from go_live_decisions d where d.implementation_id = ${implRef}
      ), '[]'::json)`,
    })
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .prepare("gate_view")
    .execute();
  if (!row) throw notFound("Implementation");
  const input = gateInputFromFacts(row, now);
  const gate = evaluateGate(input);
  const staleness = {
    now,
    freshnessWindowDays: row.freshnessWindowDays,
    configurationChanges: row.changes.map((c) => ({ changedAt: new Date(c.changedAt), environmentId: c.environmentId })),
  };
  return {
    ...gate,
    implementationStatus: row.status,
    decisions: row.decisions.map((d) => ({ ...d, decidedAt: new Date(d.decidedAt) })) as GateDecision[],
    // The registers at a glance, from the same facts: drift and uncovered workflows.
    permissionSummary: summarizePermissions(matrixRows(row), staleness),
    coverage: testPatientCoverage(
      row.workflows,
      row.scenarios.map((sc) => ({ workflowSurface: sc.workflowSurface, environmentKind: sc.environmentKind, result: sc.result })),
    ),
    canDecide: can(viewer, "gate.decide") && (row.status === "active" || row.status === "live"),
    // Readiness over time (lib/domain/forecast.ts): the day each done required item became done, and
    // the required items by status, from the same facts as the verdict.
    history: {
      startedOn: isoDay(new Date(row.createdAt)),
      goLiveDate: row.goLiveDate,
      doneDays: requiredDoneDays(input),
      requiredByStatus: requiredByStanding(input),
    },
  };
}

export type GateView = Awaited<ReturnType<typeof getGate>>;

// Re-derives the gate and the readiness summary inside a write's transaction (every write on
// an implementation's data calls it), and when the verdict differs from the one last announced,
// stores it and queues a notification. The gate_states row is created if missing and locked
// before the facts are read, so two concurrent writes on one implementation announce in order
// and the later one sees the earlier one's change. The read path calls it too, in a transaction
// of its own, for implementations whose summary has passed its `until` (refreshDueSummaries).
export async function refreshGateState(tx: Executor, implementationId: string, requestId?: string, now = new Date()): Promise<void> {
  // The announced verdict, locked for this transaction, in one statement: a first evaluation
  // inserts the row (created), otherwise the no-op update on conflict locks the existing one and
  // returns its verdict (RETURNING shows the row as updated, so the verdict is the stored one).
  const [state] = await tx
    .insert(gateStates)
    .values({ implementationId, verdict: "no_go" })
    .onConflictDoUpdate({ target: gateStates.implementationId, set: { verdict: sql.raw(`"gate_states"."verdict"`) } })
    .returning({ verdict: gateStates.verdict, created: sql<boolean>`xmax = 0` })
    .prepare("lock_gate_state")
    .execute();
  const facts = await readFacts(tx, implementationId, undefined);
  if (!facts || !state) return;
  const { gate, summary } = summaryFromFacts(facts, now);
  await tx
    .insert(readinessSummaries)
    .values({ implementationId, ...summary, evaluatedAt: now })
    .onConflictDoUpdate({ target: readinessSummaries.implementationId, set: { ...summary, evaluatedAt: now } })
    .prepare("store_summary")
    .execute();
  // First evaluation: nothing was announced before, so there is no change to announce.
  if (state.created || gate.verdict === state.verdict) {
    if (state.created) await tx.update(gateStates).set({ verdict: gate.verdict, evaluatedAt: now }).where(eq(gateStates.implementationId, implementationId));
    return;
  }
  await tx.update(gateStates).set({ verdict: gate.verdict, evaluatedAt: now }).where(eq(gateStates.implementationId, implementationId));
  await queueEvent(tx, {
    implementationId,
    event: "gate.verdict_changed",
    data: {
      previousVerdict: state.verdict,
      verdict: gate.verdict,
      reasons: gate.reasons.map((r) => ({ severity: r.severity, message: r.message })),
      requestId: requestId ?? null,
    },
  });
  await notifyVerdictChanged(
    tx,
    implementationId,
    state.verdict,
    gate.verdict,
    gate.reasons.map((r) => r.message),
    null,
  );
}

// Time alone changes verdicts (evidence ages, a waiver expires, an accepted risk reaches its
// re-evaluation date): before the portfolio reads its page, every summary in the viewer's scope
// whose `until` has passed, or that was never built, is re-derived — each in a short
// transaction of its own, through the same refreshGateState as the writes. The query behind it
// is an index range scan on `until` plus an anti-join for missing rows.
export async function refreshDueSummaries(viewer: Viewer, now = new Date()): Promise<number> {
  return refreshWhere(implementationScope(viewer), now);
}

// Every summary whose `until` has passed, across all organizations: the scheduled sweep, so a
// verdict that time changed is announced even when nobody opens the portfolio.
export async function refreshAllDueSummaries(now = new Date(), limit = 500): Promise<number> {
  return refreshWhere(undefined, now, limit);
}

// Two index-friendly questions rather than one OR: rows whose `until` has passed (a range scan
// on readiness_summaries_until_idx), and implementations with no summary yet (an anti-join on
// the primary key), asked in one statement (a UNION, which also drops an id both find): the
// portfolio pays one round trip for it on every read.
async function refreshWhere(scope: SQL | undefined, now: Date, limit?: number): Promise<number> {
  const db = getDb();
  const passed = db
    .select({ id: readinessSummaries.implementationId })
    .from(readinessSummaries)
    .innerJoin(implementations, eq(implementations.id, readinessSummaries.implementationId))
    .where(and(scope, lte(readinessSummaries.until, now)));
  const missing = db
    .select({ id: implementations.id })
    .from(implementations)
    .where(and(scope, sql`not exists (select 1 from ${readinessSummaries} where ${readinessSummaries.implementationId} = ${implementations.id})`));
  const both = passed.union(missing);
  const ids = (await (limit ? both.limit(limit) : both).prepare("due_summaries").execute()).map((r) => r.id);
  for (const id of ids) {
    await db.transaction((tx) => refreshGateState(tx, id, undefined, now));
  }
  return ids.length;
}

// The summary rebuilt from scratch, without storing it: what the maintained row must equal.
export async function rebuildSummary(implementationId: string, now = new Date()): Promise<ReadinessSummary | null> {
  const facts = await readFacts(getDb(), implementationId, undefined);
  return facts ? summaryFromFacts(facts, now).summary : null;
}

// The manager's go/no-go. The verdict is recomputed here: a decision made on a gate that has
// changed since the page was opened is refused, a decision above the verdict is refused, and a
// conditional go needs every remaining risk accepted by a named person until a date.
export async function recordGoLiveDecision(viewer: Viewer, input: RecordDecisionInput, requestId?: string) {
  authorize(viewer, "gate.decide");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    if (impl.status !== "active" && impl.status !== "live") {
      throw invalid(`The implementation is ${impl.status}; set it active before a go/no-go.`);
    }
    const facts = await readFacts(tx, impl.id, undefined);
    const gate = gateFromFacts(facts!);
    if (gate.digest !== input.gateDigest) {
      throw conflict("The gate changed since you opened this page (a sign-off, blocker or result moved). Review the new verdict and decide again.");
    }
    const allowed: GateVerdict[] =
      gate.verdict === "go" ? ["go", "conditional_go", "no_go"] : gate.verdict === "conditional_go" ? ["conditional_go", "no_go"] : ["no_go"];
    if (!allowed.includes(input.decision)) {
      throw invalid("Check the highlighted fields.", {
        decision: [`The gate says ${gate.verdict === "no_go" ? "No-go" : "Conditional go"}: a better decision than the verdict cannot be recorded.`],
      });
    }
    const risks = gate.reasons.filter((r) => r.severity === "risk");
    if (input.decision === "conditional_go") {
      const accepted = new Map(input.acceptances.map((a) => [a.reasonKey, a]));
      const missing = risks.filter((r) => !accepted.has(r.key));
      if (missing.length > 0) {
        throw invalid("Every remaining risk needs a named person who accepts it and a re-evaluation date.", {
          acceptances: missing.map((r) => `Not accepted: ${r.message}`),
        });
      }
    }

    const decision = one(
      await tx
        .insert(goLiveDecisions)
        .values({
          implementationId: impl.id,
          decision: input.decision,
          computedVerdict: gate.verdict,
          reasons: gate.reasons.map((r) => ({ key: r.key, severity: r.severity, message: r.message })),
          gateDigest: gate.digest,
          notes: input.notes,
          decidedById: viewer.userId,
          decidedByName: viewer.name,
        })
        .returning({ id: goLiveDecisions.id, decidedAt: goLiveDecisions.decidedAt }),
    );
    const acceptances =
      input.decision === "conditional_go"
        ? risks.map((r) => {
            const a = input.acceptances.find((x) => x.reasonKey === r.key)!;
            return {
              decisionId: decision.id,
              implementationId: impl.id,
              reasonKey: r.key,
              reasonText: r.message,
              acceptedByName: a.acceptedByName,
              reevaluateOn: a.reevaluateOn,
            };
          })
        : [];
    if (acceptances.length > 0) await tx.insert(riskAcceptances).values(acceptances);

    const goesLive = input.decision !== "no_go" && impl.status === "active";
    if (goesLive) {
      await tx
        .update(implementations)
        .set({ status: "live", version: impl.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
        .where(eq(implementations.id, impl.id));
    }
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, decisionId: decision.id, status: goesLive ? "live" : impl.status },
      audit: {
        action: "go_live.decided",
        entityType: "go_live_decision",
        entityId: decision.id,
        before: goesLive ? { status: impl.status } : undefined,
        after: {
          decision: input.decision,
          computedVerdict: gate.verdict,
          notes: input.notes,
          acceptances: acceptances.map((a) => ({ risk: a.reasonText, acceptedBy: a.acceptedByName, reevaluateOn: a.reevaluateOn })),
          ...(goesLive ? { status: "live" } : {}),
        },
      },
    };
  });
}
