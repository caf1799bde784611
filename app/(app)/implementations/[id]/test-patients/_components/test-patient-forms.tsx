"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { environmentLabel, scenarioResultLabel, workflowLabel } from "@/lib/labels";
import { scenarioResults, workflows, type EnvironmentKind, type ScenarioResult, type Workflow } from "@/lib/vocabulary";
import { addScenarioAction, addTestPatientAction, recordScenarioResultAction, removeScenarioAction, removeTestPatientAction } from "../actions";

const button = "rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60";
const removeButton = "rounded-md border border-rose-400 px-3 py-1 text-xs font-semibold text-rose-900 hover:bg-rose-50 disabled:opacity-60";

export function AddTestPatientForm({ implementationId, environments }: { implementationId: string; environments: { id: string; kind: EnvironmentKind }[] }) {
  const [state, formAction, pending] = useActionState(addTestPatientAction, null);
  const form = useResetOnSuccess(state);
  const F = "patient";
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const production = environments.find((e) => e.kind === "production");
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Add a test patient" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <p id={`${F}-rule`} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <strong>Test identifiers only.</strong> Never a real person&apos;s name, date of birth, MRN, phone number, e-mail or Social Security number: use the
        synthetic patient&apos;s label and its identifier in the EHR&apos;s test system (e.g. ZZTEST1001).
      </p>
      <FormMessage state={state} success="Test patient added." />
      <div className="grid gap-3 md:grid-cols-3">
        <div>
          <label htmlFor={`${F}-label`} className="text-sm font-medium">Label</label>
          <input {...fieldProps(F, "label", errors)} aria-describedby={`${F}-rule${errors?.label ? ` ${F}-label-error` : ""}`} placeholder="Test patient A (synthetic)" className={inputClass} />
          <FieldError formId={F} name="label" errors={errors?.label} />
        </div>
        <div>
          <label htmlFor={`${F}-testIdentifier`} className="text-sm font-medium">Test identifier (MRN in the test system)</label>
          <input
            {...fieldProps(F, "testIdentifier", errors)}
            aria-describedby={`${F}-rule${errors?.testIdentifier ? ` ${F}-testIdentifier-error` : ""}`}
            placeholder="ZZTEST1001"
            autoComplete="off"
            className={`${inputClass} font-mono`}
          />
          <FieldError formId={F} name="testIdentifier" errors={errors?.testIdentifier} />
        </div>
        <div>
          <label htmlFor={`${F}-environmentId`} className="text-sm font-medium">Environment</label>
          <select {...fieldProps(F, "environmentId", errors)} defaultValue={production?.id} className={inputClass}>
            {environments.map((e) => (
              <option key={e.id} value={e.id}>{environmentLabel[e.kind]}</option>
            ))}
          </select>
          <FieldError formId={F} name="environmentId" errors={errors?.environmentId} />
        </div>
      </div>
      <div>
        <label htmlFor={`${F}-note`} className="text-sm font-medium">Note (optional)</label>
        <input {...fieldProps(F, "note", errors)} className={inputClass} />
        <FieldError formId={F} name="note" errors={errors?.note} />
      </div>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Adding…" : "Add test patient"}
      </button>
    </form>
  );
}

function ResultSelect({ formId, errors, defaultValue }: { formId: string; errors?: Record<string, string[]>; defaultValue: ScenarioResult }) {
  return (
    <div>
      <label htmlFor={`${formId}-result`} className="text-sm font-medium">Result</label>
      <select {...fieldProps(formId, "result", errors)} defaultValue={defaultValue} className={inputClass}>
        {scenarioResults.map((r) => (
          <option key={r} value={r}>{scenarioResultLabel[r]}</option>
        ))}
      </select>
      <FieldError formId={formId} name="result" errors={errors?.result} />
    </div>
  );
}

