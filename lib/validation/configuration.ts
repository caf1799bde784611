import { id, optionalId, pastDateTime, requiredText } from "./common";
import { z } from "./zod";

export const recordConfigurationChangeSchema = z.object({
  implementationId: id("Implementation"),
  // Empty: the change touched every environment.
  environmentId: optionalId("Environment"),
  changedAt: pastDateTime("Changed at"),
  note: requiredText(2000, "What changed"),
});

export type RecordConfigurationChangeInput = z.output<typeof recordConfigurationChangeSchema>;
