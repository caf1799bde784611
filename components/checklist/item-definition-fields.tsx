"use client";

import { Field, Fieldset } from "@/components/ui/field";
import { FieldError } from "@/components/ui/form";
import { itemCategories, type ItemCategory, type Role } from "@/lib/domain/vocabulary";
import { categoryLabel, roleLabel } from "@/lib/format/labels";
import { signOffRoles } from "@/lib/validation/checklist";

export type ItemDefinition = {
  title: string;
  description: string;
  category: ItemCategory;
  required: boolean;
  requiredSignOffRoles: Role[];
  needsOperationalValidation: boolean;
  attestationOnly: boolean;
};

// The fields that define a checklist item (lib/validation/checklist.ts itemDefinitionFields),
// for an ad-hoc item and for a template item alike. `children` go after the description.
export function ItemDefinitionFields({
  formId: F,
  errors,
  defaults,
  children,
}: {
  formId: string;
  errors?: Record<string, string[]>;
  defaults?: ItemDefinition;
  children?: React.ReactNode;
}) {
  return (
    <>
      <div className="grid gap-3 md:grid-cols-2">
        <Field form={F} name="title" label="Title" errors={errors}>
          {(control) => <input {...control} defaultValue={defaults?.title} />}
        </Field>
        <Field form={F} name="category" label="Category" errors={errors}>
          {(control) => (
            <select {...control} defaultValue={defaults?.category ?? "validation"}>
              {itemCategories.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field form={F} name="description" label="Description" errors={errors}>
        {(control) => <textarea {...control} rows={2} defaultValue={defaults?.description} />}
      </Field>
      {children}
      <Fieldset form={F} name="requiredSignOffRoles" legend="Sign-off required from" errors={errors}>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {signOffRoles.map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input type="checkbox" name="requiredSignOffRoles" value={role} defaultChecked={defaults?.requiredSignOffRoles.includes(role)} />
              {roleLabel[role]}
            </label>
          ))}
        </div>
      </Fieldset>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="required" defaultChecked={defaults?.required ?? true} /> Required for go-live
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="needsOperationalValidation" defaultChecked={defaults?.needsOperationalValidation} /> Needs operational validation
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="attestationOnly" defaultChecked={defaults?.attestationOnly} aria-describedby={`${F}-attestationOnly-hint`} />{" "}
          Attestation only
        </label>
      </div>
      <p id={`${F}-attestationOnly-hint`} className="text-xs text-slate-600">
        Attestation only: signed on the signer&apos;s word (a runbook, named owners), so it may be signed without evidence. Every
        other item needs at least one piece of evidence before anyone can sign it.
      </p>
      <FieldError formId={F} name="attestationOnly" errors={errors?.attestationOnly} />
    </>
  );
}
