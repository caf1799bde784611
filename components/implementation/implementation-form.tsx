"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, Fieldset } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/result";
import {
  ehrVendors,
  implementationStatuses,
  interfaceKinds,
  phases,
  workflows,
  type EhrVendor,
  type ImplementationStatus,
  type InterfaceKind,
  type Phase,
  type Workflow,
} from "@/lib/domain/vocabulary";
import {
  ehrVendorLabel,
  implementationStatusLabel,
  interfaceLabel,
  phaseLabel,
  workflowLabel,
} from "@/lib/format/labels";

type Option = { id: string; name: string };

export type ImplementationFormValues = {
  name: string;
  ehrVendor: EhrVendor;
  workflows: Workflow[];
  interfaces: InterfaceKind[];
  phase: Phase;
  goLiveDate: string;
  implementationManagerId: string;
  engineeringOwnerId: string;
  freshnessWindowDays: number;
  status: ImplementationStatus;
};

type Props<T> = {
  action: (previous: ActionResult<T> | null, data: FormData) => Promise<ActionResult<T>>;
  initial: ImplementationFormValues;
  managers: Option[];
  engineers: Option[];
  // Create only: the customer and the template are chosen once.
  create?: { customers: Option[]; templates: (Option & { revision: number })[] };
  // Edit only.
  edit?: { implementationId: string; version: number };
};

const F = "impl";

export function ImplementationForm<T>({ action, initial, managers, engineers, create, edit }: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const select = (name: string, label: string, options: { value: string; label: string }[], defaultValue: string, blank?: string) => (
    <Field form={F} name={name} label={label} errors={errors}>
      {(control) => (
        <select {...control} defaultValue={defaultValue}>
          {blank !== undefined ? <option value="">{blank}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const checkboxes = (name: "workflows" | "interfaces", legend: string, values: readonly string[], labels: Record<string, string>) => (
    <Fieldset form={F} name={name} legend={legend} errors={errors}>
      <div className="mt-1 grid grid-cols-2 gap-1 text-sm md:grid-cols-3">
        {values.map((value) => (
          <label key={value} className="flex items-center gap-2">
            <input type="checkbox" name={name} value={value} defaultChecked={(initial[name] as string[]).includes(value)} />
            {labels[value]}
          </label>
        ))}
      </div>
    </Fieldset>
  );

  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label={create ? "New implementation" : "Edit implementation"} className="space-y-5">
      {edit ? (
        <>
          <input type="hidden" name="implementationId" value={edit.implementationId} />
          <input type="hidden" name="version" value={edit.version} />
        </>
      ) : null}
      <FormMessage state={state} success="Saved." />
      {create ? (
        <div className="grid gap-4 md:grid-cols-2">
          {select("customerOrganizationId", "Customer", create.customers.map((c) => ({ value: c.id, label: c.name })), "", "Choose a customer")}
          {select(
            "templateId",
            "Checklist template",
            create.templates.map((t) => ({ value: t.id, label: `${t.name} (revision ${t.revision})` })),
            create.templates.find((t) => t.name === "Go-live readiness")?.id ?? "",
          )}
        </div>
      ) : null}
      <Field form={F} name="name" label="Name" errors={errors}>
        {(control) => <input {...control} defaultValue={initial.name} placeholder="e.g. Appointment sync" />}
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        {select("ehrVendor", "EHR", ehrVendors.map((v) => ({ value: v, label: ehrVendorLabel[v] })), initial.ehrVendor)}
        {select("phase", "Phase", phases.map((p) => ({ value: p, label: phaseLabel[p] })), initial.phase)}
        {edit
          ? select("status", "Status", implementationStatuses.map((s) => ({ value: s, label: implementationStatusLabel[s] })), initial.status)
          : null}
      </div>
      {checkboxes("workflows", "Workflows in scope", workflows, workflowLabel)}
      {checkboxes("interfaces", "Interfaces", interfaceKinds, interfaceLabel)}
      <div className="grid gap-4 md:grid-cols-2">
        <Field form={F} name="goLiveDate" label="Go-live date" errors={errors}>
          {(control) => <input type="date" {...control} defaultValue={initial.goLiveDate} />}
        </Field>
        <Field form={F} name="freshnessWindowDays" label="Evidence freshness window (days)" errors={errors}>
          {(control) => <input type="number" min={1} max={365} {...control} defaultValue={initial.freshnessWindowDays} />}
        </Field>
        {select("implementationManagerId", "Implementation manager", managers.map((m) => ({ value: m.id, label: m.name })), initial.implementationManagerId, "Unassigned")}
        {select("engineeringOwnerId", "Engineering owner", engineers.map((m) => ({ value: m.id, label: m.name })), initial.engineeringOwnerId, "Unassigned")}
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : create ? "Create implementation" : "Save changes"}
      </button>
    </form>
  );
}
