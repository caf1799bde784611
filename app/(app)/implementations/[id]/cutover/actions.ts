"use server";

// Writes on an implementation's cutover plan: its dated steps, each with an owner, and whether
// each is done.
import { defineFormAction } from "@/lib/actions/action";
import { addCutoverStep, addStandardCutoverSteps, removeCutoverStep, setCutoverStepDone, updateCutoverStep } from "@/lib/dal/cutover";
import {
  addCutoverStepSchema,
  addStandardCutoverStepsSchema,
  removeCutoverStepSchema,
  setCutoverStepDoneSchema,
  updateCutoverStepSchema,
} from "@/lib/validation/cutover";

// The timeline marks the steps.
const affected = (data: { implementationId: string }) => [`/implementations/${data.implementationId}/cutover`, "/timeline"];

export const addCutoverStepAction = defineFormAction({
  schema: addCutoverStepSchema,
  run: (input, { viewer, requestId }) => addCutoverStep(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const addStandardCutoverStepsAction = defineFormAction({
  schema: addStandardCutoverStepsSchema,
  run: (input, { viewer, requestId }) => addStandardCutoverSteps(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const updateCutoverStepAction = defineFormAction({
  schema: updateCutoverStepSchema,
  run: (input, { viewer, requestId }) => updateCutoverStep(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const setCutoverStepDoneAction = defineFormAction({
  schema: setCutoverStepDoneSchema,
  run: (input, { viewer, requestId }) => setCutoverStepDone(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const removeCutoverStepAction = defineFormAction({
  schema: removeCutoverStepSchema,
  run: (input, { viewer, requestId }) => removeCutoverStep(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});
