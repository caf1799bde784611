"use server";

// Writes on an implementation's phase plan: a phase's dates, success signal and exit criteria,
// and whether those criteria are met.
import { defineFormAction } from "@/lib/actions/action";
import { savePhase, setPhaseExit } from "@/lib/dal/cutover";
import { savePhaseSchema, setPhaseExitSchema } from "@/lib/validation/cutover";

// The timeline draws the phase spans.
const affected = (data: { implementationId: string }) => [`/implementations/${data.implementationId}/phases`, "/timeline"];

export const savePhaseAction = defineFormAction({
  schema: savePhaseSchema,
  run: (input, { viewer, requestId }) => savePhase(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const setPhaseExitAction = defineFormAction({
  schema: setPhaseExitSchema,
  run: (input, { viewer, requestId }) => setPhaseExit(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});
