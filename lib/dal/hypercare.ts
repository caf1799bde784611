import "server-only";
import { and, asc, eq, gt, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor, type Transaction } from "@/db";
import { environments, hypercareAlerts, implementations, interfaceMetrics, interfaces, organizations, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { formatUtc, todayIso } from "@/lib/format/dates";
import { evaluate, hourlyVolumes, type MetricPoint, type OpenAlert } from "@/lib/hypercare/evaluate";
import { hypercareRulesFor } from "@/lib/hypercare/rules";
import { hypercareRuleLabels, type HypercareAlertRule } from "@/lib/hypercare/vocabulary";
import type { BlockersQuery } from "@/lib/validation/blockers";
import type { AcknowledgeHypercareAlertInput } from "@/lib/validation/hypercare";
import { invalid, notFound } from "./errors";
import { notify } from "./inbox";
import { authorize } from "./policy";
import { implementationScope, isUuid, mayOwnOn } from "./tenant";
import type { EventDraft, AuditDraft } from "./unit-of-work";
import { lockImplementation, one, unchanged, writeOnImplementation } from "./unit-of-work";

// The silent-failure watch's alerts (docs/hypercare.md). The scheduled evaluation
// (lib/hypercare/scheduler.ts) asks evaluateHypercare for each due implementation which alerts
// the rules return now: new ones are opened, ones the rules no longer return are resolved with
// the figures that cleared them, the rest are left as they are. It writes through
// writeOnImplementation like any other change, so the gate, the readiness summary, the audit
// trail and the webhook hear of it in the same transaction.

// An implementation is due while any of its interfaces posted figures in the last
// HYPERCARE_ACTIVE_DAYS days, or while it has an open alert (a feed that stopped posting must
// still be watched: its silence is the alert).
const HYPERCARE_ACTIVE_DAYS = 7;
// Figures read per evaluation: enough weeks for the hour-of-week baselines (minSamples = 3) and one spare.
const HYPERCARE_BASELINE_DAYS = 35;
const DAY = 86_400_000;
const HOUR = 3_600_000;

// Who the audit trail names for the scheduled evaluation (no person acts).
export const HYPERCARE_SYSTEM_ACTOR = "system: hypercare evaluation";

export async function dueHypercareImplementations(now = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - HYPERCARE_ACTIVE_DAYS * DAY);
  const rows = await getDb()
    .select({ id: implementations.id })
    .from(implementations)
    .where(
      and(
        ne(implementations.status, "cancelled"),
        or(
          sql`exists (select 1 from ${interfaceMetrics} where ${interfaceMetrics.implementationId} = ${implementations.id} and ${interfaceMetrics.periodEnd} > ${since.toISOString()}::timestamptz)`,
          sql`exists (select 1 from ${hypercareAlerts} where ${hypercareAlerts.implementationId} = ${implementations.id} and ${hypercareAlerts.resolvedAt} is null)`,
        ),
      ),
    )
    .orderBy(asc(implementations.id));
  return rows.map((r) => r.id);
}

type Stream = { interfaceId: string; interfaceName: string; environmentId: string; environment: string; points: MetricPoint[] };

const streamKey = (interfaceId: string, environmentId: string) => `${interfaceId}/${environmentId}`;
const alertKey = (interfaceId: string, environmentId: string, rule: string) => `${interfaceId}/${environmentId}/${rule}`;

async function readStreams(tx: Transaction, implementationId: string, now: Date): Promise<Map<string, Stream>> {
  const from = new Date(now.getTime() - HYPERCARE_BASELINE_DAYS * DAY);
  const rows = await tx
    .select({
      interfaceId: interfaceMetrics.interfaceId,
      interfaceName: interfaces.name,
      environmentId: interfaceMetrics.environmentId,
      environment: environments.kind,
      periodStart: interfaceMetrics.periodStart,
      periodEnd: interfaceMetrics.periodEnd,
      messageCount: interfaceMetrics.messageCount,
      errorCount: interfaceMetrics.errorCount,
      lastMessageAt: interfaceMetrics.lastMessageAt,
      contentFingerprint: interfaceMetrics.contentFingerprint,
    })
    .from(interfaceMetrics)
    .innerJoin(interfaces, eq(interfaces.id, interfaceMetrics.interfaceId))
    .innerJoin(environments, eq(environments.id, interfaceMetrics.environmentId))
    .where(and(eq(interfaceMetrics.implementationId, implementationId), gt(interfaceMetrics.periodEnd, from), lte(interfaceMetrics.periodStart, now)))
    .orderBy(asc(interfaceMetrics.periodStart));
  const streams = new Map<string, Stream>();
  for (const r of rows) {
    const key = streamKey(r.interfaceId, r.environmentId);
    let stream = streams.get(key);
    if (!stream) {
      stream = { interfaceId: r.interfaceId, interfaceName: r.interfaceName, environmentId: r.environmentId, environment: r.environment, points: [] };
      streams.set(key, stream);
    }
    stream.points.push({
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      messageCount: r.messageCount,
      errorCount: r.errorCount,
      lastMessageAt: r.lastMessageAt,
      contentFingerprint: r.contentFingerprint,
    });
  }
  return streams;
}

