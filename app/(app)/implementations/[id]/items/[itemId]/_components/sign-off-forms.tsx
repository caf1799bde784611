"use client";

import { useActionState } from "react";
import { useSupersedeConfirmation, type CurrentApproval } from "@/components/checklist/supersede-confirm";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { queryKeys } from "@/lib/client/query-keys";
import { revokeWaiverAction, signOffItemAction, waiveItemAction } from "../actions";
import { rememberSignature } from "./signed-confirmation";

const button = "rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60";

// The signature itself. It carries the version and digest of the snapshot shown above it, so
// the server refuses it if the item changed in between; the meaning shown is the one stored.
export function SignOffForm({
  implementationId,
  itemId,
  version,
  snapshotDigest,
  meaning,
  askPassword,
  reauthMinutes,
  approvalRefused,
}: {
  implementationId: string;
  itemId: string;
  version: number;
  snapshotDigest: string;
  meaning: { approve: string; reject: string };
  askPassword: boolean;
  reauthMinutes: number;
  // Why approving is not possible (no evidence behind the item); rejecting still is.
  approvalRefused: string | null;
}) {
  const [state, formAction, pending] = useActionState(signOffItemAction, null);
  useInvalidateOnSuccess(state, queryKeys.checklist(implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // Ask for the password when the page knew it would be needed, or when the server says so.
  const passwordNeeded = askPassword || Boolean(errors?.password);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        rememberSignature(itemId, String(new FormData(event.currentTarget).get("decision") ?? ""));
        submitKeepingInput(formAction)(event);
      }}
      noValidate
      aria-label="Sign off"
      className="mt-4 space-y-3"
    >
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="itemVersion" value={version} />
      <input type="hidden" name="snapshotDigest" value={snapshotDigest} />
      <FormMessage state={state} success="Your sign-off is recorded." />
      <fieldset aria-describedby={approvalRefused ? "signoff-approval-refused" : undefined}>
        <legend className="text-sm font-medium">Your decision (choose one)</legend>
        {approvalRefused ? (
          <p id="signoff-approval-refused" className="mt-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {approvalRefused}
          </p>
        ) : null}
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex items-start gap-2">
            <input type="radio" name="decision" value="approve" disabled={Boolean(approvalRefused)} className="mt-1" />
            <span className={approvalRefused ? "text-slate-500" : undefined}>
              <span className="font-semibold">Approve</span> — “{meaning.approve}”
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="decision" value="reject" className="mt-1" />
            <span>
              <span className="font-semibold">Reject</span> — “{meaning.reject}”
            </span>
          </label>
        </div>
        <FieldError formId="signoff" name="decision" errors={errors?.decision} />
      </fieldset>
      <div>
        <label htmlFor="signoff-comment" className="text-sm font-medium">
          Comment <span className="font-normal text-slate-600">(required to reject; the owner sees it)</span>
        </label>
        <textarea {...fieldProps("signoff", "comment", errors)} rows={2} className={inputClass} />
        <FieldError formId="signoff" name="comment" errors={errors?.comment} />
      </div>
      {passwordNeeded ? (
        <div>
          <label htmlFor="signoff-password" className="text-sm font-medium">
            Your password <span className="font-normal text-slate-600">(you signed in more than {reauthMinutes} minutes ago)</span>
          </label>
          <input type="password" autoComplete="current-password" {...fieldProps("signoff", "password", errors)} className={inputClass} />
          <FieldError formId="signoff" name="password" errors={errors?.password} />
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={`${button} bg-emerald-800 hover:bg-emerald-700`}>
        {pending ? "Signing…" : `Sign version ${version}`}
      </button>
    </form>
  );
}

export function WaiveForm({
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
  const [state, formAction, pending] = useActionState(waiveItemAction, null);
  const { notice, confirmed } = useSupersedeConfirmation(approvals, "Waiving this item");
  useInvalidateOnSuccess(state, queryKeys.checklist(implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Waive item" className="mt-3 space-y-3">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Waived." />
      <div>
        <label htmlFor="waive-reason" className="text-sm font-medium">Reason</label>
        <textarea {...fieldProps("waive", "reason", errors)} rows={2} className={inputClass} />
        <FieldError formId="waive" name="reason" errors={errors?.reason} />
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor="waive-approverName" className="text-sm font-medium">Approved by (name and role)</label>
          <input {...fieldProps("waive", "approverName", errors)} className={inputClass} />
          <FieldError formId="waive" name="approverName" errors={errors?.approverName} />
        </div>
        <div>
          <label htmlFor="waive-expiresOn" className="text-sm font-medium">Expires on</label>
          <input type="date" min={today} {...fieldProps("waive", "expiresOn", errors)} className={inputClass} />
          <FieldError formId="waive" name="expiresOn" errors={errors?.expiresOn} />
        </div>
      </div>
      {notice}
      <button type="submit" disabled={pending || !confirmed} className={`${button} bg-slate-900 hover:bg-slate-700`}>
        {pending ? "Waiving…" : "Waive item"}
      </button>
    </form>
  );
}

export function RevokeWaiverForm({ implementationId, itemId, version }: { implementationId: string; itemId: string; version: number }) {
  const [state, formAction, pending] = useActionState(revokeWaiverAction, null);
  useInvalidateOnSuccess(state, queryKeys.checklist(implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Revoke waiver" className="mt-3 space-y-3">
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Waiver revoked." />
      <div>
        <label htmlFor="revoke-reason" className="text-sm font-medium">Why revoke it</label>
        <textarea {...fieldProps("revoke", "reason", errors)} rows={2} className={inputClass} />
        <FieldError formId="revoke" name="reason" errors={errors?.reason} />
      </div>
      <button type="submit" disabled={pending} className={`${button} bg-slate-900 hover:bg-slate-700`}>
        {pending ? "Revoking…" : "Revoke waiver"}
      </button>
    </form>
  );
}
