"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { ehrVendors } from "@/lib/domain/vocabulary";
import { ehrVendorLabel } from "@/lib/format/labels";
import { createTemplateAction } from "../actions";

const F = "template";

export function NewTemplateForm() {
  const [state, formAction, pending] = useActionState(createTemplateAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="New template" className="mt-3 space-y-3">
      <FormMessage state={state} success="Created." />
      <div className="grid gap-3 md:grid-cols-2">
        <Field form={F} name="name" label="Name" errors={errors}>
          {(control) => <input {...control} />}
        </Field>
        <Field form={F} name="ehrVendor" label="For EHR" errors={errors}>
          {(control) => (
            <select {...control} defaultValue="">
              <option value="">Any EHR</option>
              {ehrVendors.map((v) => (
                <option key={v} value={v}>
                  {ehrVendorLabel[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field form={F} name="description" label="Description" errors={errors}>
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? "Creating…" : "Create draft template"}
      </Button>
    </form>
  );
}
