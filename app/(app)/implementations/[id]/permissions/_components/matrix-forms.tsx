"use client";

import { useActionState } from "react";
import { submitWithButton } from "@/components/registers/submit-with-button";
import { CheckboxField, Field } from "@/components/ui/field";
import { FieldError, FormMessage, submitKeepingInput } from "@/components/ui/form";
import { permissionResults, type PermissionResult } from "@/lib/domain/vocabulary";
import { permissionResultLabel } from "@/lib/format/labels";
import { InterfaceSelect, type InterfaceOption } from "./add-row-forms";
import { recordPermissionCheckAction, removePermissionRowAction, setPermissionColumnAction, updatePermissionRowAction } from "../actions";

const small = "rounded border px-1.5 py-0.5 text-xs font-medium disabled:opacity-60";
const resultButton: Record<PermissionResult, string> = {
  granted: "border-emerald-400 bg-white text-emerald-900 hover:bg-emerald-50",
  denied: "border-rose-400 bg-white text-rose-900 hover:bg-rose-50",
  error: "border-amber-400 bg-white text-amber-900 hover:bg-amber-50",
  unverified: "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
};

// One cell: a click on a result records it, by the viewer, now; the note is optional.
export function CellForm({
  requirementId,
  permission,
  environmentId,
  environmentLabel,
  version,
  current,
}: {
  requirementId: string;
  permission: string;
  environmentId: string;
  environmentLabel: string;
  version: number;
  current: PermissionResult;
}) {
  const [state, formAction, pending] = useActionState(recordPermissionCheckAction, null);
  const formId = `cell-${requirementId}-${environmentId}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitWithButton(formAction)} noValidate aria-label={`Record ${permission} in ${environmentLabel}`} className="mt-2 space-y-1">
      <input type="hidden" name="requirementId" value={requirementId} />
      <input type="hidden" name="environmentId" value={environmentId} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <details>
        <summary className="cursor-pointer text-xs text-slate-600">Note (optional)</summary>
        <Field form={formId} name="note" label={`Note for ${permission} in ${environmentLabel}`} labelClassName="sr-only" errors={errors}>
          {(control) => <input {...control} className={`${control.className} !py-1 text-xs`} />}
        </Field>
      </details>
      <div className="flex flex-wrap gap-1">
        {(["granted", "denied", "error", "unverified"] as const)
          .filter((r) => !(r === "unverified" && current === "unverified"))
          .map((result) => (
            <button
              key={result}
              type="submit"
              name="result"
              value={result}
              disabled={pending}
              aria-label={`Mark ${permission} ${permissionResultLabel[result].toLowerCase()} in ${environmentLabel}`}
              className={`${small} ${resultButton[result]}`}
            >
              {permissionResultLabel[result]}
            </button>
          ))}
      </div>
    </form>
  );
}

// A whole column after a check run. It carries the version of every cell shown, so a change
// made meanwhile is never overwritten.
export function ColumnForm({ implementationId, environmentId, environmentLabel, cells }: { implementationId: string; environmentId: string; environmentLabel: string; cells: string[] }) {
  const [state, formAction, pending] = useActionState(setPermissionColumnAction, null);
  const formId = `column-${environmentId}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Set the ${environmentLabel} column`} className="mt-2 space-y-2 text-left text-sm font-normal normal-case tracking-normal">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="environmentId" value={environmentId} />
      {cells.map((c) => (
        <input key={c} type="hidden" name="cells" value={c} />
      ))}
      <FormMessage state={state} success={`${environmentLabel} column updated.`} />
      <FieldError formId={formId} name="cells" errors={errors?.cells} />
      <Field form={formId} name="result" label="Result" labelClassName="text-xs font-medium" errors={errors}>
        {(control) => (
          <select {...control} defaultValue="granted">
            {permissionResults.map((r) => (
              <option key={r} value={r}>{permissionResultLabel[r]}</option>
            ))}
          </select>
        )}
      </Field>
      <Field form={formId} name="note" label="Note (optional)" labelClassName="text-xs font-medium" errors={errors}>
        {(control) => <input {...control} placeholder="e.g. check run 2026-05-01" />}
      </Field>
      <CheckboxField form={formId} name="onlyUnverified" label="Only rows still unverified" labelClassName="text-xs" errors={errors} defaultChecked />
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Saving…" : `Set ${environmentLabel} column`}
      </button>
    </form>
  );
}

export function RowEditForm({
  requirementId,
  permission,
  version,
  required,
  note,
  interfaceId,
  interfaces,
}: {
  requirementId: string;
  permission: string;
  version: number;
  required: boolean;
  note: string;
  interfaceId: string | null;
  interfaces: InterfaceOption[];
}) {
  const [state, formAction, pending] = useActionState(updatePermissionRowAction, null);
  const formId = `row-${requirementId}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Edit ${permission}`} className="mt-2 space-y-2">
      <input type="hidden" name="requirementId" value={requirementId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Saved." />
      {interfaces.length > 0 ? (
        <InterfaceSelect formId={formId} errors={errors} interfaces={interfaces} defaultValue={interfaceId ?? ""} />
      ) : (
        <input type="hidden" name="interfaceId" value={interfaceId ?? ""} />
      )}
      <CheckboxField form={formId} name="required" label="Required for go-live" labelClassName="text-xs" errors={errors} defaultChecked={required} />
      <Field form={formId} name="note" label="Note" labelClassName="text-xs font-medium" errors={errors}>
        {(control) => <input {...control} defaultValue={note} />}
      </Field>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1 text-xs font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Saving…" : "Save row"}
      </button>
    </form>
  );
}

export function RemoveRowForm({ requirementId, permission, version }: { requirementId: string; permission: string; version: number }) {
  const [state, formAction, pending] = useActionState(removePermissionRowAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Remove ${permission}`} className="mt-2">
      <input type="hidden" name="requirementId" value={requirementId} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <button type="submit" disabled={pending} className="rounded-md border border-rose-400 px-3 py-1 text-xs font-semibold text-rose-900 hover:bg-rose-50 disabled:opacity-60">
        {pending ? "Removing…" : `Remove ${permission}`}
      </button>
    </form>
  );
}
