"use client";

import { useActionState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import type { StandardItem } from "@/lib/domain/cutover";
import { addItemAction } from "../../actions";
import {
  addCutoverStepAction,
  addStandardCutoverStepsAction,
  removeCutoverStepAction,
  setCutoverStepDoneAction,
  updateCutoverStepAction,
} from "../actions";

type Person = { id: string; name: string; organizationName: string };

const removeButton = buttonClass({ variant: "remove", size: "xs" });

function StepFields({
  formId,
  errors,
  people,
  titles,
  defaults,
}: {
  formId: string;
  errors?: Record<string, string[]>;
  people: Person[];
  titles: string[];
  defaults: { title: string; detail: string; ownerId: string; dueAt: string };
}) {
  return (
    <>
      <div className="grid gap-3 md:grid-cols-2">
        <Field form={formId} name="title" label="Step" hint="A standard step, or your own." errors={errors}>
          {(control) => <input {...control} list={`${formId}-titles`} defaultValue={defaults.title} autoComplete="off" />}
        </Field>
        <datalist id={`${formId}-titles`}>
          {titles.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <Field form={formId} name="ownerId" label="Owner" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={defaults.ownerId}>
              <option value="" disabled>
                Choose a person
              </option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.organizationName})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={formId} name="dueAt" label="Due (UTC)" errors={errors}>
          {(control) => <input {...control} type="datetime-local" defaultValue={defaults.dueAt} />}
        </Field>
      </div>
      <Field form={formId} name="detail" label="Details (optional)" errors={errors}>
        {(control) => <textarea {...control} rows={2} defaultValue={defaults.detail} />}
      </Field>
    </>
  );
}

export function AddCutoverStepForm({
  implementationId,
  people,
  titles,
  defaultOwnerId,
  defaultDueAt,
}: {
  implementationId: string;
  people: Person[];
  titles: string[];
  defaultOwnerId: string;
  defaultDueAt: string;
}) {
  const [state, formAction, pending] = useActionState(addCutoverStepAction, null);
  const form = useResetOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Add a cutover step" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <FormMessage state={state} success="Step added." />
      <StepFields formId="step-new" errors={errors} people={people} titles={titles} defaults={{ title: "", detail: "", ownerId: defaultOwnerId, dueAt: defaultDueAt }} />
      <Button type="submit" pending={pending}>
        {pending ? "Adding…" : "Add step"}
      </Button>
    </form>
  );
}

export function EditCutoverStepForm({
  step,
  people,
  titles,
}: {
  step: { id: string; version: number; title: string; detail: string; ownerId: string; dueAt: string };
  people: Person[];
  titles: string[];
}) {
  const [state, formAction, pending] = useActionState(updateCutoverStepAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Edit ${step.title}`} className="mt-2 space-y-3">
      <input type="hidden" name="stepId" value={step.id} />
      <input type="hidden" name="version" value={step.version} />
      <FormMessage state={state} success="Saved." />
      <StepFields formId={`step-${step.id}`} errors={errors} people={people} titles={titles} defaults={step} />
      <Button type="submit" size="sm" pending={pending}>
        {pending ? "Saving…" : "Save step"}
      </Button>
    </form>
  );
}

export function CutoverStepDoneForm({ stepId, version, title, done }: { stepId: string; version: number; title: string; done: boolean }) {
  const [state, formAction, pending] = useActionState(setCutoverStepDoneAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`${done ? "Reopen" : "Complete"} ${title}`}>
      <input type="hidden" name="stepId" value={stepId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="done" value={done ? "not_done" : "done"} />
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <Button type="submit" size="xs" variant={done ? "secondary" : "primary"} pending={pending}>
        {pending ? "Saving…" : done ? "Not done after all" : "Mark done"}
      </Button>
    </form>
  );
}

export function RemoveCutoverStepForm({ stepId, version, title }: { stepId: string; version: number; title: string }) {
  const [state, formAction, pending] = useActionState(removeCutoverStepAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Remove ${title}`} className="mt-2">
      <input type="hidden" name="stepId" value={stepId} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <button type="submit" disabled={pending} className={removeButton}>
        {pending ? "Removing…" : "Remove step"}
      </button>
    </form>
  );
}

export function AddStandardStepsForm({ implementationId, count }: { implementationId: string; count: number }) {
  const [state, formAction, pending] = useActionState(addStandardCutoverStepsAction, null);
  const added = state?.ok ? state.data.added : 0;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Add the standard steps" className="mt-3 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <FormMessage state={state} success={added === 0 ? "The plan already has every standard step." : `${added} standard step${added === 1 ? "" : "s"} added.`} />
      <Button type="submit" variant="secondary" pending={pending}>
        {pending ? "Adding…" : `Add the ${count} standard step${count === 1 ? "" : "s"}`}
      </Button>
    </form>
  );
}

// Puts a standard item (rollback plan approved, support hand-off accepted) on this
// implementation's checklist as a required item, so the gate requires it.
export function AddGateItemForm({ implementationId, item }: { implementationId: string; item: StandardItem }) {
  const [state, formAction, pending] = useActionState(addItemAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Require ${item.title}`} className="mt-2 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="title" value={item.title} />
      <input type="hidden" name="description" value={item.description} />
      <input type="hidden" name="category" value={item.category} />
      <input type="hidden" name="required" value="on" />
      {item.attestationOnly ? <input type="hidden" name="attestationOnly" value="on" /> : null}
      {item.operational ? <input type="hidden" name="needsOperationalValidation" value="on" /> : null}
      {item.roles.map((r) => (
        <input key={r} type="hidden" name="requiredSignOffRoles" value={r} />
      ))}
      <FormMessage state={state} success="Added to the checklist: the gate now requires it." />
      <Button type="submit" size="xs" variant="secondary" pending={pending}>
        {pending ? "Adding…" : `Add “${item.title}” to the checklist`}
      </Button>
    </form>
  );
}
