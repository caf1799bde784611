"use server";

// Writes on one checklist item: edit its fields, record evidence.
import { defineFormAction } from "@/lib/actions/action";
import { recordEvidence, updateItem } from "@/lib/dal/checklist";
import { recordEvidenceSchema, updateItemSchema } from "@/lib/validation/checklist";

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
