import "server-only";
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { checklistItems, implementations, organizations, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { todayIso } from "@/lib/format/dates";
import type { BlockersQuery } from "@/lib/validation/blockers";
import { authorize } from "./policy";
import { implementationScope } from "./tenant";

// Open blockers across every implementation the viewer may see, most urgent first: go-live
// blockers, then the soonest go-live, then the oldest. One statement, tenant condition in SQL.

const owner = alias(users, "owner");

export type BlockerRow = Awaited<ReturnType<typeof listBlockers>>[number];

// Every blocker the view matches (the CSV export holds the whole view).
export async function listBlockers(viewer: Viewer, query: BlockersQuery, today = todayIso()) {
  authorize(viewer, "blockers.read_all");
  return blockerQuery(viewer, query, today);
}

// One page of the view and how many match, in one statement. The page is chosen first from the
// covering open-blockers index (every column it filters and sorts on is in the index, so no
// blocked item's row is read) joined to the implementations, with a window count; only the
// page's `pageSize` rows are then read whole. A page past the end (an old link, a hand-edited
// URL) shows the last page.
export async function listBlockerPage(viewer: Viewer, query: BlockersQuery, pageSize: number, today = todayIso()) {
  authorize(viewer, "blockers.read_all");
  const read = async (page: number) => {
    const chosen = getDb()
      .select({ id: checklistItems.id, total: sql<number>`count(*) over ()`.as("total") })
      .from(checklistItems)
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .leftJoin(owner, eq(owner.id, checklistItems.ownerId))
      .where(blockerConditions(viewer, query, today))
      .orderBy(...blockerOrder(query))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .as("chosen");
    const rows = await getDb()
      .select({ ...blockerColumns(today), total: chosen.total })
      .from(chosen)
      .innerJoin(checklistItems, eq(checklistItems.id, chosen.id))
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .leftJoin(owner, eq(owner.id, checklistItems.ownerId))
      .orderBy(...blockerOrder(query))
      .prepare("blocker_page")
      .execute();
    return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]?.total ?? 0) };
  };
  let page = query.page;
  let { rows, total } = await read(page);
  if (rows.length === 0 && page > 1) {
    // Past the end, the page read no row and so no count: the first page has it.
    ({ total } = await read(1));
    page = Math.max(1, Math.ceil(total / pageSize));
    if (total > 0) rows = (await read(page)).rows;
  }
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

// A cancelled implementation never goes live: its leftover blockers block nothing.
function blockerConditions(viewer: Viewer, query: BlockersQuery, today: string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    eq(checklistItems.status, "blocked"),
    ne(implementations.status, "cancelled"),
    implementationScope(viewer),
  ];
  if (query.mine) conditions.push(eq(checklistItems.ownerId, viewer.userId));
  if (query.severity.length > 0) conditions.push(inArray(checklistItems.blockerSeverity, query.severity));
  if (query.customer.length > 0) conditions.push(inArray(implementations.customerOrganizationId, query.customer));
  // "Within N days" includes go-lives already past: a late go-live is the most urgent of all.
  if (query.within) conditions.push(sql`${implementations.goLiveDate} <= ${today}::date + ${query.within}::int`);
  return and(...conditions);
}

// The viewer's chosen column first, then the urgent order: go-live blockers, the soonest
// go-live, the oldest, and names to break ties.
function blockerOrder(query: BlockersQuery): SQL[] {
  return [
    ...chosenOrder(query),
    sql`(${checklistItems.blockerSeverity} = 'go_live') desc`,
    sql`${implementations.goLiveDate} asc nulls last`,
    asc(checklistItems.blockedSince),
    asc(implementations.name),
    asc(checklistItems.title),
    asc(checklistItems.id),
  ];
}

function blockerColumns(today: string) {
  return {
    itemId: checklistItems.id,
    itemTitle: checklistItems.title,
    itemVersion: checklistItems.version,
    implementationId: implementations.id,
    implementationName: implementations.name,
    implementationStatus: implementations.status,
    customerId: organizations.id,
    customerName: organizations.name,
    severity: sql<"go_live" | "post_live">`${checklistItems.blockerSeverity}`,
    reason: sql<string>`${checklistItems.blockerReason}`,
    ticketUrl: checklistItems.blockerTicketUrl,
    ownerId: checklistItems.ownerId,
    ownerName: owner.name,
    blockedSince: sql<string>`${checklistItems.blockedSince}`,
    daysBlocked: sql<number>`(${today}::date - ${checklistItems.blockedSince})::int`,
    goLiveDate: implementations.goLiveDate,
    daysToGoLive: sql<number | null>`(${implementations.goLiveDate} - ${today}::date)::int`,
  };
}

function blockerQuery(viewer: Viewer, query: BlockersQuery, today: string) {
  return getDb()
    .select(blockerColumns(today))
    .from(checklistItems)
    .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .leftJoin(owner, eq(owner.id, checklistItems.ownerId))
    .where(blockerConditions(viewer, query, today))
    .orderBy(...blockerOrder(query))
    .$dynamic();
}

// The column the viewer sorted by (kept in the URL), before the urgent order breaks ties.
function chosenOrder(query: BlockersQuery): SQL[] {
  const dir = query.dir === "desc" ? sql`desc` : sql`asc`;
  switch (query.sort) {
    case "blocked_since":
      return [sql`${checklistItems.blockedSince} ${dir} nulls last`];
    case "go_live":
      return [sql`${implementations.goLiveDate} ${dir} nulls last`];
    case "item":
      return [sql`lower(${checklistItems.title}) ${dir}`];
    case "customer":
      return [sql`lower(${organizations.name}) ${dir}`];
    case "owner":
      return [sql`lower(${owner.name}) ${dir} nulls last`];
    default:
      return [];
  }
}

// The customers that appear in the viewer's blockers (for the filter), cheaply.
export async function listBlockerCustomers(viewer: Viewer) {
  authorize(viewer, "blockers.read_all");
  return getDb()
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(implementations)
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .where(implementationScope(viewer))
    .orderBy(asc(organizations.name));
}
