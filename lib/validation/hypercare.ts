import { id, requiredText } from "./common";
import { z } from "./zod";

// Acknowledging an open hypercare alert (lib/dal/hypercare.ts): who owns it now, what they do
// next, and what should be seen when it worked.
export const acknowledgeHypercareAlertSchema = z.object({
  alertId: id("Alert"),
  ownerId: z.uuid("Choose a person on this implementation."),
  nextStep: requiredText(500, "Next step"),
  expectedOutcome: requiredText(500, "Expected outcome"),
});

export type AcknowledgeHypercareAlertInput = z.output<typeof acknowledgeHypercareAlertSchema>;
