"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CheckboxField, Field, Fieldset } from "@/components/ui/field";
import { FormMessage, inputClass, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import type { ActionResult } from "@/lib/actions/result";
import { interfaceKinds, workflows } from "@/lib/domain/vocabulary";
import { interfaceLabel, workflowLabel } from "@/lib/format/labels";
import { dataDomainLabel, interfaceDirectionLabel, interfaceDirections, interfaceStatusLabel, interfaceStatuses, type DataDomain } from "@/lib/interfaces/vocabulary";
import { addInterfaceAction, confirmInventoryAction, setSourceOfTruthAction, updateInterfaceAction } from "../actions";

const button = buttonClass();

export type InterfaceValues = {
  id: string;
  name: string;
  kind: string;
  direction: string;
  sourceSystem: string;
  targetSystem: string;
  workflows: string[];
  messageTypes: string[];
  endpoints: Partial<Record<"sandbox" | "test" | "production", string>>;
  vendorOwner: string;
  customerOwner: string;
  status: string;
  note: string;
  version: number;
};

// Adds an interface (no `initial`) or edits one, with the same fields.
export function InterfaceForm({ implementationId, initial }: { implementationId: string; initial?: InterfaceValues }) {
  // Both actions answer with an ActionResult; the form reads only ok, message and field errors.
  const action = (initial ? updateInterfaceAction : addInterfaceAction) as (previous: ActionResult<unknown> | null, data: FormData) => Promise<ActionResult<unknown>>;
  const [state, formAction, pending] = useActionState(action, null);
  const form = useResetOnSuccess(initial ? null : state);
  const F = initial ? `iface-${initial.id}` : "iface-new";
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const text = (name: string, label: string, value: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field form={F} name={name} label={label} errors={errors}>
      {(control) => <input {...control} defaultValue={value} {...extra} />}
    </Field>
  );
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={submitKeepingInput(formAction)}
      noValidate
      aria-label={initial ? `Edit interface ${initial.name}` : "Add an interface"}
      className="mt-3 space-y-3"
    >
      {initial ? (
        <>
          <input type="hidden" name="interfaceId" value={initial.id} />
          <input type="hidden" name="version" value={initial.version} />
        </>
      ) : (
        <input type="hidden" name="implementationId" value={implementationId} />
      )}
      <FormMessage state={state} success={initial ? "Interface saved." : "Interface added."} />
      <div className="grid gap-3 md:grid-cols-3">
        {text("name", "Name", initial?.name ?? "", { placeholder: "Scheduling SIU feed" })}
        <Field form={F} name="kind" label="Kind" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={initial?.kind ?? "hl7v2_feed"}>
              {interfaceKinds.map((k) => <option key={k} value={k}>{interfaceLabel[k]}</option>)}
            </select>
          )}
        </Field>
        <Field form={F} name="direction" label="Direction" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={initial?.direction ?? "inbound"}>
              {interfaceDirections.map((d) => <option key={d} value={d}>{interfaceDirectionLabel[d]}</option>)}
            </select>
          )}
        </Field>
        {text("sourceSystem", "Source system", initial?.sourceSystem ?? "", { placeholder: "Epic Bridges" })}
        {text("targetSystem", "Target system", initial?.targetSystem ?? "", { placeholder: "Scheduling engine" })}
        <Field form={F} name="status" label="Status" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={initial?.status ?? "planned"}>
              {interfaceStatuses.map((s) => <option key={s} value={s}>{interfaceStatusLabel[s]}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Fieldset form={F} name="workflows" legend="Workflow surfaces it serves" errors={errors}>
        <div className="mt-1 flex flex-wrap gap-3 text-sm">
          {workflows.map((w) => (
            <label key={w} className="flex items-center gap-1">
              <input type="checkbox" name="workflows" value={w} defaultChecked={initial?.workflows.includes(w)} />
              {workflowLabel[w]}
            </label>
          ))}
        </div>
      </Fieldset>
      {text("messageTypes", "Message types or resources (comma or space separated)", initial?.messageTypes.join(", ") ?? "", {
        placeholder: "SIU^S12, SIU^S15, Appointment",
        spellCheck: false,
        className: `${inputClass} font-mono`,
      })}
      <p id={`${F}-endpoint-rule`} className="text-xs text-slate-600">
        Endpoints say where the interface connects (host, port, channel, path). Never a password, token or key: those are refused.
      </p>
      <div className="grid gap-3 md:grid-cols-3">
        {text("endpointSandbox", "Sandbox endpoint", initial?.endpoints.sandbox ?? "", { spellCheck: false })}
        {text("endpointTest", "Test endpoint", initial?.endpoints.test ?? "", { spellCheck: false })}
        {text("endpointProduction", "Production endpoint", initial?.endpoints.production ?? "", { spellCheck: false })}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {text("vendorOwner", "Vendor owner", initial?.vendorOwner ?? "")}
        {text("customerOwner", "Customer owner", initial?.customerOwner ?? "")}
      </div>
      {text("note", "Note (optional)", initial?.note ?? "")}
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Saving…" : initial ? "Save interface" : "Add interface"}
      </button>
    </form>
  );
}

export function SourceOfTruthForm({
  implementationId,
  domain,
  version,
  authoritativeSystem,
  conflictResolver,
  propagation,
  agreed,
}: {
  implementationId: string;
  domain: DataDomain;
  version: number;
  authoritativeSystem: string;
  conflictResolver: string;
  propagation: string;
  agreed: boolean;
}) {
  const [state, formAction, pending] = useActionState(setSourceOfTruthAction, null);
  const F = `truth-${domain}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Source of truth for ${dataDomainLabel[domain]}`} className="mt-2 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="domain" value={domain} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Saved." />
      <div className="grid gap-2 md:grid-cols-3">
        <Field form={F} name="authoritativeSystem" label="Authoritative system" errors={errors}>
          {(control) => <input {...control} defaultValue={authoritativeSystem} placeholder="Epic" />}
        </Field>
        <Field form={F} name="conflictResolver" label="Who resolves conflicts" errors={errors}>
          {(control) => <input {...control} defaultValue={conflictResolver} placeholder="HIM team" />}
        </Field>
        <Field form={F} name="propagation" label="How corrections propagate" errors={errors}>
          {(control) => <input {...control} defaultValue={propagation} placeholder="ADT^A08 to the engine" />}
        </Field>
      </div>
      <CheckboxField form={F} name="agreed" label="Agreed by both sides" errors={errors} defaultChecked={agreed} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Saving…" : `Save ${dataDomainLabel[domain].toLowerCase()}`}
      </button>
    </form>
  );
}

// What customer IT attests, shown above the button; the form carries the inventory's SHA-256.
export function ConfirmInventoryForm({ implementationId, digest, count }: { implementationId: string; digest: string; count: number }) {
  const [state, formAction, pending] = useActionState(confirmInventoryAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Confirm the inventory" className="mt-2 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="digest" value={digest} />
      <FormMessage state={state} success="Inventory confirmed." />
      <p className="text-sm">
        I confirm that these {count} {count === 1 ? "interface is" : "interfaces are"} my organization&apos;s complete list for this implementation, as shown
        (inventory SHA-256 <code className="break-all">{digest.slice(0, 12)}…</code>).
      </p>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Confirming…" : "Confirm this inventory"}
      </button>
    </form>
  );
}
