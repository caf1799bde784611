"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { WriteForm } from "@/components/ui/write-form";
import { blockItemAction, unblockItemAction } from "../actions";
import { useItemChange, type ItemChangeProps } from "./item-change";
import { ItemReasonForm } from "./item-reason-form";

// Blocking says why, how bad, since when and where the ticket is; the item then counts as a
// blocker wherever readiness is shown.
export function BlockForm(props: ItemChangeProps) {
  const { write, errors, notice, confirmed } = useItemChange(blockItemAction, props, "Blocking this item");
  return (
    <WriteForm write={write} label="Block item" success="Blocked." hidden={{ itemId: props.itemId, version: props.version }}>
      <Field form="block" name="reason" label="Reason" errors={errors}>
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      <div className="grid gap-3 md:grid-cols-3">
        <Field form="block" name="severity" label="Severity" errors={errors}>
          {(control) => (
            <select {...control} defaultValue="">
              <option value="">Choose…</option>
              <option value="go_live">Go-live blocker</option>
              <option value="post_live">Post-live</option>
            </select>
          )}
        </Field>
        <Field form="block" name="since" label="Blocked since" errors={errors}>
          {(control) => <input type="date" {...control} defaultValue={props.today} />}
        </Field>
        <Field form="block" name="ticketUrl" label="Ticket link (optional)" errors={errors}>
          {(control) => <input type="url" {...control} placeholder="https://" />}
        </Field>
      </div>
      {notice}
      <Button type="submit" variant="danger" pending={write.pending} disabled={!confirmed}>
        {write.pending ? "Blocking…" : "Block item"}
      </Button>
    </WriteForm>
  );
}

export function UnblockForm(props: { implementationId: string; itemId: string; version: number }) {
  return (
    <ItemReasonForm
      {...props}
      action={unblockItemAction}
      label="Unblock item"
      success="Unblocked."
      form="unblock"
      name="resolution"
      fieldLabel="Resolution"
      submit="Unblock item"
      pendingSubmit="Unblocking…"
    />
  );
}
