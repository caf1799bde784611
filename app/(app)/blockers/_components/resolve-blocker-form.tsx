"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { resolveBlockerAction } from "../actions";

// One action from the list: say how it was resolved, and the blocker is cleared.
// The list renders it twice (phone card and table, one hidden by CSS): `layout` keeps the
// field ids of the two apart.
export function ResolveBlockerForm({ itemId, version, itemTitle, layout = "table" }: { itemId: string; version: number; itemTitle: string; layout?: "table" | "card" }) {
  const [state, formAction, pending] = useActionState(resolveBlockerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formId = `resolve-${layout}-${itemId}`;
  return (
    <details className="min-w-56">
      <summary className="cursor-pointer rounded-md border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50">
        Resolve<span className="sr-only"> {itemTitle}</span>
      </summary>
      <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Resolve blocker: ${itemTitle}`} className="mt-2 space-y-2">
        <input type="hidden" name="itemId" value={itemId} />
        <input type="hidden" name="version" value={version} />
        <FormMessage state={state} success="Resolved." />
        <Field form={formId} name="resolution" label="Resolution" errors={errors}>
          {(control) => <textarea {...control} rows={2} />}
        </Field>
        <Button type="submit" pending={pending} size="sm">
          {pending ? "Resolving…" : "Resolve blocker"}
        </Button>
      </form>
    </details>
  );
}
