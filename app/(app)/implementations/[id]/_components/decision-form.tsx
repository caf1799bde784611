"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError, FormMessage, fieldProps, inputClass, submitKeepingInput } from "@/components/ui/form";
import type { GateVerdict } from "@/lib/domain/vocabulary";
import { gateVerdictLabel } from "@/lib/format/labels";
import { recordGoLiveDecisionAction } from "../actions";

type Risk = { key: string; message: string };

// The go/no-go decision. It names the gate it was made on (its digest): if a sign-off, a
// blocker or a result moves the gate in the meantime, the server refuses it. Only decisions
// no better than the verdict are offered; a conditional go lists every risk for acceptance.
export function DecisionForm({
  implementationId,
  verdict,
  gateDigest,
  risks,
  today,
}: {
  implementationId: string;
  verdict: GateVerdict;
  gateDigest: string;
  risks: Risk[];
  today: string;
}) {
  const [state, formAction, pending] = useActionState(recordGoLiveDecisionAction, null);
  const options: GateVerdict[] = verdict === "go" ? ["go", "no_go"] : verdict === "conditional_go" ? ["conditional_go", "no_go"] : ["no_go"];
  const [decision, setDecision] = useState<GateVerdict>(options[0]!);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Go/no-go decision" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="gateDigest" value={gateDigest} />
      <FormMessage state={state} success="Decision recorded." />
      <fieldset>
        <legend className="text-sm font-medium">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {options.map((o) => (
            <label key={o} className="flex items-center gap-2">
              <input type="radio" name="decision" value={o} checked={decision === o} onChange={() => setDecision(o)} />
              {gateVerdictLabel[o]}
            </label>
          ))}
        </div>
        <FieldError formId="decision" name="decision" errors={errors?.decision} />
      </fieldset>
      {decision === "conditional_go" ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Accept each remaining risk</legend>
          <FieldError formId="decision" name="acceptances" errors={errors?.acceptances} />
          {risks.map((r, i) => (
            <div key={r.key} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <input type="hidden" name="riskKey" value={r.key} />
              <p className="font-medium">{r.message}</p>
              <div className="mt-2 grid gap-3 md:grid-cols-2">
                <div>
                  <label htmlFor={`decision-acceptedByName.${i}`} className="text-sm font-medium">Accepted by (name)</label>
                  <input {...fieldProps("decision", `acceptedByName.${i}`, errors)} name="acceptedByName" className={inputClass} />
                  <FieldError formId="decision" name={`acceptedByName.${i}`} errors={errors?.[`acceptedByName.${i}`]} />
                </div>
                <div>
                  <label htmlFor={`decision-reevaluateOn.${i}`} className="text-sm font-medium">Re-evaluate on</label>
                  <input type="date" min={today} {...fieldProps("decision", `reevaluateOn.${i}`, errors)} name="reevaluateOn" className={inputClass} />
                  <FieldError formId="decision" name={`reevaluateOn.${i}`} errors={errors?.[`reevaluateOn.${i}`]} />
                </div>
              </div>
            </div>
          ))}
        </fieldset>
      ) : null}
      <Field form="decision" name="notes" label="Notes (who was in the meeting, what was agreed)" errors={errors}>
        {(control) => <textarea {...control} rows={3} />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? "Recording…" : `Record ${gateVerdictLabel[decision]}`}
      </Button>
    </form>
  );
}
