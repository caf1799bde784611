"use server";

// Resolving a blocker from the cross-portfolio blockers view: the same unblock as on the item.
// Acknowledging an open hypercare alert there: an owner, the next step and the expected outcome
// (lib/dal/hypercare.ts).
import { defineFormAction } from "@/lib/actions/action";
import { unblockItem } from "@/lib/dal/checklist";
import { acknowledgeHypercareAlert } from "@/lib/dal/hypercare";
import { unblockItemSchema } from "@/lib/validation/checklist";
import { acknowledgeHypercareAlertSchema } from "@/lib/validation/hypercare";

export const resolveBlockerAction = defineFormAction({
  schema: unblockItemSchema,
  run: (input, { viewer, requestId }) => unblockItem(viewer, input, requestId),
  revalidate: (input, data) => [
    "/blockers",
    "/my-work",
    "/",
    `/implementations/${data.implementationId}`,
    `/implementations/${data.implementationId}/items/${input.itemId}`,
    `/implementations/${data.implementationId}/activity`,
  ],
});

export const acknowledgeHypercareAlertAction = defineFormAction({
  schema: acknowledgeHypercareAlertSchema,
  run: (input, { viewer, requestId }) => acknowledgeHypercareAlert(viewer, input, requestId),
  revalidate: (_input, data) => ["/blockers", "/", `/implementations/${data.implementationId}`, `/implementations/${data.implementationId}/activity`],
});
