"use server";

// Acknowledging an open hypercare alert from the blockers view: an owner, the next step and the
// expected outcome (lib/dal/hypercare.ts).
import { defineFormAction } from "@/lib/actions/action";
import { acknowledgeHypercareAlert } from "@/lib/dal/hypercare";
import { acknowledgeHypercareAlertSchema } from "@/lib/validation/hypercare";

export const acknowledgeHypercareAlertAction = defineFormAction({
  schema: acknowledgeHypercareAlertSchema,
  run: (input, { viewer, requestId }) => acknowledgeHypercareAlert(viewer, input, requestId),
  revalidate: (_input, data) => ["/blockers", "/", `/implementations/${data.implementationId}`, `/implementations/${data.implementationId}/activity`],
});
