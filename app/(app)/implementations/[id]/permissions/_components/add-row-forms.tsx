"use client";

import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { CheckboxField, Field, Fieldset } from "@/components/ui/field";
import { FieldError, FormMessage, submitKeepingInput } from "@/components/ui/form";
import { useResetOnSuccess } from "@/components/ui/use-reset-on-success";
import { permissionInterfaces, type PermissionInterface, type Workflow } from "@/lib/domain/vocabulary";
import { permissionInterfaceLabel, workflowLabel } from "@/lib/format/labels";
import type { CatalogRow } from "@/lib/registers/catalog";
import { checkPermission } from "@/lib/registers/permission-format";
import { addCatalogRowsAction, addInterfaceRowsAction, addPermissionRowAction } from "../actions";

const button = buttonClass();

const placeholders: Record<PermissionInterface, string> = {
  fhir_api: "patient/Appointment.rs",
  hl7v2_feed: "SIU^S12",
  proprietary_api: "appointments:write",
};

// The usual rows for one workflow, ticked, added in one step.
export function CatalogForm({ implementationId, workflow, rows }: { implementationId: string; workflow: Workflow; rows: (CatalogRow & { key: string })[] }) {
  const [state, formAction, pending] = useActionState(addCatalogRowsAction, null);
  const formId = `catalog-${workflow}`;
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={`Add catalog rows for ${workflowLabel[workflow]}`} className="mt-2 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="workflow" value={workflow} />
      <FormMessage state={state} success="Rows added to the matrix." />
      <Fieldset form={formId} name="rows" legend={`Rows to add for ${workflowLabel[workflow]}`} legendClassName="sr-only" errors={errors}>
        <ul className="space-y-1 text-sm">
          {rows.map((row) => (
            <li key={row.key} className="flex items-start gap-2">
              <input id={`${formId}-${row.key}`} type="checkbox" name="rows" value={row.key} defaultChecked className="mt-1" />
              <label htmlFor={`${formId}-${row.key}`}>
                <code className="font-semibold">{row.permission}</code>{" "}
                <span className="text-slate-600">
                  · {permissionInterfaceLabel[row.interface]} · {row.required ? "required" : "optional"} · {row.note}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </Fieldset>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Adding…" : `Add selected rows for ${workflowLabel[workflow]}`}
      </button>
    </form>
  );
}

export type InterfaceOption = { id: string; name: string };

// The optional link from a row or scenario to one interface of the inventory.
export function InterfaceSelect({ formId, errors, interfaces, defaultValue = "" }: { formId: string; errors?: Record<string, string[]>; interfaces: InterfaceOption[]; defaultValue?: string }) {
  return (
    <Field form={formId} name="interfaceId" label="Interface of the inventory (optional)" errors={errors}>
      {(control) => (
        <select {...control} defaultValue={defaultValue}>
          <option value="">None</option>
          {interfaces.map((i) => (
            <option key={i.id} value={i.id}>{i.name}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

// "Add the rows this interface needs": the rows proposed from its message types or resources.
export function InterfaceRowsForm({ implementationId, interfaceId, name, rows }: { implementationId: string; interfaceId: string; name: string; rows: CatalogRow[] }) {
  const [state, formAction, pending] = useActionState(addInterfaceRowsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formId = `interface-rows-${interfaceId}`;
  return (
    <form action={formAction} noValidate aria-label={`Add the rows ${name} needs`} className="mt-2 space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="interfaceId" value={interfaceId} />
      <FormMessage state={state} success={`Rows for ${name} added to the matrix.`} />
      <ul className="space-y-1 text-sm">
        {rows.map((row) => (
          <li key={`${row.interface}|${row.permission}`}>
            <code className="font-semibold">{row.permission}</code>{" "}
            <span className="text-slate-600">
              · {permissionInterfaceLabel[row.interface]} · {row.required ? "required" : "optional"} · {row.note}
            </span>
          </li>
        ))}
      </ul>
      <FieldError formId={formId} name="interfaceId" errors={errors?.interfaceId} />
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Adding…" : `Add the rows ${name} needs`}
      </button>
    </form>
  );
}

// A row typed in, validated as you type by the same rule the server applies.
export function AddRowForm({ implementationId, interfaces }: { implementationId: string; interfaces: InterfaceOption[] }) {
  const [state, formAction, pending] = useActionState(addPermissionRowAction, null);
  const form = useResetOnSuccess(state);
  const [iface, setIface] = useState<PermissionInterface>("fhir_api");
  const [permission, setPermission] = useState("");
  const F = "add-row";
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const live = permission.trim() === "" ? null : checkPermission(iface, permission);
  return (
    <form ref={form} action={formAction} onSubmit={submitKeepingInput(formAction)} onReset={() => setPermission("")} noValidate aria-label="Add a permission row" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <FormMessage state={state} success="Row added." />
      <div className="grid gap-3 md:grid-cols-3">
        <Field form={F} name="interface" label="Interface" errors={errors}>
          {(control) => (
            <select {...control} value={iface} onChange={(e) => setIface(e.target.value as PermissionInterface)}>
              {permissionInterfaces.map((i) => (
                <option key={i} value={i}>{permissionInterfaceLabel[i]}</option>
              ))}
            </select>
          )}
        </Field>
        <Field
          form={F}
          name="permission"
          label={`Permission ${iface === "fhir_api" ? "(SMART scope)" : iface === "hl7v2_feed" ? "(message type^trigger event)" : ""}`}
          errors={errors}
          describedBy={`${F}-permission-live`}
          className="md:col-span-2"
        >
          {(control) => (
            <>
              <input
                {...control}
                placeholder={placeholders[iface]}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => setPermission(e.target.value)}
                className={`${control.className} font-mono`}
              />
              <p id={`${F}-permission-live`} aria-live="polite" className={`mt-1 text-xs ${live && !live.ok ? "text-rose-800" : "text-slate-600"}`}>
                {live === null
                  ? iface === "fhir_api"
                    ? "SMART v2 (patient/Appointment.rs, system/Slot.rs) or v1 (patient/*.read)."
                    : iface === "hl7v2_feed"
                      ? "Such as ADT^A08 or SIU^S12."
                      : "As the API names it."
                  : live.ok
                    ? `✓ ${live.smartV1 ? "Valid, but a SMART v1 scope: " : ""}${live.description}`
                    : `✕ ${live.error}`}
              </p>
            </>
          )}
        </Field>
      </div>
      {interfaces.length > 0 && <InterfaceSelect formId={F} errors={errors} interfaces={interfaces} />}
      <CheckboxField form={F} name="required" label="Required for go-live" errors={errors} defaultChecked />
      <Field form={F} name="note" label="Note (optional)" errors={errors}>
        {(control) => <input {...control} />}
      </Field>
      <button type="submit" disabled={pending} className={button}>
        {pending ? "Adding…" : "Add row"}
      </button>
    </form>
  );
}
