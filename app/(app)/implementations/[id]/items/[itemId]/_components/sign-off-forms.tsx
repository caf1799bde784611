"use client";

import { useRefreshOnSuccess } from "@/components/providers/use-refresh-on-success";
import { Button } from "@/components/ui/button";
import { Field, Fieldset } from "@/components/ui/field";
import { useWrite, WriteForm } from "@/components/ui/write-form";
import { queryKeys } from "@/lib/client/query-keys";
import { revokeWaiverAction, signOffItemAction, waiveItemAction } from "../actions";
import { useItemChange, type ItemChangeProps } from "./item-change";
import { ItemReasonForm } from "./item-reason-form";
import { rememberSignature } from "./signed-confirmation";

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
  const write = useWrite(signOffItemAction, queryKeys.checklist(implementationId));
  useRefreshOnSuccess(write.state);
  const { errors } = write;
  // Ask for the password when the page knew it would be needed, or when the server says so.
  const passwordNeeded = askPassword || Boolean(errors?.password);
  return (
    <WriteForm
      write={write}
      label="Sign off"
      success="Your sign-off is recorded."
      hidden={{ itemId, itemVersion: version, snapshotDigest }}
      onSubmit={(event) => rememberSignature(itemId, String(new FormData(event.currentTarget).get("decision") ?? ""))}
      className="mt-4 space-y-3"
    >
      <Fieldset form="signoff" name="decision" legend="Your decision (choose one)" errors={errors} describedBy={approvalRefused ? "signoff-approval-refused" : undefined}>
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
      </Fieldset>
      <Field
        form="signoff"
        name="comment"
        label={
          <>
            Comment <span className="font-normal text-slate-600">(required to reject; the owner sees it)</span>
          </>
        }
        errors={errors}
      >
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      {passwordNeeded ? (
        <Field
          form="signoff"
          name="password"
          label={
            <>
              Your password <span className="font-normal text-slate-600">(you signed in more than {reauthMinutes} minutes ago)</span>
            </>
          }
          errors={errors}
        >
          {(control) => <input type="password" autoComplete="current-password" {...control} />}
        </Field>
      ) : null}
      <Button type="submit" variant="approve" pending={write.pending}>
        {write.pending ? "Signing…" : `Sign version ${version}`}
      </Button>
    </WriteForm>
  );
}

export function WaiveForm(props: ItemChangeProps) {
  const { write, errors, notice, confirmed } = useItemChange(waiveItemAction, props, "Waiving this item");
  return (
    <WriteForm write={write} label="Waive item" success="Waived." hidden={{ itemId: props.itemId, version: props.version }}>
      <Field form="waive" name="reason" label="Reason" errors={errors}>
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      <div className="grid gap-3 md:grid-cols-2">
        <Field form="waive" name="approverName" label="Approved by (name and role)" errors={errors}>
          {(control) => <input {...control} />}
        </Field>
        <Field form="waive" name="expiresOn" label="Expires on" errors={errors}>
          {(control) => <input type="date" min={props.today} {...control} />}
        </Field>
      </div>
      {notice}
      <Button type="submit" pending={write.pending} disabled={!confirmed}>
        {write.pending ? "Waiving…" : "Waive item"}
      </Button>
    </WriteForm>
  );
}

export function RevokeWaiverForm(props: { implementationId: string; itemId: string; version: number }) {
  return (
    <ItemReasonForm
      {...props}
      action={revokeWaiverAction}
      label="Revoke waiver"
      success="Waiver revoked."
      form="revoke"
      name="reason"
      fieldLabel="Why revoke it"
      submit="Revoke waiver"
      pendingSubmit="Revoking…"
    />
  );
}
