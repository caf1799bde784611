import "server-only";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { environments, implementations, interfaceMetrics, interfaces, interfaceWatchRules, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { hourlyPicture, type HourlyPicture } from "@/lib/hypercare/chart";
import { defaultRules, type HypercareRules, type MetricPoint } from "@/lib/hypercare/evaluate";
import { mergeRules, noOverrides, type WatchRuleOverrides } from "@/lib/hypercare/merge-rules";
import type { SetWatchRulesInput } from "@/lib/validation/hypercare";
import { conflict, notFound } from "./errors";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, unchanged, writeOnImplementation } from "./unit-of-work";

// One interface under the silent-failure watch (docs/hypercare.md): its facts, its traffic per
// environment over the last 7 days against the learned band, and the rules in force, hand-set
// ones (interface_watch_rules) over the defaults.

const HOUR = 3_600_000;
// Enough history to learn a band with the most weeks a rule may ask for (12), plus the week shown.
const HISTORY_WEEKS = 13;

const editor = alias(users, "editor");

export type EnvironmentPicture = { environmentId: string; kind: EnvironmentKind; name: string; picture: HourlyPicture; lastPostedAt: Date };

export async function getInterfaceWatch(viewer: Viewer, implementationId: string, interfaceId: string, now = new Date()) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId) || !isUuid(interfaceId)) throw notFound("Interface");
  const db = getDb();
  const [row] = await db
    .select({
      iface: interfaces,
      implementationName: implementations.name,
      overrides: interfaceWatchRules,
      rulesUpdatedByName: editor.name,
    })
    .from(interfaces)
    .innerJoin(implementations, eq(implementations.id, interfaces.implementationId))
    .leftJoin(interfaceWatchRules, eq(interfaceWatchRules.interfaceId, interfaces.id))
    .leftJoin(editor, eq(editor.id, interfaceWatchRules.updatedById))
    .where(and(eq(interfaces.id, interfaceId), eq(interfaces.implementationId, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!row) throw notFound("Interface");
  const overrides: WatchRuleOverrides = row.overrides
    ? {
        noTrafficMinutes: row.overrides.noTrafficMinutes,
        businessStartHour: row.overrides.businessStartHour,
        businessEndHour: row.overrides.businessEndHour,
        bandWidth: row.overrides.bandWidth,
        minSamples: row.overrides.minSamples,
        errorRateThreshold: row.overrides.errorRateThreshold,
        fingerprintUnchangedMinutes: row.overrides.fingerprintUnchangedMinutes,
      }
    : noOverrides;
  const rules = mergeRules(overrides);

  const since = new Date(Math.floor(now.getTime() / HOUR) * HOUR - HISTORY_WEEKS * 7 * 24 * HOUR);
  const [envs, metrics] = await Promise.all([
    db.select({ id: environments.id, kind: environments.kind, name: environments.name }).from(environments).where(eq(environments.implementationId, implementationId)),
    db
      .select({
        environmentId: interfaceMetrics.environmentId,
        periodStart: interfaceMetrics.periodStart,
        periodEnd: interfaceMetrics.periodEnd,
        messageCount: interfaceMetrics.messageCount,
        errorCount: interfaceMetrics.errorCount,
        lastMessageAt: interfaceMetrics.lastMessageAt,
        contentFingerprint: interfaceMetrics.contentFingerprint,
        createdAt: interfaceMetrics.createdAt,
      })
      .from(interfaceMetrics)
      .where(and(eq(interfaceMetrics.interfaceId, interfaceId), gte(interfaceMetrics.periodEnd, since), lt(interfaceMetrics.periodStart, now)))
      .orderBy(asc(interfaceMetrics.periodStart)),
  ]);
  const kindOrder: EnvironmentKind[] = ["production", "test", "sandbox"];
  const pictures: EnvironmentPicture[] = envs
    .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind))
    .flatMap((env) => {
      const points: (MetricPoint & { createdAt: Date })[] = metrics.filter((m) => m.environmentId === env.id);
      if (points.length === 0) return [];
      const lastPostedAt = points.reduce((latest, p) => (p.createdAt > latest ? p.createdAt : latest), points[0]!.createdAt);
      return [{ environmentId: env.id, kind: env.kind, name: env.name, picture: hourlyPicture(points, now, rules), lastPostedAt }];
    });

  const { iface } = row;
  return {
    implementationId,
    implementationName: row.implementationName,
    interface: {
      id: iface.id,
      name: iface.name,
      kind: iface.kind,
      direction: iface.direction,
      status: iface.status,
      sourceSystem: iface.sourceSystem,
      targetSystem: iface.targetSystem,
      workflows: iface.workflows,
      messageTypes: iface.messageTypes,
      endpoints: { sandbox: iface.endpointSandbox, test: iface.endpointTest, production: iface.endpointProduction } as Record<EnvironmentKind, string>,
      vendorOwner: iface.vendorOwner,
      customerOwner: iface.customerOwner,
      note: iface.note,
    },
    environments: envs,
    pictures,
    rules,
    defaults: defaultRules,
    overrides,
    rulesVersion: row.overrides?.version ?? 0,
    rulesUpdatedAt: row.overrides?.updatedAt ?? null,
    rulesUpdatedByName: row.rulesUpdatedByName,
    canManageRules: can(viewer, "interface_watch.manage"),
    canMakeTokens: can(viewer, "api_token.manage"),
  };
}
export type InterfaceWatch = Awaited<ReturnType<typeof getInterfaceWatch>>;

