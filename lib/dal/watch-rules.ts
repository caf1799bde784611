import "server-only";
import { inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { interfaceWatchRules } from "@/db/schema";
import type { HypercareRules } from "@/lib/hypercare/evaluate";
import { mergeRules } from "@/lib/hypercare/merge-rules";

// Reads the hand-set watch rules (interface_watch_rules) for the silent-failure watch; the
// merge over the defaults is pure (lib/hypercare/merge-rules.ts). lib/hypercare/rules.ts is
// where callers import it from.

// The rules in force for each interface asked about (every id gets an entry, defaults when
// nothing is set). Callers have already scoped the ids to what the reader may see.
export async function hypercareRulesFor(tx: Executor, interfaceIds: string[]): Promise<Map<string, HypercareRules>> {
  const out = new Map<string, HypercareRules>();
  const ids = [...new Set(interfaceIds)];
  if (ids.length === 0) return out;
  const rows = await tx.select().from(interfaceWatchRules).where(inArray(interfaceWatchRules.interfaceId, ids));
  const byInterface = new Map(rows.map((r) => [r.interfaceId, r]));
  for (const id of ids) out.set(id, mergeRules(byInterface.get(id)));
  return out;
}
