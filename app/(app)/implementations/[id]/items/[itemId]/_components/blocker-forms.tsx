"use client";

import { useActionState } from "react";
import { useSupersedeConfirmation, type CurrentApproval } from "@/components/checklist/supersede-confirm";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { queryKeys } from "@/lib/client/query-keys";
import { blockItemAction, unblockItemAction } from "../actions";

const button = "rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60";

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
  const [state, formAction, pending] = useActionState(blockItemAction, null);
  const { notice, confirmed } = useSupersedeConfirmation(approvals, "Blocking this item");
  useInvalidateOnSuccess(state, queryKeys.checklist(implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Block item" className="mt-3 space-y-3">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Blocked." />
      <div>
        <label htmlFor="block-reason" className="text-sm font-medium">Reason</label>
        <textarea {...fieldProps("block", "reason", errors)} rows={2} className={inputClass} />
        <FieldError formId="block" name="reason" errors={errors?.reason} />
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <div>
          <label htmlFor="block-severity" className="text-sm font-medium">Severity</label>
          <select {...fieldProps("block", "severity", errors)} defaultValue="" className={inputClass}>
            <option value="">Choose…</option>
            <option value="go_live">Go-live blocker</option>
            <option value="post_live">Post-live</option>
          </select>
          <FieldError formId="block" name="severity" errors={errors?.severity} />
        </div>
        <div>
          <label htmlFor="block-since" className="text-sm font-medium">Blocked since</label>
          <input type="date" {...fieldProps("block", "since", errors)} defaultValue={today} className={inputClass} />
          <FieldError formId="block" name="since" errors={errors?.since} />
        </div>
        <div>
          <label htmlFor="block-ticketUrl" className="text-sm font-medium">Ticket link (optional)</label>
          <input type="url" {...fieldProps("block", "ticketUrl", errors)} placeholder="https://" className={inputClass} />
          <FieldError formId="block" name="ticketUrl" errors={errors?.ticketUrl} />
        </div>
      </div>
      {notice}
      <button type="submit" disabled={pending || !confirmed} className={`${button} bg-rose-800 hover:bg-rose-700`}>
        {pending ? "Blocking…" : "Block item"}
      </button>
    </form>
  );
}

export function UnblockForm({ implementationId, itemId, version }: { implementationId: string; itemId: string; version: number }) {
  const [state, formAction, pending] = useActionState(unblockItemAction, null);
  useInvalidateOnSuccess(state, queryKeys.checklist(implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Unblock item" className="mt-3 space-y-3">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Unblocked." />
      <div>
        <label htmlFor="unblock-resolution" className="text-sm font-medium">Resolution</label>
        <textarea {...fieldProps("unblock", "resolution", errors)} rows={2} className={inputClass} />
        <FieldError formId="unblock" name="resolution" errors={errors?.resolution} />
      </div>
      <button type="submit" disabled={pending} className={`${button} bg-slate-900 hover:bg-slate-700`}>
        {pending ? "Unblocking…" : "Unblock item"}
      </button>
    </form>
  );
}
