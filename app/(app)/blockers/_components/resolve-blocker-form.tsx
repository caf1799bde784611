"use client";

import { useActionState } from "react";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { resolveBlockerAction } from "../actions";

// One action from the list: say how it was resolved, and the blocker is cleared.
export function ResolveBlockerForm({ itemId, version, itemTitle }: { itemId: string; version: number; itemTitle: string }) {
  const [state, formAction, pending] = useActionState(resolveBlockerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formId = `resolve-${itemId}`;
  return (
    <details className="min-w-56">
      <summary className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50">
        Resolve<span className="sr-only"> {itemTitle}</span>
      </summary>
      <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Resolve blocker: ${itemTitle}`} className="mt-2 space-y-2">
        <input type="hidden" name="itemId" value={itemId} />
        <input type="hidden" name="version" value={version} />
        <FormMessage state={state} success="Resolved." />
        <div>
          <label htmlFor={`${formId}-resolution`} className="text-sm font-medium">
            Resolution
          </label>
          <textarea {...fieldProps(formId, "resolution", errors)} rows={2} className={inputClass} />
          <FieldError formId={formId} name="resolution" errors={errors?.resolution} />
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
          {pending ? "Resolving…" : "Resolve blocker"}
        </button>
      </form>
    </details>
  );
}
