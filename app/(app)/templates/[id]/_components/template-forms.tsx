"use client";

import { useActionState } from "react";
import { ItemDefinitionFields, type ItemDefinition } from "@/components/checklist/item-definition-fields";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import type { StandardItem } from "@/lib/domain/cutover";
import { createRevisionAction, publishTemplateAction, removeTemplateItemAction, saveTemplateItemAction } from "../../actions";

type TemplateItem = ItemDefinition & { id: string; version: number; expectedOutcome: string };

const primary = buttonClass();

// Adds an item to a draft (no `item`) or edits one of its items.
export function TemplateItemForm({ templateId, item }: { templateId: string; item?: TemplateItem }) {
  const [state, formAction, pending] = useActionState(saveTemplateItemAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useResetOnSuccess(item ? null : state);
  const F = item ? `ti-${item.id}` : "ti-new";
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={item ? `Edit ${item.title}` : "Add template item"} className="mt-3 space-y-3">
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name="itemId" value={item?.id ?? ""} />
      <input type="hidden" name="version" value={item?.version ?? ""} />
      <FormMessage state={state} success={item ? "Saved." : "Item added."} />
      <ItemDefinitionFields formId={F} errors={errors} defaults={item}>
        <Field form={F} name="expectedOutcome" label="Expected outcome" errors={errors}>
          {(control) => <textarea {...control} rows={2} defaultValue={item?.expectedOutcome} />}
        </Field>
      </ItemDefinitionFields>
      <button type="submit" disabled={pending} className={primary}>
        {pending ? "Saving…" : item ? "Save item" : "Add item"}
      </button>
    </form>
  );
}

export function RemoveTemplateItemForm({ templateId, itemId, title }: { templateId: string; itemId: string; title: string }) {
  const [state, formAction, pending] = useActionState(removeTemplateItemAction, null);
  return (
    <form action={formAction} aria-label={`Remove ${title}`} className="inline">
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name="itemId" value={itemId} />
      <button type="submit" disabled={pending} className="text-sm font-medium text-rose-800 hover:underline">
        Remove
      </button>
      {state && !state.ok ? <span role="alert" className="ml-2 text-sm text-rose-800">{state.message}</span> : null}
    </form>
  );
}

export function PublishForm({ templateId, version }: { templateId: string; version: number }) {
  const [state, formAction, pending] = useActionState(publishTemplateAction, null);
  return (
    <form action={formAction} aria-label="Publish revision" className="space-y-2">
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Published. New implementations now copy this revision." />
      <button type="submit" disabled={pending} className={primary}>
        {pending ? "Publishing…" : "Publish this revision"}
      </button>
    </form>
  );
}

export function StartRevisionForm({ templateId }: { templateId: string }) {
  const [state, formAction, pending] = useActionState(createRevisionAction, null);
  return (
    <form action={formAction} aria-label="Start a new revision" className="space-y-2">
      <input type="hidden" name="templateId" value={templateId} />
      <FormMessage state={state} success="Draft created." />
      <button type="submit" disabled={pending} className={primary}>
        {pending ? "Starting…" : "Start a new revision"}
      </button>
    </form>
  );
}

// Adds a standard item to a draft as it is defined (lib/domain/cutover.ts): the rollback plan and
// the support hand-off, which the gate then requires of every implementation copied from it.
export function AddStandardItemForm({ templateId, item }: { templateId: string; item: StandardItem }) {
  const [state, formAction, pending] = useActionState(saveTemplateItemAction, null);
  return (
    <form action={formAction} aria-label={`Add ${item.title}`} className="space-y-1">
      <input type="hidden" name="templateId" value={templateId} />
      <input type="hidden" name="itemId" value="" />
      <input type="hidden" name="version" value="" />
      <input type="hidden" name="title" value={item.title} />
      <input type="hidden" name="description" value={item.description} />
      <input type="hidden" name="expectedOutcome" value={item.expectedOutcome} />
      <input type="hidden" name="category" value={item.category} />
      <input type="hidden" name="required" value="on" />
      {item.attestationOnly ? <input type="hidden" name="attestationOnly" value="on" /> : null}
      {item.operational ? <input type="hidden" name="needsOperationalValidation" value="on" /> : null}
      {item.roles.map((r) => (
        <input key={r} type="hidden" name="requiredSignOffRoles" value={r} />
      ))}
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <button type="submit" disabled={pending} className={buttonClass({ variant: "secondary", size: "sm" })}>
        {pending ? "Adding…" : `Add “${item.title}”`}
      </button>
    </form>
  );
}
