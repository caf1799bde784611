"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { ehrVendorLabel } from "@/lib/labels";
import { ehrVendors } from "@/lib/vocabulary";
import { createTemplateAction } from "../actions";

const F = "template";

export function NewTemplateForm() {
  const [state, formAction, pending] = useActionState(createTemplateAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="New template" className="mt-3 space-y-3">
      <FormMessage state={state} success="Created." />
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={`${F}-name`} className="text-sm font-medium">Name</label>
          <input {...fieldProps(F, "name", errors)} className={inputClass} />
          <FieldError formId={F} name="name" errors={errors?.name} />
        </div>
        <div>
          <label htmlFor={`${F}-ehrVendor`} className="text-sm font-medium">For EHR</label>
          <select {...fieldProps(F, "ehrVendor", errors)} defaultValue="" className={inputClass}>
            <option value="">Any EHR</option>
            {ehrVendors.map((v) => (
              <option key={v} value={v}>
                {ehrVendorLabel[v]}
              </option>
            ))}
          </select>
          <FieldError formId={F} name="ehrVendor" errors={errors?.ehrVendor} />
        </div>
      </div>
      <div>
        <label htmlFor={`${F}-description`} className="text-sm font-medium">Description</label>
        <textarea {...fieldProps(F, "description", errors)} rows={2} className={inputClass} />
        <FieldError formId={F} name="description" errors={errors?.description} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Creating…" : "Create draft template"}
      </button>
    </form>
  );
}
