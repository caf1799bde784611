import { phases } from "@/lib/domain/vocabulary";
import { dateTime, id, nameText, optionalIsoDate, text, version } from "./common";
import { z } from "./zod";

// Forms of the phase plan and the cutover plan (lib/dal/cutover.ts).

const phase = z.enum(phases, { error: "Choose a phase." });

// A phase not planned yet has no row: its form carries version 0.
const phaseVersion = z.coerce.number({ error: "The form is out of date. Reload the page." }).int().min(0);

export const savePhaseSchema = z
  .object({
    implementationId: id("Implementation"),
    phase,
    version: phaseVersion,
    plannedStart: optionalIsoDate("Planned start"),
    plannedEnd: optionalIsoDate("Planned end"),
    successSignal: text(2000, "Success signal"),
    exitCriteria: text(2000, "Exit criteria"),
  })
  .superRefine((v, ctx) => {
    if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart) {
      ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "The planned end cannot be before the planned start." });
    }
  });

export type SavePhaseInput = z.output<typeof savePhaseSchema>;

export const setPhaseExitSchema = z.object({
  implementationId: id("Implementation"),
  phase,
  version,
  exit: z.enum(["met", "not_met"], { error: "Say whether the exit criteria are met." }),
});

export type SetPhaseExitInput = z.output<typeof setPhaseExitSchema>;

const stepFields = {
  title: nameText(200, "Step"),
  detail: text(2000, "Details"),
  ownerId: id("Owner"),
  dueAt: dateTime("Due"),
};

export const addCutoverStepSchema = z.object({ implementationId: id("Implementation"), ...stepFields });

export type AddCutoverStepInput = z.output<typeof addCutoverStepSchema>;

export const updateCutoverStepSchema = z.object({ stepId: id("Cutover step"), version, ...stepFields });

export type UpdateCutoverStepInput = z.output<typeof updateCutoverStepSchema>;

export const setCutoverStepDoneSchema = z.object({
  stepId: id("Cutover step"),
  version,
  done: z.enum(["done", "not_done"], { error: "Say whether the step is done." }),
});

export type SetCutoverStepDoneInput = z.output<typeof setCutoverStepDoneSchema>;

export const removeCutoverStepSchema = z.object({ stepId: id("Cutover step"), version });

export type RemoveCutoverStepInput = z.output<typeof removeCutoverStepSchema>;

export const addStandardCutoverStepsSchema = z.object({ implementationId: id("Implementation") });

export type AddStandardCutoverStepsInput = z.output<typeof addStandardCutoverStepsSchema>;
