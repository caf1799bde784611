import { defaultRules, type HypercareRules } from "./evaluate";

// The rules in force for an interface: the defaults (evaluate.ts defaultRules) with the
// interface's hand-set overrides (interface_watch_rules) on top, field by field. A column left
// null keeps the default; an interface with no row watches with the defaults.

export type WatchRuleOverrides = {
  noTrafficMinutes: number | null;
  businessStartHour: number | null;
  businessEndHour: number | null;
  bandWidth: number | null;
  minSamples: number | null;
  errorRateThreshold: number | null;
  fingerprintUnchangedMinutes: number | null;
};

export const noOverrides: WatchRuleOverrides = {
  noTrafficMinutes: null,
  businessStartHour: null,
  businessEndHour: null,
  bandWidth: null,
  minSamples: null,
  errorRateThreshold: null,
  fingerprintUnchangedMinutes: null,
};

export function mergeRules(overrides: WatchRuleOverrides | null | undefined, defaults: HypercareRules = defaultRules): HypercareRules {
  const o = overrides ?? noOverrides;
  return {
    noTrafficMinutes: o.noTrafficMinutes ?? defaults.noTrafficMinutes,
    businessHours: {
      startHour: o.businessStartHour ?? defaults.businessHours.startHour,
      endHour: o.businessEndHour ?? defaults.businessHours.endHour,
    },
    bandWidth: o.bandWidth ?? defaults.bandWidth,
    minSamples: o.minSamples ?? defaults.minSamples,
    errorRateThreshold: o.errorRateThreshold ?? defaults.errorRateThreshold,
    fingerprintUnchangedMinutes: o.fingerprintUnchangedMinutes ?? defaults.fingerprintUnchangedMinutes,
  };
}

// Which fields of the rules in force are hand-set (for the page: "set by hand" vs "default").
export function overriddenFields(overrides: WatchRuleOverrides | null | undefined): Set<keyof WatchRuleOverrides> {
  const out = new Set<keyof WatchRuleOverrides>();
  if (!overrides) return out;
  for (const [key, value] of Object.entries(overrides)) if (value !== null) out.add(key as keyof WatchRuleOverrides);
  return out;
}
