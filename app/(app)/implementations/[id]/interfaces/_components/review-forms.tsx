"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { EnvironmentField } from "@/components/implementation/environment-field";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { MAX_PAYLOAD_BYTES } from "@/lib/payloads/types";
import { reviewPayloadAction, savePayloadRuleAction } from "../actions";

const button = buttonClass();

// Paste or upload one sample. An uploaded file is read here into the text box, so what is sent
// is what the person sees; a file over the limit is refused before anything is sent.
export function ReviewPayloadForm({
  implementationId,
  interfaces,
  environments,
}: {
  implementationId: string;
  interfaces: { id: string; name: string }[];
  environments: { id: string; kind: EnvironmentKind }[];
}) {
  const [state, formAction, pending] = useActionState(reviewPayloadAction, null);
  const form = useResetOnSuccess(state);
  const [payload, setPayload] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const F = "review";
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const test = environments.find((e) => e.kind === "test");

  async function readFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_PAYLOAD_BYTES) {
      setFileError(`This file is ${file.size.toLocaleString("en-US")} bytes; a sample is at most ${MAX_PAYLOAD_BYTES.toLocaleString("en-US")}.`);
      event.target.value = "";
      return;
    }
    setPayload(await file.text());
  }

  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} onReset={() => setPayload("")} noValidate aria-label="Review a sample payload" className="mt-3 space-y-3">
      <p id={`${F}-notice`} className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <strong>The raw payload is never stored.</strong> Readyroom keeps its structure and the findings, with names, birth dates, addresses, phone
        numbers, e-mail addresses, identifiers and free text masked. Use samples from the test system all the same: never a real patient&apos;s message.
      </p>
      {state?.ok ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <span aria-hidden="true">✓ </span>
          Reviewed: {state.data.errors} {state.data.errors === 1 ? "error" : "errors"}, {state.data.warnings} {state.data.warnings === 1 ? "warning" : "warnings"}.{" "}
          <Link href={`/implementations/${implementationId}/interfaces/reviews/${state.data.reviewId}`} className="font-semibold underline">
            Open the findings
          </Link>
        </p>
      ) : (
        <FormMessage state={state} success="" />
      )}
      <div className="grid gap-3 md:grid-cols-2">
        <Field form={F} name="interfaceId" label="Interface" errors={errors}>
          {(control) => (
            <select {...control}>
              {interfaces.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          )}
        </Field>
        <EnvironmentField form={F} label="Environment the sample came from" errors={errors} environments={environments} defaultValue={test?.id} />
      </div>
      <div>
        <label htmlFor={`${F}-file`} className="text-sm font-medium">Upload a file (at most 1 MB), or paste below</label>
        <input id={`${F}-file`} type="file" accept=".hl7,.txt,.json,.er7,text/plain,application/json" onChange={readFile} className="mt-1 block text-sm" aria-describedby={fileError ? `${F}-file-error` : undefined} />
        {fileError ? (
          <p id={`${F}-file-error`} className="mt-1 text-sm text-rose-800">
            <span aria-hidden="true">✕ </span>
            {fileError}
          </p>
        ) : null}
      </div>
      <Field form={F} name="payload" label="HL7 v2 message or batch, or FHIR R4 resource or Bundle (JSON)" errors={errors} describedBy={`${F}-notice`}>
        {(control) => (
          <textarea
            {...control}
            value={payload}
            onChange={(e) => setPayload(e.target.value)}
            rows={12}
            spellCheck={false}
            autoComplete="off"
            className={`${control.className} font-mono text-xs`}
          />
        )}
      </Field>
      <Field form={F} name="note" label="Note (optional)" errors={errors}>
        {(control) => <input {...control} />}
      </Field>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Reviewing…" : "Review payload"}
      </button>
    </form>
  );
}

export function RuleForm({ implementationId, target, fields }: { implementationId: string; target: string; fields: string[] }) {
  const [state, formAction, pending] = useActionState(savePayloadRuleAction, null);
  const F = `rule-${target.replace(/\W/g, "-")}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Rules for ${target}`} className="mt-2 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="target" value={target} />
      <FormMessage state={state} success="Rules saved: the next review uses them." />
      <Field form={F} name="fields" label={`Required for ${target}, one per line (empty restores the default)`} errors={errors}>
        {(control) => <textarea {...control} defaultValue={fields.join("\n")} rows={4} spellCheck={false} className={`${control.className} font-mono text-xs`} />}
      </Field>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Saving…" : `Save rules for ${target}`}
      </button>
    </form>
  );
}