// What the figures show now that the rule no longer holds, in a sentence a person can check.
function resolutionFor(rule: HypercareAlertRule, points: MetricPoint[], now: Date, stillOpen: OpenAlert[]): string {
  const lastSeen = points
    .filter((p) => p.messageCount > 0)
    .map((p) => p.lastMessageAt ?? p.periodEnd)
    .reduce<Date | null>((a, b) => (!a || b > a ? b : a), null);
  const lastHour = Math.floor(now.getTime() / HOUR) * HOUR - HOUR;
  const hourVolume = Math.round(hourlyVolumes(points).get(lastHour) ?? 0);
  switch (rule) {
    case "no_traffic":
      return `Traffic returned: last message at ${lastSeen ? formatUtc(lastSeen) : "an unknown time"}.`;
    case "volume_below_band":
      return `Volume returned to its usual band: ${hourVolume} messages in the hour from ${formatUtc(new Date(lastHour))}.`;
    case "error_rate": {
      const recent = points.filter((p) => p.periodEnd.getTime() > now.getTime() - HOUR);
      const messages = recent.reduce((n, p) => n + p.messageCount, 0);
      const errors = recent.reduce((n, p) => n + p.errorCount, 0);
      return `Error rate back under its threshold: ${errors} errors in ${messages} messages in the last hour.`;
    }
    case "content_unchanged":
      return stillOpen.some((a) => a.rule === "no_traffic" || a.rule === "volume_below_band")
        ? "Replaced by a volume alert: with too little traffic, unchanged content says nothing on its own."
        : "Content changed again: the latest messages carry a new fingerprint.";
  }
}

export type HypercareOutcome = { opened: number; resolved: number; open: number };

