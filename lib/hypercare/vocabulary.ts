// The rules of the silent-failure watch (lib/hypercare/evaluate.ts), as stored on an alert.
export const hypercareAlertRules = ["no_traffic", "volume_below_band", "error_rate", "content_unchanged"] as const;
export type HypercareAlertRule = (typeof hypercareAlertRules)[number];

export const hypercareRuleLabels: Record<HypercareAlertRule, string> = {
  no_traffic: "No traffic",
  volume_below_band: "Volume below its usual band",
  error_rate: "Error rate above threshold",
  content_unchanged: "Content unchanged",
};
