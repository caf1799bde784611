import "server-only";
import { and, asc, eq, notInArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { checklistItems, implementations, organizations, readinessSummaries, signOffs, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { todayIso } from "@/lib/format/dates";
import { authorize, can } from "./policy";
import { implementationScope } from "./tenant";

// The signed-in person's own work: open items they own, sign-offs waiting on their role, and
// the blockers they own; plus the counts the navigation shows. Tenant condition in SQL.

// An item waits on the viewer's sign-off when it is ready, requires the viewer's role, and
// no one in that role has signed its current version yet.
function waitingOnRole(viewer: Viewer): SQL {
  return and(
    eq(checklistItems.status, "ready_for_signoff"),
    sql`${viewer.role}::role = any(${checklistItems.requiredSignOffRoles})`,
    sql`not exists (select 1 from ${signOffs} where ${signOffs.checklistItemId} = ${checklistItems.id}
      and ${signOffs.signerRole} = ${viewer.role}::role and ${signOffs.itemVersion} = ${checklistItems.version})`,
  )!;
}

const closedStatuses: ("signed_off" | "waived")[] = ["signed_off", "waived"];

function itemColumns(today: string) {
  return {
    itemId: checklistItems.id,
    itemTitle: checklistItems.title,
    status: checklistItems.status,
    nextStep: checklistItems.nextStep,
    dueDate: checklistItems.dueDate,
    version: checklistItems.version,
    blockerSeverity: checklistItems.blockerSeverity,
    blockerReason: checklistItems.blockerReason,
    blockerTicketUrl: checklistItems.blockerTicketUrl,
    blockedSince: checklistItems.blockedSince,
    daysBlocked: sql<number | null>`(${today}::date - ${checklistItems.blockedSince})::int`,
    implementationId: implementations.id,
    implementationName: implementations.name,
    customerName: organizations.name,
    goLiveDate: implementations.goLiveDate,
    daysToGoLive: sql<number | null>`(${implementations.goLiveDate} - ${today}::date)::int`,
  };
}

export async function getMyWork(viewer: Viewer, today = todayIso()) {
  authorize(viewer, "implementation.read");
  const db = getDb();
  const base = (where: SQL | undefined) =>
    db
      .select(itemColumns(today))
      .from(checklistItems)
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .where(and(where, implementationScope(viewer), notInArray(implementations.status, ["cancelled"])))
      .orderBy(sql`${implementations.goLiveDate} asc nulls last`, asc(implementations.name), asc(checklistItems.position));

  const [owned, signOffsWaiting] = await Promise.all([
    base(and(eq(checklistItems.ownerId, viewer.userId), notInArray(checklistItems.status, closedStatuses))),
    can(viewer, "signoff.sign") ? base(waitingOnRole(viewer)) : Promise.resolve([]),
  ]);
  return {
    owned: owned.filter((i) => i.status !== "blocked"),
    blockers: owned.filter((i) => i.status === "blocked"),
    signOffsWaiting,
  };
}

// What the navigation shows next to "My work" and "Blockers", with the viewer's unread
// notifications (their own only, counted up to 100 on the partial unread index, as countUnread
// does): the navigation's three numbers in one statement. The items the viewer owns are counted
// on the owner index; the sign-offs waiting on the viewer's role and the blocked items are summed
// from the readiness summaries (one row per implementation in scope, kept by every write:
// lib/dal/gate.ts), so no count reads every item in scope. Counting items took 400–460 ms per
// page at 2,000 implementations, and the waiting count alone still ~100 ms (BENCHMARKS.md).
export async function getNavCounts(viewer: Viewer): Promise<{ myWork: number; blockers: number | null; unread: number }> {
  authorize(viewer, "implementation.read");
  const mayReadBlockers = can(viewer, "blockers.read_all");
  const maySign = can(viewer, "signoff.sign");
  const db = getDb();
  const inScope = and(implementationScope(viewer), notInArray(implementations.status, ["cancelled"]));
  // A summary is built by every write and by the sweep of missing ones soon after start (a bulk
  // load, a restore, the demo seed write behind the data layer): until then that
  // implementation's items are counted directly, so the count is right meanwhile too.
  const noSummary = sql`not exists (select 1 from ${readinessSummaries} where ${readinessSummaries.implementationId} = ${implementations.id})`;
  const countItems = (where: SQL) =>
    db
      .select({ n: sql`count(*)::int` })
      .from(checklistItems)
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .where(and(where, inScope));
  const fromSummaries = (fact: SQL, items: SQL) =>
    sql<number>`((${db
      .select({ n: sql`coalesce(sum(${fact}), 0)::int` })
      .from(readinessSummaries)
      .innerJoin(implementations, eq(implementations.id, readinessSummaries.implementationId))
      .where(inScope)}) + (${countItems(and(items, noSummary)!)}))`;
  const [row] = await db
    .select({
      owned: sql<number>`(${countItems(and(eq(checklistItems.ownerId, viewer.userId), notInArray(checklistItems.status, closedStatuses))!)})`,
      waiting: maySign ? fromSummaries(sql`(${readinessSummaries.waitingByRole} ->> ${viewer.role}::text)::int`, waitingOnRole(viewer)) : sql<number>`0`,
      blockers: mayReadBlockers ? fromSummaries(sql`(${readinessSummaries.itemsByStatus} ->> 'blocked')::int`, eq(checklistItems.status, "blocked")) : sql<number>`0`,
      unread: sql<number>`(select count(*)::int from (
        select 1 from inbox_notifications n where n.user_id = ${viewer.userId} and n.read_at is null limit 100
      ) unread)`,
    })
    .from(users)
    .where(eq(users.id, viewer.userId))
    .prepare("nav_counts")
    .execute();
  return {
    myWork: Number(row?.owned ?? 0) + Number(row?.waiting ?? 0),
    blockers: mayReadBlockers ? Number(row?.blockers ?? 0) : null,
    unread: Number(row?.unread ?? 0),
  };
}
