"use client";

import { useActionState } from "react";
import { useSupersedeConfirmation, type CurrentApproval } from "@/components/checklist/supersede-confirm";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { queryKeys } from "@/lib/client/query-keys";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { environmentLabel } from "@/lib/format/labels";
import { recordEvidenceAction } from "../actions";

// Records what was observed, where and when. Technical evidence and operational validation
// are kept apart: only the second is a person checking a real example end to end. Kind,
// environment and outcome start unchosen: the person who saw it says what it was.
export function EvidenceForm(props: {
  implementationId: string;
  itemId: string;
  environments: { id: string; kind: EnvironmentKind }[];
  now: string;
  approvals: CurrentApproval[];
}) {
  const [state, formAction, pending] = useActionState(recordEvidenceAction, null);
  useInvalidateOnSuccess(state, queryKeys.checklist(props.implementationId));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useResetOnSuccess(state);
  const { notice, confirmed } = useSupersedeConfirmation(props.approvals, "Recording evidence");
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Record evidence" className="space-y-4">
      <input type="hidden" name="itemId" value={props.itemId} />
      <FormMessage state={state} success="Evidence recorded." />
      <fieldset>
        <legend className="text-sm font-medium">Kind</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="technical" /> Technical evidence (a request, job or log)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="operational" /> Operational validation (a person checked a real example)
          </label>
        </div>
        <FieldError formId="evidence" name="kind" errors={errors?.kind} />
      </fieldset>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="evidence-environmentId" className="text-sm font-medium">Environment</label>
          <select {...fieldProps("evidence", "environmentId", errors)} defaultValue="" className={inputClass}>
            <option value="">Choose…</option>
            {props.environments.map((e) => (
              <option key={e.id} value={e.id}>
                {environmentLabel[e.kind]}
              </option>
            ))}
          </select>
          <FieldError formId="evidence" name="environmentId" errors={errors?.environmentId} />
        </div>
        <div>
          <label htmlFor="evidence-outcome" className="text-sm font-medium">Outcome</label>
          <select {...fieldProps("evidence", "outcome", errors)} defaultValue="" className={inputClass}>
            <option value="">Choose…</option>
            <option value="pass">Pass</option>
            <option value="fail">Fail</option>
            <option value="inconclusive">Inconclusive</option>
          </select>
          <FieldError formId="evidence" name="outcome" errors={errors?.outcome} />
        </div>
        <div>
          <label htmlFor="evidence-observedAt" className="text-sm font-medium">Observed at (UTC)</label>
          <input type="datetime-local" {...fieldProps("evidence", "observedAt", errors)} defaultValue={props.now} className={inputClass} />
          <FieldError formId="evidence" name="observedAt" errors={errors?.observedAt} />
        </div>
      </div>
      <div>
        <label htmlFor="evidence-whatWasTested" className="text-sm font-medium">What was tested</label>
        <textarea {...fieldProps("evidence", "whatWasTested", errors)} rows={2} className={inputClass} placeholder="Use test identifiers only — never real patient names, dates of birth or MRNs." />
        <FieldError formId="evidence" name="whatWasTested" errors={errors?.whatWasTested} />
      </div>
      <div>
        <label htmlFor="evidence-linkUrl" className="text-sm font-medium">Link (optional)</label>
        <input type="url" {...fieldProps("evidence", "linkUrl", errors)} className={inputClass} placeholder="https://" />
        <FieldError formId="evidence" name="linkUrl" errors={errors?.linkUrl} />
      </div>
      {notice}
      <button type="submit" disabled={pending || !confirmed} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
        {pending ? "Recording…" : "Record evidence"}
      </button>
    </form>
  );
}
