import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { blockerSearchDocument, checklistItems, implementations, itemSearchDocument, organizations } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { authorize } from "./policy";
import { implementationScope } from "./tenant";

// Text search across the implementations, checklist items and open blockers the viewer may
// see: PostgreSQL full-text search (the "english" configuration: stemmed, stop words
// dropped), the person's words read by websearch_to_tsquery (quotes for a phrase, "or",
// a leading minus to exclude), best matches first. The tenant condition is in each
// statement's WHERE, as everywhere: customer IT never find another organization's rows.
// Works the same on embedded PGlite.

const LIMIT = 20;

// Items match against the very expression their GIN index holds (db/schema,
// checklist_items_search_idx), so the index serves the search. Blockers are matched among
// blocked items only, which the open-blockers index narrows to a few rows. An implementation's
// document spans two tables (its name and its customer's), which no single index can hold;
// there is one row per go-live, so that scan stays small.
const implementationDocument = sql`to_tsvector('english', ${implementations.name} || ' ' || ${organizations.name})`;
const itemDocument = itemSearchDocument(checklistItems);
const blockerDocument = blockerSearchDocument(checklistItems);

export type SearchResults = Awaited<ReturnType<typeof searchEverything>>;

export async function searchEverything(viewer: Viewer, q: string) {
  authorize(viewer, "implementation.read");
  if (!q.trim()) return { implementations: [], items: [], blockers: [] };
  const db = getDb();
  const query = sql`websearch_to_tsquery('english', ${q})`;
  const scope = (extra: SQL) => and(extra, implementationScope(viewer));

  const [implementationRows, itemRows, blockerRows] = await Promise.all([
    db
      .select({
        id: implementations.id,
        name: implementations.name,
        customerName: organizations.name,
        status: implementations.status,
        goLiveDate: implementations.goLiveDate,
      })
      .from(implementations)
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .where(scope(sql`${implementationDocument} @@ ${query}`))
      .orderBy(desc(sql`ts_rank(${implementationDocument}, ${query})`), implementations.name)
      .limit(LIMIT),
    db
      .select({
        id: checklistItems.id,
        title: checklistItems.title,
        status: checklistItems.status,
        implementationId: implementations.id,
        implementationName: implementations.name,
        customerName: organizations.name,
        snippet: sql<string>`ts_headline('english', ${checklistItems.description} || ' ' || ${checklistItems.nextStep}, ${query}, 'MaxWords=18, MinWords=6, StartSel=«, StopSel=»')`,
      })
      .from(checklistItems)
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .where(scope(sql`${itemDocument} @@ ${query}`))
      .orderBy(desc(sql`ts_rank(${itemDocument}, ${query})`), implementations.name, checklistItems.position)
      .limit(LIMIT),
    db
      .select({
        itemId: checklistItems.id,
        itemTitle: checklistItems.title,
        reason: sql<string>`${checklistItems.blockerReason}`,
        severity: sql<"go_live" | "post_live">`${checklistItems.blockerSeverity}`,
        blockedSince: sql<string>`${checklistItems.blockedSince}`,
        implementationId: implementations.id,
        implementationName: implementations.name,
        customerName: organizations.name,
      })
      .from(checklistItems)
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
      .where(scope(sql`${checklistItems.status} = 'blocked' and ${blockerDocument} @@ ${query}`))
      .orderBy(desc(sql`ts_rank(${blockerDocument}, ${query})`), sql`${checklistItems.blockedSince} asc`)
      .limit(LIMIT),
  ]);
  return { implementations: implementationRows, items: itemRows, blockers: blockerRows };
}
