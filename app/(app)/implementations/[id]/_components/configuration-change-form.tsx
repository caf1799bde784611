"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { environmentLabel } from "@/lib/labels";
import type { EnvironmentKind } from "@/lib/vocabulary";
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
        <div>
          <label htmlFor="config-environmentId" className="text-sm font-medium">Environment</label>
          <select {...fieldProps("config", "environmentId", errors)} defaultValue="" className={inputClass}>
            <option value="">All environments</option>
            {props.environments.map((e) => (
              <option key={e.id} value={e.id}>
                {environmentLabel[e.kind]}
              </option>
            ))}
          </select>
          <FieldError formId="config" name="environmentId" errors={errors?.environmentId} />
        </div>
        <div>
          <label htmlFor="config-changedAt" className="text-sm font-medium">Changed at (UTC)</label>
          <input type="datetime-local" {...fieldProps("config", "changedAt", errors)} defaultValue={props.now} className={inputClass} />
          <FieldError formId="config" name="changedAt" errors={errors?.changedAt} />
        </div>
      </div>
      <div>
        <label htmlFor="config-note" className="text-sm font-medium">What changed</label>
        <textarea {...fieldProps("config", "note", errors)} rows={2} className={inputClass} />
        <FieldError formId="config" name="note" errors={errors?.note} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Recording…" : "Record change"}
      </button>
    </form>
  );
}
