import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { cache } from "react";
import { getDb } from "@/db";
import { checklistItems, implementations, organizations, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind, Role } from "@/lib/domain/vocabulary";
import { env } from "@/lib/server/env";
import { notFound } from "./errors";
import { implementationScope, isUuid, mayOwnOn } from "./tenant";

// Everything the item page shows about one checklist item, read in ONE statement: the item with
// its implementation (the tenant condition is in the WHERE), environments, evidence,
// configuration changes, who may own it, its sign-offs and waiver, whether the viewer signed in
// recently and has a password, and its comments with the people who may be mentioned. getItem,
// getSignOffPanel and listComments each shape their part of it; inside one page render React's
// cache() makes the three of them share the one read (outside a render it is a plain call).

const owner = alias(users, "owner");
const editor = alias(users, "editor");
// The people the item may be given to, as the assignable list's subquery names them.
const assignableUser = alias(users, "au");
const assignableOrganization = alias(organizations, "ao");
// Drizzle leaves a column unqualified in some selects; the subqueries name the outer row plainly.
const itemRef = sql.raw(`"checklist_items"."id"`);
const implRef = sql.raw(`"checklist_items"."implementation_id"`);
const customerRef = sql.raw(`"implementations"."customer_organization_id"`);

type Json<T> = T;

export type ItemFactsEvidence = {
  id: string;
  kind: "technical" | "operational";
  environmentId: string;
  environmentKind: EnvironmentKind;
  whatWasTested: string;
  outcome: "pass" | "fail" | "inconclusive";
  observedAt: string;
  linkUrl: string | null;
  recordedByName: string;
  apiTokenName: string | null;
};

// Whether this browser session signed in, or re-entered its password, recently enough to sign:
// decided here from the session when it can be, otherwise asked in the same statement.
function recentSignIn(viewer: Viewer) {
  const since = new Date(Date.now() - env().SIGN_OFF_REAUTH_MINUTES * 60_000);
  const session = viewer.session;
  if (!session?.id) return sql<boolean>`false`;
  if (session.signedInAt && session.signedInAt > since) return sql<boolean>`true`;
  return sql<boolean>`exists (
    select 1 from session_reauthentications sr
    where sr.user_id = ${viewer.userId} and sr.session_id = ${session.id} and sr.reauthenticated_at > ${since.toISOString()}::timestamptz
  )`;
}

