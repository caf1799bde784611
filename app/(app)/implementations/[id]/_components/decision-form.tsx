"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Fieldset } from "@/components/ui/field";
import { FieldError } from "@/components/ui/form";
import { useWrite, WriteForm } from "@/components/ui/write-form";
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
  const write = useWrite(recordGoLiveDecisionAction);
  const { errors } = write;
  const options: GateVerdict[] = verdict === "go" ? ["go", "no_go"] : verdict === "conditional_go" ? ["conditional_go", "no_go"] : ["no_go"];
  const [decision, setDecision] = useState<GateVerdict>(options[0]!);
  return (
    <WriteForm write={write} label="Go/no-go decision" success="Decision recorded." hidden={{ implementationId, gateDigest }}>
      <Fieldset form="decision" name="decision" legend="Decision" errors={errors}>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {options.map((o) => (
            <label key={o} className="flex items-center gap-2">
              <input type="radio" name="decision" value={o} checked={decision === o} onChange={() => setDecision(o)} />
              {gateVerdictLabel[o]}
            </label>
          ))}
        </div>
      </Fieldset>
      {decision === "conditional_go" ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Accept each remaining risk</legend>
          <FieldError formId="decision" name="acceptances" errors={errors?.acceptances} />
          {risks.map((r, i) => (
            <div key={r.key} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <input type="hidden" name="riskKey" value={r.key} />
              <p className="font-medium">{r.message}</p>
              <div className="mt-2 grid gap-3 md:grid-cols-2">
                <Field form="decision" name={`acceptedByName.${i}`} label="Accepted by (name)" errors={errors}>
                  {(control) => <input {...control} name="acceptedByName" />}
                </Field>
                <Field form="decision" name={`reevaluateOn.${i}`} label="Re-evaluate on" errors={errors}>
                  {(control) => <input type="date" min={today} {...control} name="reevaluateOn" />}
                </Field>
              </div>
            </div>
          ))}
        </fieldset>
      ) : null}
      <Field form="decision" name="notes" label="Notes (who was in the meeting, what was agreed)" errors={errors}>
        {(control) => <textarea {...control} rows={3} />}
      </Field>
      <Button type="submit" pending={write.pending}>
        {write.pending ? "Recording…" : `Record ${gateVerdictLabel[decision]}`}
      </Button>
    </WriteForm>
  );
}
