"use client";

import { useActionState } from "react";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { categoryLabel, roleLabel } from "@/lib/labels";
import { queryKeys } from "@/lib/query-keys";
import { signOffRoles } from "@/lib/validation/checklist";
import { itemCategories } from "@/lib/vocabulary";
import { addItemAction } from "../actions";

const F = "add-item";

export function AddItemForm({ implementationId }: { implementationId: string }) {
  const [state, formAction, pending] = useActionState(addItemAction, null);
  useInvalidateOnSuccess(state, queryKeys.checklist(implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useResetOnSuccess(state);
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Add an item" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <FormMessage state={state} success="Item added." />
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={`${F}-title`} className="text-sm font-medium">Title</label>
          <input {...fieldProps(F, "title", errors)} className={inputClass} />
          <FieldError formId={F} name="title" errors={errors?.title} />
        </div>
        <div>
          <label htmlFor={`${F}-category`} className="text-sm font-medium">Category</label>
          <select {...fieldProps(F, "category", errors)} defaultValue="validation" className={inputClass}>
            {itemCategories.map((c) => (
              <option key={c} value={c}>
                {categoryLabel[c]}
              </option>
            ))}
          </select>
          <FieldError formId={F} name="category" errors={errors?.category} />
        </div>
      </div>
      <div>
        <label htmlFor={`${F}-description`} className="text-sm font-medium">Description</label>
        <textarea {...fieldProps(F, "description", errors)} rows={2} className={inputClass} />
        <FieldError formId={F} name="description" errors={errors?.description} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Sign-off required from</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {signOffRoles.map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input type="checkbox" name="requiredSignOffRoles" value={role} /> {roleLabel[role]}
            </label>
          ))}
        </div>
        <FieldError formId={F} name="requiredSignOffRoles" errors={errors?.requiredSignOffRoles} />
      </fieldset>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="required" defaultChecked /> Required for go-live
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="needsOperationalValidation" /> Needs operational validation
        </label>
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Adding…" : "Add item"}
      </button>
    </form>
  );
}