async function readItemFacts(viewer: Viewer, implementationId: string, itemId: string) {
  if (!isUuid(implementationId) || !isUuid(itemId)) throw notFound("Checklist item");
  const [row] = await getDb()
    .select({
      item: checklistItems,
      implementationName: implementations.name,
      implementationStatus: implementations.status,
      customerOrganizationId: implementations.customerOrganizationId,
      customerName: organizations.name,
      freshnessWindowDays: implementations.freshnessWindowDays,
      ownerName: owner.name,
      updatedByName: editor.name,
      environments: sql<Json<{ id: string; kind: EnvironmentKind; name: string }[]>>`coalesce((
        select json_agg(json_build_object('id', e.id, 'kind', e.kind, 'name', e.name) order by e.kind)
        from environments e where e.implementation_id = ${implRef}
      ), '[]'::json)`,
      evidence: sql<Json<ItemFactsEvidence[]>>`coalesce((
        select json_agg(json_build_object(
          'id', ev.id, 'kind', ev.kind, 'environmentId', ev.environment_id, 'environmentKind', ee.kind,
          'whatWasTested', ev.what_was_tested, 'outcome', ev.outcome, 'observedAt', ev.observed_at,
          'linkUrl', ev.link_url, 'recordedByName', ru.name, 'apiTokenName', tk.name
        ) order by ev.observed_at desc)
        from evidence ev
        join environments ee on ee.id = ev.environment_id
        join users ru on ru.id = ev.recorded_by_id
        left join api_tokens tk on tk.id = ev.api_token_id
        where ev.checklist_item_id = ${itemRef}
      ), '[]'::json)`,
      changes: sql<Json<{ changedAt: string; environmentId: string | null }[]>>`coalesce((
        select json_agg(json_build_object('changedAt', c.changed_at, 'environmentId', c.environment_id))
        from configuration_changes c where c.implementation_id = ${implRef}
      ), '[]'::json)`,
      // Who may own the item: anyone enabled who can see the implementation.
      assignable: sql<Json<{ id: string; name: string; organizationName: string }[]>>`coalesce((
        select json_agg(json_build_object('id', au.id, 'name', au.name, 'organizationName', ao.name) order by ao.name, au.name)
        from users au join organizations ao on ao.id = au.organization_id
        where ${mayOwnOn(customerRef, assignableUser, assignableOrganization)}
      ), '[]'::json)`,
      signOffs: sql<
        Json<
          {
            id: string;
            signerName: string;
            signerOrganizationName: string;
            signerRole: Role;
            decision: "approve" | "reject";
            meaning: string;
            comment: string | null;
            signedAt: string;
            itemVersion: number;
            snapshotSha256: string;
          }[]
        >
      >`coalesce((
        select json_agg(json_build_object(
          'id', so.id, 'signerName', so.signer_name, 'signerOrganizationName', so.signer_organization_name,
          'signerRole', so.signer_role, 'decision', so.decision, 'meaning', so.meaning, 'comment', so.comment,
          'signedAt', so.signed_at, 'itemVersion', so.item_version, 'snapshotSha256', so.snapshot_sha256
        ) order by so.signed_at desc)
        from sign_offs so where so.checklist_item_id = ${itemRef}
      ), '[]'::json)`,
      waiver: sql<Json<{ id: string; reason: string; approverName: string; expiresOn: string; grantedAt: string; grantedByName: string } | null>>`(
        select json_build_object(
          'id', w.id, 'reason', w.reason, 'approverName', w.approver_name, 'expiresOn', w.expires_on,
          'grantedAt', w.granted_at, 'grantedByName', wu.name
        )
        from waivers w join users wu on wu.id = w.granted_by_id
        where w.checklist_item_id = ${itemRef} and w.revoked_at is null
        limit 1
      )`,
      recentlyAuthenticated: recentSignIn(viewer),
      hasPassword: sql<boolean>`coalesce((select vu.password_hash is not null from users vu where vu.id = ${viewer.userId}), false)`,
      comments: sql<Json<{ id: string; body: string; createdAt: string; authorName: string; mentionedIds: string[] }[]>>`coalesce((
        select json_agg(json_build_object(
          'id', ic.id, 'body', ic.body, 'createdAt', ic.created_at, 'authorName', cu.name, 'mentionedIds', ic.mentioned_ids
        ) order by ic.created_at, ic.id)
        from item_comments ic join users cu on cu.id = ic.author_id
        where ic.checklist_item_id = ${itemRef}
      ), '[]'::json)`,
      // Who may see the item (and so be mentioned): the vendor's active staff and the customer's own people.
      people: sql<Json<{ id: string; name: string }[]>>`coalesce((
        select json_agg(json_build_object('id', pu.id, 'name', pu.name) order by pu.name)
        from users pu join organizations po on po.id = pu.organization_id
        where pu.disabled_at is null and pu.invited = false and (po.kind = 'vendor' or po.id = ${customerRef})
      ), '[]'::json)`,
    })
    .from(checklistItems)
    .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .leftJoin(owner, eq(owner.id, checklistItems.ownerId))
    .leftJoin(editor, eq(editor.id, checklistItems.updatedById))
    .where(and(eq(checklistItems.id, itemId), eq(checklistItems.implementationId, implementationId), implementationScope(viewer)))
    .limit(1)
    .prepare("item_facts")
    .execute();
  if (!row) throw notFound("Checklist item");
  return row;
}

// One read per page render for the same viewer and item (React's cache keys on the arguments).
export const loadItemFacts = cache(readItemFacts);

export type ItemFacts = Awaited<ReturnType<typeof readItemFacts>>;
