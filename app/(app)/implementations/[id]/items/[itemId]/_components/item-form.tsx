"use client";

import { useState } from "react";
import type { CurrentApproval } from "@/components/checklist/supersede-confirm";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { WriteForm } from "@/components/ui/write-form";
import type { ItemStatus } from "@/lib/domain/vocabulary";
import { itemStatusLabel } from "@/lib/format/labels";
import { editableStatuses } from "@/lib/validation/checklist";
import { updateItemAction } from "../actions";
import { useItemChange } from "./item-change";

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
// version follows the page's, so the next save is checked against the new version. When the page
// brings the item anew (evidence recorded from this page moves a signed-off item back to ready for
// sign-off), the fields the person has not touched take the new values and the ones they have
// keep what they typed: a save never quietly puts back what the server had already changed.
export function ItemForm(props: {
  implementationId: string;
  itemId: string;
  version: number;
  initial: Values;
  owners: { id: string; name: string; organizationName: string }[];
  approvals: CurrentApproval[];
}) {
  const { write, errors, notice, confirmed } = useItemChange(updateItemAction, props, "Saving these changes");
  const [values, setValues] = useState(props.initial);
  const [read, setRead] = useState(props.initial);
  if (changed(read, props.initial)) {
    setRead(props.initial);
    setValues((typed) => rebase(typed, read, props.initial));
  }
  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const statusChoices: ItemStatus[] = (editableStatuses as readonly ItemStatus[]).includes(props.initial.status)
    ? [...editableStatuses]
    : [props.initial.status];

  return (
    <WriteForm write={write} label="Edit item" success="Saved." hidden={{ itemId: props.itemId, version: props.version }} className="space-y-4">
      <div className="grid gap-4 md:grid-cols-3">
        <Field form="item" name="ownerId" label="Owner" errors={errors}>
          {(control) => (
            <select {...control} value={values.ownerId} onChange={set("ownerId")}>
              <option value="">No owner</option>
              {props.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({o.organizationName})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form="item" name="status" label="Status" errors={errors}>
          {(control) => (
            <select {...control} value={values.status} onChange={set("status")}>
              {statusChoices.map((s) => (
                <option key={s} value={s}>
                  {itemStatusLabel[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form="item" name="dueDate" label="Due date" errors={errors}>
          {(control) => <input type="date" {...control} value={values.dueDate} onChange={set("dueDate")} />}
        </Field>
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
        <Field key={key} form="item" name={key} label={label} errors={errors}>
          {(control) => <textarea {...control} rows={rows} value={values[key]} onChange={set(key)} />}
        </Field>
      ))}
      {notice}
      <Button type="submit" pending={write.pending} disabled={!confirmed}>
        {write.pending ? "Saving…" : "Save changes"}
      </Button>
    </WriteForm>
  );
}

const fields = ["ownerId", "status", "nextStep", "expectedOutcome", "dueDate", "whatChanged", "whatWasTested", "whatNeedsProof"] as const;

function changed(a: Values, b: Values): boolean {
  return fields.some((key) => a[key] !== b[key]);
}

// A field still as it was read takes the server's new value; an edited one stays as typed.
function rebase(typed: Values, read: Values, next: Values): Values {
  const out = { ...typed };
  for (const key of fields) if (typed[key] === read[key]) (out as Record<string, string>)[key] = next[key];
  return out;
}
