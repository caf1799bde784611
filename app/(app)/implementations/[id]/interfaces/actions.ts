"use server";

// Writes on an implementation's interface inventory, source-of-truth map, payload rules and
// sample payload reviews.
import { defineFormAction } from "@/lib/actions/action";
import { setInterfaceWatchRules } from "@/lib/dal/interface-watch";
import { addInterface, confirmInventory, importInterfaces, recordPayloadReview, savePayloadRule, setSourceOfTruth, updateInterface } from "@/lib/dal/interfaces";
import { setWatchRulesSchema } from "@/lib/validation/hypercare";
import {
  addInterfaceSchema,
  confirmInventorySchema,
  importInterfacesSchema,
  reviewPayloadSchema,
  savePayloadRuleSchema,
  setSourceOfTruthSchema,
  updateInterfaceSchema,
} from "@/lib/validation/interfaces";

// The inventory feeds the gate (source of truth) and the implementation page.
const affected = (data: { implementationId: string }) => ["/", `/implementations/${data.implementationId}`, `/implementations/${data.implementationId}/interfaces`];

export const addInterfaceAction = defineFormAction({
  schema: addInterfaceSchema,
  run: (input, { viewer, requestId }) => addInterface(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const updateInterfaceAction = defineFormAction({
  schema: updateInterfaceSchema,
  run: (input, { viewer, requestId }) => updateInterface(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const setSourceOfTruthAction = defineFormAction({
  schema: setSourceOfTruthSchema,
  run: (input, { viewer, requestId }) => setSourceOfTruth(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const savePayloadRuleAction = defineFormAction({
  schema: savePayloadRuleSchema,
  run: (input, { viewer, requestId }) => savePayloadRule(viewer, input, requestId),
  revalidate: (_input, data) => [`/implementations/${data.implementationId}/interfaces/review`],
});

// The payload lives only in this request: the result carries counts and the review's id.
export const reviewPayloadAction = defineFormAction({
  schema: reviewPayloadSchema,
  run: (input, { viewer, requestId }) => recordPayloadReview(viewer, input, requestId),
  revalidate: (_input, data) => [...affected(data), `/implementations/${data.implementationId}/interfaces/review`],
});

// All rows of a spreadsheet, or none.
export const importInterfacesAction = defineFormAction({
  schema: importInterfacesSchema,
  run: (input, { viewer, requestId }) => importInterfaces(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

// Customer IT confirms the list as they saw it (bound to its SHA-256).
export const confirmInventoryAction = defineFormAction({
  schema: confirmInventorySchema,
  run: (input, { viewer, requestId }) => confirmInventory(viewer, input, requestId),
  revalidate: (_input, data) => [`/implementations/${data.implementationId}/interfaces`],
});

// An interface's hand-set watch rules; every field blank clears them.
export const setWatchRulesAction = defineFormAction({
  schema: setWatchRulesSchema,
  run: (input, { viewer, requestId }) => setInterfaceWatchRules(viewer, input, requestId),
  revalidate: (_input, data) => [`/implementations/${data.implementationId}/interfaces/${data.interfaceId}`],
});
