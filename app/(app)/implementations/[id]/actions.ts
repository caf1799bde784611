"use server";

// Writes on one implementation: record a configuration change, add an ad-hoc item, record the
// go/no-go decision.
import { defineFormAction } from "@/lib/actions/action";
import { addItem } from "@/lib/dal/checklist";
import { recordConfigurationChange } from "@/lib/dal/configuration";
import { recordGoLiveDecision } from "@/lib/dal/gate";
import { addItemSchema } from "@/lib/validation/checklist";
import { recordConfigurationChangeSchema } from "@/lib/validation/configuration";
import { recordDecisionSchema } from "@/lib/validation/sign-offs";

export const recordConfigurationChangeAction = defineFormAction({
  schema: recordConfigurationChangeSchema,
  run: (input, { viewer, requestId }) => recordConfigurationChange(viewer, input, requestId),
  // Staleness shows on the portfolio and the implementation page; item pages render per request.
  revalidate: (_input, data) => ["/", `/implementations/${data.implementationId}`],
});

export const addItemAction = defineFormAction({
  schema: addItemSchema,
  run: (input, { viewer, requestId }) => addItem(viewer, input, requestId),
  // The cutover tab offers the rollback plan and support hand-off items through this action.
  revalidate: (_input, data) => ["/", `/implementations/${data.implementationId}`, `/implementations/${data.implementationId}/cutover`],
});

export const recordGoLiveDecisionAction = defineFormAction({
  schema: recordDecisionSchema,
  run: (input, { viewer, requestId }) => recordGoLiveDecision(viewer, input, requestId),
  revalidate: (_input, data) => ["/", `/implementations/${data.implementationId}`, `/implementations/${data.implementationId}/report`],
});
