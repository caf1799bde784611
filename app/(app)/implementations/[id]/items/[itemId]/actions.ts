"use server";

// Writes on one checklist item: edit its fields, record evidence, block and unblock it.
import { defineFormAction } from "@/lib/actions/action";
import { blockItem, recordEvidence, unblockItem, updateItem } from "@/lib/dal/checklist";
import { blockItemSchema, recordEvidenceSchema, unblockItemSchema, updateItemSchema } from "@/lib/validation/checklist";

const affected = (data: { implementationId: string }, itemId: string) => [
  "/",
  `/implementations/${data.implementationId}`,
  `/implementations/${data.implementationId}/items/${itemId}`,
];

export const updateItemAction = defineFormAction({
  schema: updateItemSchema,
  run: (input, { viewer, requestId }) => updateItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const recordEvidenceAction = defineFormAction({
  schema: recordEvidenceSchema,
  run: (input, { viewer, requestId }) => recordEvidence(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const blockItemAction = defineFormAction({
  schema: blockItemSchema,
  run: (input, { viewer, requestId }) => blockItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const unblockItemAction = defineFormAction({
  schema: unblockItemSchema,
  run: (input, { viewer, requestId }) => unblockItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});