// Evaluates every interface and environment with figures on one implementation, at `now`.
// Run by the scheduler with no person acting: the audit events name the system.
export async function evaluateHypercare(implementationId: string, now = new Date()): Promise<HypercareOutcome> {
  if (!isUuid(implementationId)) throw notFound("Implementation");
  return writeOnImplementation(null, undefined, async (tx) => {
    const [impl] = await tx
      .select({
        id: implementations.id,
        name: implementations.name,
        status: implementations.status,
        managerId: implementations.implementationManagerId,
        engineeringOwnerId: implementations.engineeringOwnerId,
      })
      .from(implementations)
      .where(eq(implementations.id, implementationId))
      .for("update");
    if (!impl) throw notFound("Implementation");
    const open = await tx
      .select({
        id: hypercareAlerts.id,
        interfaceId: hypercareAlerts.interfaceId,
        environmentId: hypercareAlerts.environmentId,
        rule: hypercareAlerts.rule,
        openedAt: hypercareAlerts.openedAt,
        interfaceName: interfaces.name,
        environment: environments.kind,
      })
      .from(hypercareAlerts)
      .innerJoin(interfaces, eq(interfaces.id, hypercareAlerts.interfaceId))
      .innerJoin(environments, eq(environments.id, hypercareAlerts.environmentId))
      .where(and(eq(hypercareAlerts.implementationId, impl.id), isNull(hypercareAlerts.resolvedAt)));
    if (impl.status === "cancelled") return unchanged({ opened: 0, resolved: 0, open: open.length });

    const streams = await readStreams(tx, impl.id, now);
    const rules = await hypercareRulesFor(tx, [...new Set([...streams.values()].map((s) => s.interfaceId))]);
    const returned = new Map<string, { stream: Stream; alert: OpenAlert }>();
    const byStream = new Map<string, OpenAlert[]>();
    for (const [key, stream] of streams) {
      const alerts = evaluate(stream.points, now, rules.get(stream.interfaceId));
      byStream.set(key, alerts);
      for (const alert of alerts) returned.set(alertKey(stream.interfaceId, stream.environmentId, alert.rule), { stream, alert });
    }
    const openKeys = new Set(open.map((a) => alertKey(a.interfaceId, a.environmentId, a.rule)));

    const audit: AuditDraft[] = [];
    const events: EventDraft[] = [];
    const notices: { title: string; body: string; dedupeKey: string }[] = [];
    const link = `/implementations/${impl.id}/interfaces`;

    for (const [key, { stream, alert }] of returned) {
      if (openKeys.has(key)) continue;
      const row = one(
        await tx
          .insert(hypercareAlerts)
          .values({
            implementationId: impl.id,
            interfaceId: stream.interfaceId,
            environmentId: stream.environmentId,
            rule: alert.rule,
            since: alert.since,
            summary: alert.summary,
            figures: alert.figures,
            openedAt: now,
          })
          .returning({ id: hypercareAlerts.id }),
      );
      const described = {
        alertId: row.id,
        interface: { id: stream.interfaceId, name: stream.interfaceName },
        environment: stream.environment,
        rule: alert.rule,
        since: alert.since.toISOString(),
        summary: alert.summary,
        figures: alert.figures,
      };
      audit.push({ action: "hypercare_alert.opened", entityType: "hypercare_alert", entityId: row.id, after: { ...described, by: HYPERCARE_SYSTEM_ACTOR } });
      events.push({ event: "hypercare.alert_opened", data: { ...described, live: impl.status === "live" } });
      notices.push({
        title: `${impl.name}: ${stream.interfaceName} (${stream.environment}) — ${hypercareRuleLabels[alert.rule]}`,
        body: alert.summary,
        dedupeKey: `hypercare:${row.id}:opened`,
      });
    }

    let resolved = 0;
    for (const a of open) {
      const key = alertKey(a.interfaceId, a.environmentId, a.rule);
      const stream = streams.get(streamKey(a.interfaceId, a.environmentId));
      // No figures at all in the baseline window: nothing says traffic returned, so it stays open.
      if (!stream || returned.has(key)) continue;
      const resolution = resolutionFor(a.rule, stream.points, now, byStream.get(streamKey(a.interfaceId, a.environmentId)) ?? []);
      await tx.update(hypercareAlerts).set({ resolvedAt: now, resolution }).where(eq(hypercareAlerts.id, a.id));
      resolved++;
      const described = {
        alertId: a.id,
        interface: { id: a.interfaceId, name: a.interfaceName },
        environment: a.environment,
        rule: a.rule,
        openedAt: a.openedAt.toISOString(),
        resolvedAt: now.toISOString(),
        resolution,
      };
      audit.push({ action: "hypercare_alert.resolved", entityType: "hypercare_alert", entityId: a.id, after: { ...described, by: HYPERCARE_SYSTEM_ACTOR } });
      events.push({ event: "hypercare.alert_resolved", data: described });
      notices.push({
        title: `${impl.name}: ${a.interfaceName} (${a.environment}) — ${hypercareRuleLabels[a.rule]} cleared`,
        body: resolution,
        dedupeKey: `hypercare:${a.id}:resolved`,
      });
    }

    const opened = audit.length - resolved;
    const result = { opened, resolved, open: open.length + opened - resolved };
    if (audit.length === 0) return unchanged(result);
    for (const n of notices) {
      await notify(tx, { to: [impl.managerId, impl.engineeringOwnerId], kind: "hypercare_alert", implementationId: impl.id, link, ...n });
    }
    return { implementationId: impl.id, result, audit, events };
  });
}

// ---- Acknowledging an open alert: who owns it, the next step, what should happen.

