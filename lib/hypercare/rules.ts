// The rules in force for an interface under the silent-failure watch: the defaults with its
// hand-set overrides on top (the merge is pure, merge-rules.ts; the read is in the data-access
// layer, lib/dal/watch-rules.ts). Callers: the interface page and the scheduled evaluation.
export { hypercareRulesFor } from "@/lib/dal/watch-rules";
export { mergeRules, noOverrides, overriddenFields, type WatchRuleOverrides } from "./merge-rules";