export function AddScenarioForm({ testPatientId, label, workflowsInScope }: { testPatientId: string; label: string; workflowsInScope: readonly Workflow[] }) {
  const [state, formAction, pending] = useActionState(addScenarioAction, null);
  const form = useResetOnSuccess(state);
  const F = `scenario-${testPatientId}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const ordered = [...workflowsInScope, ...workflows.filter((w) => !workflowsInScope.includes(w))];
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Add a scenario for ${label}`} className="mt-3 space-y-3">
      <input type="hidden" name="testPatientId" value={testPatientId} />
      <FormMessage state={state} success="Scenario added." />
      <div className="grid gap-3 md:grid-cols-3">
        <div>
          <label htmlFor={`${F}-workflowSurface`} className="text-sm font-medium">Workflow surface</label>
          <select {...fieldProps(F, "workflowSurface", errors)} defaultValue={ordered[0]} className={inputClass}>
            {ordered.map((w) => (
              <option key={w} value={w}>
                {workflowLabel[w]}
                {workflowsInScope.includes(w) ? "" : " (not in scope)"}
              </option>
            ))}
          </select>
          <FieldError formId={F} name="workflowSurface" errors={errors?.workflowSurface} />
        </div>
        <div className="md:col-span-2">
          <label htmlFor={`${F}-scenario`} className="text-sm font-medium">Scenario</label>
          <input {...fieldProps(F, "scenario", errors)} placeholder="Appointment rescheduled across departments" className={inputClass} />
          <FieldError formId={F} name="scenario" errors={errors?.scenario} />
        </div>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={`${F}-expectedOutcome`} className="text-sm font-medium">Expected outcome</label>
          <textarea {...fieldProps(F, "expectedOutcome", errors)} rows={2} className={inputClass} />
          <FieldError formId={F} name="expectedOutcome" errors={errors?.expectedOutcome} />
        </div>
        <div>
          <label htmlFor={`${F}-observedOutcome`} className="text-sm font-medium">Observed outcome (when run)</label>
          <textarea {...fieldProps(F, "observedOutcome", errors)} rows={2} className={inputClass} />
          <FieldError formId={F} name="observedOutcome" errors={errors?.observedOutcome} />
        </div>
      </div>
      <div className="max-w-xs">
        <ResultSelect formId={F} errors={errors} defaultValue="not_run" />
      </div>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Adding…" : "Add scenario"}
      </button>
    </form>
  );
}

export function RecordScenarioForm({ scenarioId, scenario, version, result, observedOutcome }: { scenarioId: string; scenario: string; version: number; result: ScenarioResult; observedOutcome: string }) {
  const [state, formAction, pending] = useActionState(recordScenarioResultAction, null);
  const F = `run-${scenarioId}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Record the result of ${scenario}`} className="mt-2 space-y-2">
      <input type="hidden" name="scenarioId" value={scenarioId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Result recorded." />
      <ResultSelect formId={F} errors={errors} defaultValue={result} />
      <div>
        <label htmlFor={`${F}-observedOutcome`} className="text-sm font-medium">Observed outcome</label>
        <textarea {...fieldProps(F, "observedOutcome", errors)} defaultValue={observedOutcome} rows={2} className={inputClass} />
        <FieldError formId={F} name="observedOutcome" errors={errors?.observedOutcome} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Saving…" : "Record result"}
      </button>
    </form>
  );
}

export function RemoveForm({ kind, id, version, name }: { kind: "patient" | "scenario"; id: string; version: number; name: string }) {
  const [state, formAction, pending] = useActionState(kind === "patient" ? removeTestPatientAction : removeScenarioAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Remove ${name}`} className="mt-2">
      <input type="hidden" name={kind === "patient" ? "testPatientId" : "scenarioId"} value={id} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <button type="submit" disabled={pending} className={removeButton}>
        {pending ? "Removing…" : kind === "patient" ? "Remove test patient" : "Remove scenario"}
      </button>
    </form>
  );
}