export async function acknowledgeHypercareAlert(viewer: Viewer, input: AcknowledgeHypercareAlertInput, requestId?: string) {
  authorize(viewer, "hypercare.acknowledge");
  if (!isUuid(input.alertId)) throw notFound("Alert");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const [found] = await tx
      .select({ implementationId: hypercareAlerts.implementationId })
      .from(hypercareAlerts)
      .innerJoin(implementations, eq(implementations.id, hypercareAlerts.implementationId))
      .where(and(eq(hypercareAlerts.id, input.alertId), implementationScope(viewer)));
    if (!found) throw notFound("Alert");
    const impl = await lockImplementation(tx, viewer, found.implementationId);
    const alert = one(await tx.select().from(hypercareAlerts).where(eq(hypercareAlerts.id, input.alertId)).for("update"), "Alert");
    if (alert.resolvedAt) throw invalid(`This alert was resolved on ${formatUtc(alert.resolvedAt)}: ${alert.resolution}`);
    // The owner must be someone who can see the implementation: vendor staff or its customer's people.
    const [owner] = isUuid(input.ownerId)
      ? await tx
          .select({ id: users.id, name: users.name })
          .from(users)
          .innerJoin(organizations, eq(organizations.id, users.organizationId))
          .where(and(eq(users.id, input.ownerId), mayOwnOn(impl.customerOrganizationId)))
      : [];
    if (!owner) throw invalid("Check the highlighted fields.", { ownerId: ["Choose a person on this implementation."] });
    const at = new Date();
    await tx
      .update(hypercareAlerts)
      .set({ acknowledgedById: viewer.userId, acknowledgedAt: at, ownerId: owner.id, nextStep: input.nextStep, expectedOutcome: input.expectedOutcome })
      .where(eq(hypercareAlerts.id, alert.id));
    return {
      implementationId: impl.id,
      result: { alertId: alert.id, implementationId: impl.id, acknowledgedAt: at },
      audit: {
        action: "hypercare_alert.acknowledged",
        entityType: "hypercare_alert",
        entityId: alert.id,
        before: alert.acknowledgedAt ? { ownerId: alert.ownerId, nextStep: alert.nextStep, expectedOutcome: alert.expectedOutcome } : undefined,
        after: { rule: alert.rule, summary: alert.summary, ownerId: owner.id, ownerName: owner.name, nextStep: input.nextStep, expectedOutcome: input.expectedOutcome },
      },
    };
  });
}

// ---- Reading: the open alerts across the viewer's implementations (the blockers view).

const owner = alias(users, "hypercare_owner");

export type HypercareAlertRow = Awaited<ReturnType<typeof listOpenHypercareAlerts>>[number];

// Open alerts of implementations in scope and not cancelled, with the same customer and
// go-live-window filters as the blockers list. On a live implementation an alert is a post-live
// blocker; before go-live it is a risk (lib/domain/gate-rules.ts hypercareReasons).
export async function listOpenHypercareAlerts(viewer: Viewer, query: Pick<BlockersQuery, "customer" | "within">, today = todayIso()) {
  authorize(viewer, "blockers.read_all");
  const conditions: (SQL | undefined)[] = [isNull(hypercareAlerts.resolvedAt), ne(implementations.status, "cancelled"), implementationScope(viewer)];
  if (query.customer.length > 0) conditions.push(inArray(implementations.customerOrganizationId, query.customer));
  if (query.within) conditions.push(sql`${implementations.goLiveDate} <= ${today}::date + ${query.within}::int`);
  return getDb()
    .select({
      id: hypercareAlerts.id,
      implementationId: implementations.id,
      implementationName: implementations.name,
      live: sql<boolean>`${implementations.status} = 'live'`,
      customerId: organizations.id,
      customerName: organizations.name,
      interfaceName: interfaces.name,
      environment: environments.kind,
      rule: hypercareAlerts.rule,
      since: hypercareAlerts.since,
      summary: hypercareAlerts.summary,
      openedAt: hypercareAlerts.openedAt,
      acknowledgedAt: hypercareAlerts.acknowledgedAt,
      ownerId: hypercareAlerts.ownerId,
      ownerName: owner.name,
      nextStep: hypercareAlerts.nextStep,
      expectedOutcome: hypercareAlerts.expectedOutcome,
    })
    .from(hypercareAlerts)
    .innerJoin(implementations, eq(implementations.id, hypercareAlerts.implementationId))
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .innerJoin(interfaces, eq(interfaces.id, hypercareAlerts.interfaceId))
    .innerJoin(environments, eq(environments.id, hypercareAlerts.environmentId))
    .leftJoin(owner, eq(owner.id, hypercareAlerts.ownerId))
    .where(and(...conditions))
    .orderBy(sql`(${implementations.status} = 'live') desc`, asc(hypercareAlerts.since), asc(implementations.name), asc(interfaces.name));
}

// Everyone who may own an alert on the implementations in view: vendor staff and each
// customer's own people (the acknowledge form's choices).
export async function hypercareOwnerChoices(viewer: Viewer, executor: Executor = getDb()) {
  authorize(viewer, "hypercare.acknowledge");
  return executor
    .select({ id: users.id, name: users.name, organizationId: users.organizationId, vendor: sql<boolean>`${organizations.kind} = 'vendor'` })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(isNull(users.disabledAt), eq(users.invited, false), viewer.organizationKind === "vendor" ? undefined : eq(users.organizationId, viewer.organizationId)))
    .orderBy(asc(users.name));
}
