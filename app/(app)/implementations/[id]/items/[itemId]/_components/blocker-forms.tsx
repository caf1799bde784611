"use client";

import { useSupersedeConfirmation, type CurrentApproval } from "@/components/checklist/supersede-confirm";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useWrite, WriteForm } from "@/components/ui/write-form";
import { queryKeys } from "@/lib/client/query-keys";
import { blockItemAction, unblockItemAction } from "../actions";

// Blocking says why, how bad, since when and where the ticket is; the item then counts as a
// blocker wherever readiness is shown.
export function BlockForm({
  implementationId,
  itemId,
  version,
  today,
  approvals,
}: {
  implementationId: string;
  itemId: string;
  version: number;
  today: string;
  approvals: CurrentApproval[];
}) {
  const write = useWrite(blockItemAction, queryKeys.checklist(implementationId));
  const { errors } = write;
  const { notice, confirmed } = useSupersedeConfirmation(approvals, "Blocking this item");
  return (
    <WriteForm write={write} label="Block item" success="Blocked." hidden={{ itemId, version }}>
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
          {(control) => <input type="date" {...control} defaultValue={today} />}
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

export function UnblockForm({ implementationId, itemId, version }: { implementationId: string; itemId: string; version: number }) {
  const write = useWrite(unblockItemAction, queryKeys.checklist(implementationId));
  return (
    <WriteForm write={write} label="Unblock item" success="Unblocked." hidden={{ itemId, version }}>
      <Field form="unblock" name="resolution" label="Resolution" errors={write.errors}>
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      <Button type="submit" pending={write.pending}>
        {write.pending ? "Unblocking…" : "Unblock item"}
      </Button>
    </WriteForm>
  );
}
