"use server";

// Resolving a blocker from the cross-portfolio blockers view: the same unblock as on the item.
import { defineFormAction } from "@/lib/actions/action";
import { unblockItem } from "@/lib/dal/checklist";
import { unblockItemSchema } from "@/lib/validation/checklist";

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