function overridesOf(input: SetWatchRulesInput): WatchRuleOverrides {
  return {
    noTrafficMinutes: input.noTrafficMinutes,
    businessStartHour: input.businessStartHour,
    businessEndHour: input.businessEndHour,
    bandWidth: input.bandWidth,
    minSamples: input.minSamples,
    // Typed as a percentage, kept as a share (evaluate.ts compares errors ÷ messages).
    errorRateThreshold: input.errorRatePercent === null ? null : Math.round(input.errorRatePercent * 10) / 1000,
    fingerprintUnchangedMinutes: input.fingerprintUnchangedMinutes,
  };
}

// Sets an interface's hand-set rules; every field blank clears them (the defaults apply again).
export async function setInterfaceWatchRules(viewer: Viewer, input: SetWatchRulesInput, requestId?: string) {
  authorize(viewer, "interface_watch.manage");
  if (!isUuid(input.interfaceId)) throw notFound("Interface");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const [target] = await tx
      .select({ implementationId: interfaces.implementationId, name: interfaces.name })
      .from(interfaces)
      .innerJoin(implementations, eq(implementations.id, interfaces.implementationId))
      .where(and(eq(interfaces.id, input.interfaceId), implementationScope(viewer)));
    if (!target) throw notFound("Interface");
    const impl = await lockImplementation(tx, viewer, target.implementationId);
    const [current] = await tx.select().from(interfaceWatchRules).where(eq(interfaceWatchRules.interfaceId, input.interfaceId)).for("update");
    if ((current?.version ?? 0) !== input.version) {
      const [who] = current?.updatedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedById)) : [];
      throw conflict(
        `${who?.name ?? "Someone"} changed the watch rules of ${target.name}${current ? ` at ${formatUtc(current.updatedAt)}` : ""}, after you opened the page. Reload to see them, then apply yours again.`,
      );
    }
    const before: WatchRuleOverrides = current
      ? {
          noTrafficMinutes: current.noTrafficMinutes,
          businessStartHour: current.businessStartHour,
          businessEndHour: current.businessEndHour,
          bandWidth: current.bandWidth,
          minSamples: current.minSamples,
          errorRateThreshold: current.errorRateThreshold,
          fingerprintUnchangedMinutes: current.fingerprintUnchangedMinutes,
        }
      : noOverrides;
    const after = overridesOf(input);
    const clear = Object.values(after).every((v) => v === null);
    const result = (version: number) => ({ implementationId: impl.id, interfaceId: input.interfaceId, version, cleared: clear });
    if (JSON.stringify(before) === JSON.stringify(after)) return unchanged(result(current?.version ?? 0));
    let version = 0;
    if (clear) {
      await tx.delete(interfaceWatchRules).where(eq(interfaceWatchRules.interfaceId, input.interfaceId));
    } else if (current) {
      await tx
        .update(interfaceWatchRules)
        .set({ ...after, version: current.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
        .where(eq(interfaceWatchRules.interfaceId, input.interfaceId));
      version = current.version + 1;
    } else {
      await tx.insert(interfaceWatchRules).values({ interfaceId: input.interfaceId, implementationId: impl.id, ...after, updatedById: viewer.userId });
      version = 1;
    }
    const rulesInForce = (o: WatchRuleOverrides): HypercareRules => mergeRules(o);
    return {
      implementationId: impl.id,
      result: result(version),
      audit: {
        action: clear ? "interface_watch_rules.cleared" : "interface_watch_rules.set",
        entityType: "interface",
        entityId: input.interfaceId,
        before: { overrides: before, rules: rulesInForce(before) },
        after: { overrides: after, rules: rulesInForce(after) },
      },
    };
  });
}
