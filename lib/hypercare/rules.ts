import "server-only";
import { defaultRules, type HypercareRules } from "./evaluate";

// The rules each interface is watched with. Every interface uses defaultRules until hand-set
// rules per interface exist; callers ask for several interfaces at once, passing the database
// or transaction they read with (lib/dal's Executor), so a table of overrides can answer in one
// query inside the evaluation's transaction.
export async function hypercareRulesFor(_db: unknown, interfaceIds: string[]): Promise<Map<string, HypercareRules>> {
  return new Map(interfaceIds.map((id) => [id, defaultRules]));
}
