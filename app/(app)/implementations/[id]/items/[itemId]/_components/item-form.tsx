"use client";

import { useActionState, useState } from "react";
import { useSupersedeConfirmation, type CurrentApproval } from "@/components/checklist/supersede-confirm";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { queryKeys } from "@/lib/client/query-keys";
import type { ItemStatus } from "@/lib/domain/vocabulary";
import { itemStatusLabel } from "@/lib/format/labels";
import { editableStatuses } from "@/lib/validation/checklist";
import { updateItemAction } from "../actions";

type Values = {
  ownerId: string;
  status: ItemStatus;
  nextStep: string;
  expectedOutcome: string;
  dueDate: string;
  whatChanged: string;
  whatWasTested: string;
  whatNeedsProof: string;
};

// The item's editable fields. Inputs are held here, so a refused save (a conflict with a
// colleague's edit, a field error) keeps everything the user typed; after a save the hidden
// version follows the page's, so the next save is checked against the new version.
export function ItemForm(props: {
  implementationId: string;
  itemId: string;
  version: number;
  initial: Values;
  owners: { id: string; name: string; organizationName: string }[];
  approvals: CurrentApproval[];
}) {
  const [state, formAction, pending] = useActionState(updateItemAction, null);
  useInvalidateOnSuccess(state, queryKeys.checklist(props.implementationId));
  const [values, setValues] = useState(props.initial);
  const { notice, confirmed } = useSupersedeConfirmation(props.approvals, "Saving these changes");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const statusChoices: ItemStatus[] = (editableStatuses as readonly ItemStatus[]).includes(props.initial.status)
    ? [...editableStatuses]
    : [props.initial.status];

  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Edit item" className="space-y-4">
      <input type="hidden" name="itemId" value={props.itemId} />
      <input type="hidden" name="version" value={props.version} />
      <FormMessage state={state} success="Saved." />
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="item-ownerId" className="text-sm font-medium">Owner</label>
          <select {...fieldProps("item", "ownerId", errors)} value={values.ownerId} onChange={set("ownerId")} className={inputClass}>
            <option value="">No owner</option>
            {props.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.organizationName})
              </option>
            ))}
          </select>
          <FieldError formId="item" name="ownerId" errors={errors?.ownerId} />
        </div>
        <div>
          <label htmlFor="item-status" className="text-sm font-medium">Status</label>
          <select {...fieldProps("item", "status", errors)} value={values.status} onChange={set("status")} className={inputClass}>
            {statusChoices.map((s) => (
              <option key={s} value={s}>
                {itemStatusLabel[s]}
              </option>
            ))}
          </select>
          <FieldError formId="item" name="status" errors={errors?.status} />
        </div>
        <div>
          <label htmlFor="item-dueDate" className="text-sm font-medium">Due date</label>
          <input type="date" {...fieldProps("item", "dueDate", errors)} value={values.dueDate} onChange={set("dueDate")} className={inputClass} />
          <FieldError formId="item" name="dueDate" errors={errors?.dueDate} />
        </div>
      </div>
      {(
        [
          ["nextStep", "Next step", 2],
          ["expectedOutcome", "Expected outcome", 2],
          ["whatChanged", "What changed", 3],
          ["whatWasTested", "What was tested", 3],
          ["whatNeedsProof", "What still needs proof", 3],
        ] as const
      ).map(([key, label, rows]) => (
        <div key={key}>
          <label htmlFor={`item-${key}`} className="text-sm font-medium">{label}</label>
          <textarea {...fieldProps("item", key, errors)} rows={rows} value={values[key]} onChange={set(key)} className={inputClass} />
          <FieldError formId="item" name={key} errors={errors?.[key]} />
        </div>
      ))}
      {notice}
      <button type="submit" disabled={pending || !confirmed} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
