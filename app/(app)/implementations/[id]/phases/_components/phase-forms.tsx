"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import type { Phase } from "@/lib/domain/vocabulary";
import { phaseLabel } from "@/lib/format/labels";
import { savePhaseAction, setPhaseExitAction } from "../actions";

type PhaseRow = {
  phase: Phase;
  planned: boolean;
  plannedStart: string | null;
  plannedEnd: string | null;
  successSignal: string;
  exitCriteria: string;
  version: number;
  suggested: { successSignal: string; exitCriteria: string };
};

// A phase's dates, success signal and exit criteria. A phase not planned yet starts from the
// guide's text, which the manager edits before saving.
export function PhasePlanForm({ implementationId, row }: { implementationId: string; row: PhaseRow }) {
  const [state, formAction, pending] = useActionState(savePhaseAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const F = `phase-${row.phase}`;
  const label = phaseLabel[row.phase];
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Plan the ${label} phase`} className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="phase" value={row.phase} />
      <input type="hidden" name="version" value={row.version} />
      <FormMessage state={state} success="Saved." />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field form={F} name="plannedStart" label="Planned start" errors={errors}>
          {(control) => <input {...control} type="date" defaultValue={row.plannedStart ?? ""} />}
        </Field>
        <Field form={F} name="plannedEnd" label="Planned end" errors={errors}>
          {(control) => <input {...control} type="date" defaultValue={row.plannedEnd ?? ""} />}
        </Field>
      </div>
      <Field form={F} name="successSignal" label="Success signal" hint="What you will see when this phase worked." errors={errors}>
        {(control) => <textarea {...control} rows={2} defaultValue={row.planned ? row.successSignal : row.suggested.successSignal} />}
      </Field>
      <Field form={F} name="exitCriteria" label="Exit criteria" hint="What must be true before the next phase starts." errors={errors}>
        {(control) => <textarea {...control} rows={2} defaultValue={row.planned ? row.exitCriteria : row.suggested.exitCriteria} />}
      </Field>
      <Button type="submit" pending={pending}>
        {pending ? "Saving…" : `Save the ${label} plan`}
      </Button>
    </form>
  );
}

// Says the exit criteria are met (by the viewer, now), or, met by mistake, not met after all.
export function PhaseExitForm({ implementationId, phase, version, met }: { implementationId: string; phase: Phase; version: number; met: boolean }) {
  const [state, formAction, pending] = useActionState(setPhaseExitAction, null);
  const label = phaseLabel[phase];
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Exit criteria of ${label}`} className="mt-3 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="phase" value={phase} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="exit" value={met ? "not_met" : "met"} />
      {state && !state.ok ? <FormMessage state={state} success="" /> : null}
      <Button type="submit" variant={met ? "secondary" : "primary"} size="sm" pending={pending}>
        {pending ? "Saving…" : met ? `${label}: exit criteria not met after all` : `Mark ${label} exit criteria met`}
      </Button>
    </form>
  );
}
