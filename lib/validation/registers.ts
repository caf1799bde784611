import { permissionInterfaces, permissionResults, scenarioResults, workflows } from "@/lib/domain/vocabulary";
import { checkPermission, MAX_PERMISSION_LENGTH } from "@/lib/registers/permission-format";
import { detectPhi } from "@/lib/registers/phi";
import { checkbox, id, nameText, optionalId, requiredText, text, version } from "./common";
import { z } from "./zod";

// Forms of the permission matrix and the test-patient register.

// Label and identifier are compared by eye, so they are names (no invisible or direction-
// changing characters), and must not look like a real person's details (docs/design.md: never real patient data).
const synthetic = (max: number, label: string) =>
  nameText(max, label).superRefine((v, ctx) => {
    const phi = detectPhi(v);
    if (phi) ctx.addIssue({ code: "custom", message: `${label} ${phi.message}` });
  });

// A cell that does not exist yet (never recorded) has version 0.
const cellVersion = z.coerce.number({ error: "The form is out of date. Reload the page." }).int().min(0);

// The interface of the inventory a row or scenario belongs to; empty (or absent) means none.
// The DAL checks it belongs to the same implementation.
const interfaceId = z.preprocess((v) => v ?? "", optionalId("Interface"));

const permissionResult = z.enum(permissionResults, { error: "Choose granted, denied, error or unverified." });

export const addPermissionRowSchema = z
  .object({
    implementationId: id("Implementation"),
    interface: z.enum(permissionInterfaces, { error: "Choose FHIR API, HL7 v2 feed or proprietary API." }),
    permission: z.string().max(MAX_PERMISSION_LENGTH * 4, `A permission is at most ${MAX_PERMISSION_LENGTH} characters.`),
    interfaceId,
    required: checkbox,
    note: text(2000, "Note"),
  })
  .transform((input, ctx) => {
    const check = checkPermission(input.interface, input.permission);
    if (!check.ok) {
      ctx.addIssue({ code: "custom", path: ["permission"], message: check.error });
      return z.NEVER;
    }
    return { ...input, permission: check.value };
  });

export type AddPermissionRowInput = z.output<typeof addPermissionRowSchema>;

export const addCatalogRowsSchema = z.object({
  implementationId: id("Implementation"),
  workflow: z.enum(workflows, { error: "Choose a workflow." }),
  // Catalog keys ("fhir_api|system/Slot.rs"); the DAL keeps only those the catalog proposes.
  rows: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().max(400, "Choose rows from the catalog."))
      .max(100, "Choose rows from the catalog.")
      .min(1, "Choose at least one row to add."),
  ),
});

export type AddCatalogRowsInput = z.output<typeof addCatalogRowsSchema>;

// The rows an interface of the inventory needs, proposed from its message types and resources.
export const addInterfaceRowsSchema = z.object({
  implementationId: id("Implementation"),
  interfaceId: id("Interface"),
});

export type AddInterfaceRowsInput = z.output<typeof addInterfaceRowsSchema>;

export const updatePermissionRowSchema = z.object({
  requirementId: id("Permission row"),
  version,
  interfaceId,
  required: checkbox,
  note: text(2000, "Note"),
});

export type UpdatePermissionRowInput = z.output<typeof updatePermissionRowSchema>;

export const removePermissionRowSchema = z.object({ requirementId: id("Permission row"), version });

export type RemovePermissionRowInput = z.output<typeof removePermissionRowSchema>;

export const recordPermissionCheckSchema = z.object({
  requirementId: id("Permission row"),
  environmentId: id("Environment"),
  version: cellVersion,
  result: permissionResult,
  note: text(2000, "Note"),
});

export type RecordPermissionCheckInput = z.output<typeof recordPermissionCheckSchema>;

const CELL = /^([0-9a-f-]{36}):(\d{1,9})$/i;

export const setPermissionColumnSchema = z.object({
  implementationId: id("Implementation"),
  environmentId: id("Environment"),
  result: permissionResult,
  note: text(2000, "Note"),
  onlyUnverified: checkbox,
  // What the person saw: "requirementId:cellVersion" for each row of the column.
  cells: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string().regex(CELL, "The form is out of date. Reload the page."))
      .max(500, "The form is out of date. Reload the page.")
      .min(1, "This column has no rows yet.")
      .transform((list) => list.map((c) => ({ requirementId: c.slice(0, 36).toLowerCase(), version: Number(c.slice(37)) }))),
  ),
});

export type SetPermissionColumnInput = z.output<typeof setPermissionColumnSchema>;

export const addTestPatientSchema = z.object({
  implementationId: id("Implementation"),
  environmentId: id("Environment"),
  label: synthetic(120, "Label"),
  testIdentifier: synthetic(64, "Test identifier"),
  note: text(2000, "Note"),
});

export type AddTestPatientInput = z.output<typeof addTestPatientSchema>;

export const removeTestPatientSchema = z.object({ testPatientId: id("Test patient"), version });

export type RemoveTestPatientInput = z.output<typeof removeTestPatientSchema>;

// A pass or a fail says what was actually seen: "it worked" is not a result.
function requireObservedWhenRun(input: { result: string; observedOutcome: string }, ctx: z.RefinementCtx) {
  if (input.result !== "not_run" && input.observedOutcome === "") {
    ctx.addIssue({ code: "custom", path: ["observedOutcome"], message: "Say what you observed when you record a pass or a fail." });
  }
}

const scenarioResult = z.enum(scenarioResults, { error: "Choose not run, pass or fail." });

export const addScenarioSchema = z.object({
  testPatientId: id("Test patient"),
  workflowSurface: z.enum(workflows, { error: "Choose a workflow surface." }),
  interfaceId,
  scenario: requiredText(500, "Scenario"),
  expectedOutcome: requiredText(2000, "Expected outcome"),
  observedOutcome: text(2000, "Observed outcome"),
  result: scenarioResult,
}).superRefine(requireObservedWhenRun);

export type AddScenarioInput = z.output<typeof addScenarioSchema>;

export const recordScenarioResultSchema = z.object({
  scenarioId: id("Scenario"),
  version,
  result: scenarioResult,
  observedOutcome: text(2000, "Observed outcome"),
}).superRefine(requireObservedWhenRun);

export type RecordScenarioResultInput = z.output<typeof recordScenarioResultSchema>;

export const removeScenarioSchema = z.object({ scenarioId: id("Scenario"), version });

export type RemoveScenarioInput = z.output<typeof removeScenarioSchema>;
