"use client";

import { useActionState } from "react";
import { useRefreshOnSuccess } from "@/components/providers/use-refresh-on-success";
import { buttonClass } from "@/components/ui/button";
import { CheckboxField, Field, Fieldset } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";

// One form for the people and account screens, described by its fields: labelled controls,
// errors next to them, a status message after submitting. Passwords are never kept in state.

export type FieldSpec = {
  name: string;
  label: string;
  type: "text" | "email" | "password" | "textarea" | "select" | "checkbox" | "checkboxes";
  options?: { value: string; label: string }[];
  defaultValue?: string | string[];
  defaultChecked?: boolean;
  autoComplete?: string;
  hint?: string;
};

type Action<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

export function ActionForm<T>(props: {
  id: string;
  label: string;
  action: Action<T>;
  fields?: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  success: string;
  compact?: boolean;
  danger?: boolean;
  // The action answers without the re-rendered page: refresh it once the write is accepted.
  refreshOnSuccess?: boolean;
}) {
  const [state, formAction, pending] = useActionState(props.action, null);
  useRefreshOnSuccess(props.refreshOnSuccess ? state : null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const F = props.id;
  const button = props.danger
    ? "rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-semibold text-rose-800 hover:bg-rose-50 disabled:opacity-60"
    : buttonClass();
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={props.label} className={props.compact ? "inline-flex flex-col gap-1" : "space-y-3"}>
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormMessage state={state} success={props.success} />
      {(props.fields ?? []).map((field) => (
        <SpecField key={field.name} formId={F} field={field} errors={errors} />
      ))}
      {errors && Object.keys(errors).some((k) => !(props.fields ?? []).some((f) => f.name === k)) ? (
        <p className="text-sm text-rose-800">
          {Object.entries(errors)
            .filter(([k]) => !(props.fields ?? []).some((f) => f.name === k))
            .flatMap(([, v]) => v)
            .join(" ")}
        </p>
      ) : null}
      <div>
        <button type="submit" disabled={pending} className={button}>
          {pending ? props.pendingLabel ?? "Saving…" : props.submitLabel}
        </button>
      </div>
    </form>
  );
}

// One described field as the shared form parts draw it.
function SpecField({ formId, field, errors }: { formId: string; field: FieldSpec; errors?: Record<string, string[]> }) {
  if (field.type === "checkbox") {
    return <CheckboxField form={formId} name={field.name} label={field.label} hint={field.hint} errors={errors} defaultChecked={field.defaultChecked} />;
  }
  if (field.type === "checkboxes") {
    const chosen = new Set(Array.isArray(field.defaultValue) ? field.defaultValue : []);
    return (
      <Fieldset form={formId} name={field.name} legend={field.label} errors={errors}>
        <div className="mt-1 flex flex-wrap gap-4">
          {(field.options ?? []).map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={field.name} value={o.value} defaultChecked={chosen.has(o.value)} />
              {o.label}
            </label>
          ))}
        </div>
        {field.hint ? <p className="mt-1 text-xs text-slate-600">{field.hint}</p> : null}
      </Fieldset>
    );
  }
  const value = typeof field.defaultValue === "string" ? field.defaultValue : undefined;
  return (
    <Field form={formId} name={field.name} label={field.label} hint={field.hint} errors={errors}>
      {(control) =>
        field.type === "select" ? (
          <select {...control} defaultValue={value ?? ""}>
            {(field.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : field.type === "textarea" ? (
          <textarea {...control} defaultValue={value} rows={2} />
        ) : (
          <input {...control} type={field.type} defaultValue={field.type === "password" ? undefined : value} autoComplete={field.autoComplete} />
        )
      }
    </Field>
  );
}
