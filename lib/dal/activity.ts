import "server-only";
import { and, desc, eq, gte, like, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, checklistItems, implementations, users } from "@/db/schema";
import { describeAction, diffAudit, type FieldChange } from "@/lib/domain/activity";
import type { Viewer } from "@/lib/domain/viewer";
import type { ActivityQuery } from "@/lib/validation/activity";
import { notFound } from "./errors";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";

// The activity trail of one implementation, or of one item, read from the audit events:
// who did what and when, with the changed fields before and after. Newest first, paginated
// by keyset (occurred_at, id). The tenant condition is in the SQL, through the implementation.

export const ACTIVITY_PAGE_SIZE = 25;

export type ActivityEntry = {
  id: number;
  occurredAt: Date;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  // What happened, as a sentence after the actor's name ("recorded evidence").
  description: string;
  changes: FieldChange[];
};

export type ActivityPage = {
  entries: ActivityEntry[];
  nextAfter: number | null;
  people: { id: string; name: string }[];
};

// One event as the subquery's columns name it.
type RawRow = {
  id: number | string;
  occurred_at: string;
  name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
};

export async function listActivity(
  viewer: Viewer,
  target: { implementationId: string; itemId?: string },
  query: ActivityQuery,
): Promise<ActivityPage> {
  authorize(viewer, "audit.read");
  if (!isUuid(target.implementationId) || (target.itemId !== undefined && !isUuid(target.itemId))) {
    throw notFound(target.itemId ? "Checklist item" : "Implementation");
  }
  const db = getDb();

  const scope: (SQL | undefined)[] = [
    eq(auditEvents.implementationId, target.implementationId),
    implementationScope(viewer),
    // Webhook settings are the vendor's operations, not the customer's business.
    can(viewer, "webhook.manage") || viewer.organizationKind === "vendor" ? undefined : sql`${auditEvents.action} not like 'webhook.%'`,
  ];
  if (target.itemId) {
    // Evidence and sign-offs name their item in the event's `after`.
    scope.push(
      or(
        and(eq(auditEvents.entityType, "checklist_item"), eq(auditEvents.entityId, target.itemId)),
        sql`${auditEvents.after}->>'itemId' = ${target.itemId}`,
      ),
    );
  }
  const conditions = [...scope];
  if (query.person) conditions.push(eq(auditEvents.actorId, query.person));
  if (query.kind) conditions.push(like(auditEvents.action, `${query.kind}.%`));
  if (query.since) conditions.push(gte(auditEvents.occurredAt, new Date(`${query.since}T00:00:00Z`)));
  if (query.after !== undefined) {
    conditions.push(
      sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (select a.occurred_at, a.id from audit_events a where a.id = ${query.after})`,
    );
  }

  const rowsQuery = db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorName: users.name,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .innerJoin(implementations, eq(implementations.id, auditEvents.implementationId))
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(ACTIVITY_PAGE_SIZE + 1);
  // Everyone who acted in this trail, for the person filter (the other filters left out).
  const peopleQuery = db
    .selectDistinct({ id: users.id, name: users.name })
    .from(auditEvents)
    .innerJoin(implementations, eq(implementations.id, auditEvents.implementationId))
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...scope));

  // One statement: whether the implementation (and item) is visible to the viewer — the same
  // answer as missing when not — with the page of events, the people filter, and the names of
  // the people the events refer to by id (a changed owner). The subqueries' columns come out
  // under their own names (occurred_at, name, …).
  const [visible] = await db
    .select({
      id: implementations.id,
      itemId: checklistItems.id,
      rows: sql<RawRow[]>`(select coalesce(json_agg(r order by r.occurred_at desc, r.id desc), '[]'::json) from (${rowsQuery}) r)`,
      people: sql<{ id: string; name: string }[]>`(select coalesce(json_agg(p order by p.name), '[]'::json) from (${peopleQuery}) p)`,
      names: sql<Record<string, string> | null>`(
        select json_object_agg(nu.id, nu.name) from users nu
        where nu.id::text in (
          select lower(kv.value) from (${rowsQuery}) r2
          cross join lateral (
            select * from jsonb_each_text(case when jsonb_typeof(r2.before) = 'object' then r2.before else '{}'::jsonb end)
            union all
            select * from jsonb_each_text(case when jsonb_typeof(r2.after) = 'object' then r2.after else '{}'::jsonb end)
          ) kv
          where kv.key like '%Id'
        )
      )`,
    })
    .from(implementations)
    .leftJoin(checklistItems, and(eq(checklistItems.implementationId, implementations.id), eq(checklistItems.id, target.itemId ?? sql`null`)))
    .where(and(eq(implementations.id, target.implementationId), implementationScope(viewer)))
    .limit(1)
    // Prepared, so PostgreSQL parses and plans it once per connection: the item page's history
    // asks this on every view. The driver keys a prepared statement by its text, so each shape
    // of the query (which filters it holds) is a statement of its own under this one name.
    .prepare("activity")
    .execute();
  if (!visible || (target.itemId && !visible.itemId)) throw notFound(target.itemId ? "Checklist item" : "Implementation");

  const rows = visible.rows.map((r) => ({
    id: Number(r.id),
    occurredAt: new Date(r.occurred_at),
    actorName: r.name,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
  }));
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  const people = visible.people;
  const names = visible.names ?? {};

  return {
    entries: page.map(({ before, after, ...row }) => ({ ...row, description: describeAction(row.action, after), changes: diffAudit(before, after, names) })),
    nextAfter: rows.length > ACTIVITY_PAGE_SIZE ? page[page.length - 1]!.id : null,
    people,
  };
}

