"use client";

import { useActionState } from "react";
import { EnvironmentField } from "@/components/implementation/environment-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { recordConfigurationChangeAction } from "../actions";

export function ConfigurationChangeForm(props: {
  implementationId: string;
  environments: { id: string; kind: EnvironmentKind }[];
  now: string;
}) {
  const [state, formAction, pending] = useActionState(recordConfigurationChangeAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useResetOnSuccess(state);
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Record configuration change" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={props.implementationId} />
      <FormMessage state={state} success="Configuration change recorded. Evidence observed before it is now marked stale." />
      <div className="grid gap-3 md:grid-cols-2">
        <EnvironmentField form="config" errors={errors} environments={props.environments} blank="All environments" />
        <Field form="config" name="changedAt" label="Changed at (UTC)" errors={errors}>
          {(control) => <input type="datetime-local" {...control} defaultValue={props.now} />}
        </Field>
      </div>
      <Field form="config" name="note" label="What changed" errors={errors}>
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? "Recording…" : "Record change"}
      </Button>
    </form>
  );
}
