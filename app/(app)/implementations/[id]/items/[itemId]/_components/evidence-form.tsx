"use client";

import type { CurrentApproval } from "@/components/checklist/supersede-confirm";
import { EnvironmentField } from "@/components/implementation/environment-field";
import { Button } from "@/components/ui/button";
import { Field, Fieldset } from "@/components/ui/field";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { WriteForm } from "@/components/ui/write-form";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { recordEvidenceAction } from "../actions";
import { useItemChange } from "./item-change";

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
  const { write, errors, notice, confirmed } = useItemChange(recordEvidenceAction, props, "Recording evidence");
  const form = useResetOnSuccess(write.state);
  return (
    <WriteForm write={write} label="Record evidence" success="Evidence recorded." hidden={{ itemId: props.itemId }} formRef={form} className="space-y-4">
      <Fieldset form="evidence" name="kind" legend="Kind" errors={errors}>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="technical" /> Technical evidence (a request, job or log)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="kind" value="operational" /> Operational validation (a person checked a real example)
          </label>
        </div>
      </Fieldset>
      <div className="grid gap-4 md:grid-cols-3">
        <EnvironmentField form="evidence" errors={errors} environments={props.environments} blank="Choose…" />
        <Field form="evidence" name="outcome" label="Outcome" errors={errors}>
          {(control) => (
            <select {...control} defaultValue="">
              <option value="">Choose…</option>
              <option value="pass">Pass</option>
              <option value="fail">Fail</option>
              <option value="inconclusive">Inconclusive</option>
            </select>
          )}
        </Field>
        <Field form="evidence" name="observedAt" label="Observed at (UTC)" errors={errors}>
          {(control) => <input type="datetime-local" {...control} defaultValue={props.now} />}
        </Field>
      </div>
      <Field form="evidence" name="whatWasTested" label="What was tested" errors={errors}>
        {(control) => <textarea {...control} rows={2} placeholder="Use test identifiers only — never real patient names, dates of birth or MRNs." />}
      </Field>
      <Field form="evidence" name="linkUrl" label="Link (optional)" errors={errors}>
        {(control) => <input type="url" {...control} placeholder="https://" />}
      </Field>
      {notice}
      <Button type="submit" pending={write.pending} disabled={!confirmed}>
        {write.pending ? "Recording…" : "Record evidence"}
      </Button>
    </WriteForm>
  );
}
