import "server-only";
import type { Executor } from "@/db";
import { defaultRules, type HypercareRules } from "./evaluate";

// The rules each interface is watched with. Every interface uses defaultRules until hand-set
// rules per interface exist; callers ask for several interfaces at once so a table of
// overrides can answer in one query.
export async function hypercareRulesFor(_db: Executor, interfaceIds: string[]): Promise<Map<string, HypercareRules>> {
  return new Map(interfaceIds.map((id) => [id, defaultRules]));
}
