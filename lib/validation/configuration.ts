import { z } from "zod";
import { id, optionalId, requiredText } from "./common";

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const recordConfigurationChangeSchema = z.object({
  implementationId: id("Implementation"),
  // Empty: the change touched every environment.
  environmentId: optionalId("Environment"),
  changedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: "Changed at must be a date and time.", abort: true })
    .transform((v) => new Date(`${v}${v.length === 16 ? ":00" : ""}Z`))
    .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2000, "Changed at is not a real date and time.")
    .refine((d) => d.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, "Changed at cannot be in the future."),
  note: requiredText(2000, "What changed"),
});

export type RecordConfigurationChangeInput = z.output<typeof recordConfigurationChangeSchema>;
