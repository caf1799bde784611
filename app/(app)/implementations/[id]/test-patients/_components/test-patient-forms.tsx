"use client";

import { useActionState } from "react";
import { EnvironmentField } from "@/components/implementation/environment-field";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { scenarioResults, workflows, type EnvironmentKind, type ScenarioResult, type Workflow } from "@/lib/domain/vocabulary";
import { scenarioResultLabel, workflowLabel } from "@/lib/format/labels";
import { addScenarioAction, addTestPatientAction, recordScenarioResultAction, removeScenarioAction, removeTestPatientAction } from "../actions";

const button = buttonClass();
const removeButton = buttonClass({ variant: "remove", size: "xs" });

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
        <Field form={F} name="label" label="Label" errors={errors} describedBy={`${F}-rule`}>
          {(control) => <input {...control} placeholder="Test patient A (synthetic)" />}
        </Field>
        <Field form={F} name="testIdentifier" label="Test identifier (MRN in the test system)" errors={errors} describedBy={`${F}-rule`}>
          {(control) => <input {...control} placeholder="ZZTEST1001" autoComplete="off" className={`${control.className} font-mono`} />}
        </Field>
        <EnvironmentField form={F} errors={errors} environments={environments} defaultValue={production?.id} />
      </div>
      <Field form={F} name="note" label="Note (optional)" errors={errors}>
        {(control) => <input {...control} />}
      </Field>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Adding…" : "Add test patient"}
      </button>
    </form>
  );
}

function ResultSelect({ formId, errors, defaultValue }: { formId: string; errors?: Record<string, string[]>; defaultValue: ScenarioResult }) {
  return (
    <Field form={formId} name="result" label="Result" errors={errors}>
      {(control) => (
        <select {...control} defaultValue={defaultValue}>
          {scenarioResults.map((r) => (
            <option key={r} value={r}>{scenarioResultLabel[r]}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function AddScenarioForm({
  testPatientId,
  label,
  workflowsInScope,
  interfaces,
}: {
  testPatientId: string;
  label: string;
  workflowsInScope: readonly Workflow[];
  interfaces: { id: string; name: string }[];
}) {
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
        <Field form={F} name="workflowSurface" label="Workflow surface" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={ordered[0]}>
              {ordered.map((w) => (
                <option key={w} value={w}>
                  {workflowLabel[w]}
                  {workflowsInScope.includes(w) ? "" : " (not in scope)"}
                </option>
              ))}
            </select>
          )}
        </Field>
        {interfaces.length > 0 ? (
          <Field form={F} name="interfaceId" label="Interface of the inventory (optional)" errors={errors}>
            {(control) => (
              <select {...control} defaultValue="">
                <option value="">None</option>
                {interfaces.map((i) => (
                  <option key={i.id} value={i.id}>{i.name}</option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field form={F} name="scenario" label="Scenario" className="md:col-span-2" errors={errors}>
          {(control) => <input {...control} placeholder="Appointment rescheduled across departments" />}
        </Field>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Field form={F} name="expectedOutcome" label="Expected outcome" errors={errors}>
          {(control) => <textarea {...control} rows={2} />}
        </Field>
        <Field form={F} name="observedOutcome" label="Observed outcome (when run)" errors={errors}>
          {(control) => <textarea {...control} rows={2} />}
        </Field>
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
      <Field form={F} name="observedOutcome" label="Observed outcome" errors={errors}>
        {(control) => <textarea {...control} defaultValue={observedOutcome} rows={2} />}
      </Field>
      <Button type="submit" pending={pending} size="xs">
        {pending ? "Saving…" : "Record result"}
      </Button>
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
