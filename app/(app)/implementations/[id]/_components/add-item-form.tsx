"use client";

import { useActionState } from "react";
import { ItemDefinitionFields } from "@/components/checklist/item-definition-fields";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { Button } from "@/components/ui/button";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { queryKeys } from "@/lib/client/query-keys";
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
      <ItemDefinitionFields formId={F} errors={errors} />
      <Button type="submit" pending={pending}>
        {pending ? "Adding…" : "Add item"}
      </Button>
    </form>
  );
}
