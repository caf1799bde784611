"use server";

// Writes on one implementation: record a configuration change.
import { defineFormAction } from "@/lib/actions/action";
import { recordConfigurationChange } from "@/lib/dal/configuration";
import { recordConfigurationChangeSchema } from "@/lib/validation/configuration";

export const recordConfigurationChangeAction = defineFormAction({
  schema: recordConfigurationChangeSchema,
  run: (input, { viewer, requestId }) => recordConfigurationChange(viewer, input, requestId),
  // Staleness shows on the portfolio and the implementation page; item pages render per request.
  revalidate: (_input, data) => ["/", `/implementations/${data.implementationId}`],
});
