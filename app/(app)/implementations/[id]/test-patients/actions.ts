"use server";

// Writes on an implementation's test-patient register: synthetic patients, their scenarios,
// and each scenario's result.
import { defineFormAction } from "@/lib/actions/action";
import { addScenario, addTestPatient, recordScenarioResult, removeScenario, removeTestPatient } from "@/lib/dal/test-patients";
import {
  addScenarioSchema,
  addTestPatientSchema,
  recordScenarioResultSchema,
  removeScenarioSchema,
  removeTestPatientSchema,
} from "@/lib/validation/registers";

// Coverage shows on the implementation page's alerts too.
const affected = (data: { implementationId: string }) => [
  `/implementations/${data.implementationId}`,
  `/implementations/${data.implementationId}/test-patients`,
];

export const addTestPatientAction = defineFormAction({
  schema: addTestPatientSchema,
  run: (input, { viewer, requestId }) => addTestPatient(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const removeTestPatientAction = defineFormAction({
  schema: removeTestPatientSchema,
  run: (input, { viewer, requestId }) => removeTestPatient(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const addScenarioAction = defineFormAction({
  schema: addScenarioSchema,
  run: (input, { viewer, requestId }) => addScenario(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const recordScenarioResultAction = defineFormAction({
  schema: recordScenarioResultSchema,
  run: (input, { viewer, requestId }) => recordScenarioResult(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const removeScenarioAction = defineFormAction({
  schema: removeScenarioSchema,
  run: (input, { viewer, requestId }) => removeScenario(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});
