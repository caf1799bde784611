"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { acknowledgeHypercareAlertAction } from "../actions";

// Acknowledge an open hypercare alert: who owns it now, the next step, and what should be seen
// when it worked. Acknowledging again replaces the owner and the plan (the audit trail keeps both).
export function AcknowledgeAlertForm({
  alertId,
  label,
  owners,
  current,
}: {
  alertId: string;
  label: string;
  owners: { id: string; name: string }[];
  current: { ownerId: string | null; nextStep: string | null; expectedOutcome: string | null };
}) {
  const [state, formAction, pending] = useActionState(acknowledgeHypercareAlertAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formId = `acknowledge-${alertId}`;
  return (
    <details className="max-w-xl">
      <summary className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50">
        {current.ownerId ? "Change owner or next step" : "Acknowledge"}
        <span className="sr-only"> {label}</span>
      </summary>
      <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Acknowledge alert: ${label}`} className="mt-2 space-y-2">
        <input type="hidden" name="alertId" value={alertId} />
        <FormMessage state={state} success="Acknowledged." />
        <Field form={formId} name="ownerId" label="Owner" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={current.ownerId ?? ""}>
              <option value="">Choose a person…</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={formId} name="nextStep" label="Next step" errors={errors}>
          {(control) => <textarea {...control} rows={2} defaultValue={current.nextStep ?? ""} />}
        </Field>
        <Field form={formId} name="expectedOutcome" label="Expected outcome" errors={errors}>
          {(control) => <textarea {...control} rows={2} defaultValue={current.expectedOutcome ?? ""} />}
        </Field>
        <Button type="submit" pending={pending} size="sm">
          {pending ? "Saving…" : "Acknowledge alert"}
        </Button>
      </form>
    </details>
  );
}
