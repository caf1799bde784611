import { id, requiredText } from "./common";
import { z } from "./zod";

// The form of an interface's hand-set watch rules (docs/hypercare.md). Each field is blank
// (keep the default) or a number within bounds a person would mean; the error rate is typed as
// a percentage and kept as a share.

export const watchRuleBounds = {
  noTrafficMinutes: { min: 5, max: 10_080, integer: true, label: "No traffic for longer than (minutes)" },
  businessStartHour: { min: 0, max: 23, integer: true, label: "Business hours start (UTC hour)" },
  businessEndHour: { min: 1, max: 24, integer: true, label: "Business hours end (UTC hour)" },
  bandWidth: { min: 0.5, max: 10, integer: false, label: "Band width (× spread)" },
  minSamples: { min: 1, max: 12, integer: true, label: "Weeks needed before a band is learned" },
  errorRatePercent: { min: 0.1, max: 100, integer: false, label: "Error rate above (%)" },
  fingerprintUnchangedMinutes: { min: 15, max: 10_080, integer: true, label: "Same content fingerprint for longer than (minutes)" },
} as const;

const optionalNumber = (key: keyof typeof watchRuleBounds) => {
  const { min, max, integer, label } = watchRuleBounds[key];
  return z
    .string({ error: `${label} must be a number.` })
    // Left out of the form (the "use the defaults" button) is blank.
    .default("")
    .transform((v, ctx) => {
      const trimmed = v.trim();
      if (trimmed === "") return null;
      if (!(integer ? /^\d{1,6}$/ : /^\d{1,6}(\.\d{1,3})?$/).test(trimmed)) {
        ctx.addIssue({ code: "custom", message: `${label} must be ${integer ? "a whole number" : "a number"} from ${min} to ${max}, or blank for the default.` });
        return z.NEVER;
      }
      const value = Number(trimmed);
      if (value < min || value > max) {
        ctx.addIssue({ code: "custom", message: `${label} must be from ${min} to ${max}, or blank for the default.` });
        return z.NEVER;
      }
      return value;
    });
};

export const setWatchRulesSchema = z
  .object({
    interfaceId: id("Interface"),
    // 0 for an interface whose rules were never set by hand.
    version: z.coerce.number({ error: "The form is out of date. Reload the page." }).int().min(0),
    noTrafficMinutes: optionalNumber("noTrafficMinutes"),
    businessStartHour: optionalNumber("businessStartHour"),
    businessEndHour: optionalNumber("businessEndHour"),
    bandWidth: optionalNumber("bandWidth"),
    minSamples: optionalNumber("minSamples"),
    errorRatePercent: optionalNumber("errorRatePercent"),
    fingerprintUnchangedMinutes: optionalNumber("fingerprintUnchangedMinutes"),
  })
  .superRefine((v, ctx) => {
    if ((v.businessStartHour === null) !== (v.businessEndHour === null)) {
      const path = v.businessStartHour === null ? "businessStartHour" : "businessEndHour";
      ctx.addIssue({ code: "custom", path: [path], message: "Give both the start and the end of business hours, or leave both blank for the default." });
    } else if (v.businessStartHour !== null && v.businessEndHour !== null && v.businessStartHour >= v.businessEndHour) {
      ctx.addIssue({ code: "custom", path: ["businessEndHour"], message: "Business hours must end after they start." });
    }
  });
export type SetWatchRulesInput = z.output<typeof setWatchRulesSchema>;

// Acknowledging an open hypercare alert (lib/dal/hypercare.ts): who owns it now, what they do
// next, and what should be seen when it worked.
export const acknowledgeHypercareAlertSchema = z.object({
  alertId: id("Alert"),
  ownerId: z.uuid("Choose a person on this implementation."),
  nextStep: requiredText(500, "Next step"),
  expectedOutcome: requiredText(500, "Expected outcome"),
});

export type AcknowledgeHypercareAlertInput = z.output<typeof acknowledgeHypercareAlertSchema>;
