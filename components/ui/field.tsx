import type { ReactNode } from "react";
import { FieldError, fieldProps, inputClass } from "./form";

// Labelled controls with their errors beside them, the ids wired once: the label points at the
// control, and the control at its error, its hint and any other text that explains it
// (aria-describedby). Field is a label over any control; Fieldset a group of choices under a
// legend; CheckboxField one checkbox before its label.

export type ControlProps = ReturnType<typeof fieldProps> & { className: string };

type Common = {
  // Prefixes DOM ids, so two forms on one page never share a field id.
  form: string;
  // The field's name in the action's schema (and in its field errors).
  name: string;
  errors?: Record<string, string[]>;
  // Ids of text elsewhere in the form that explains the control (a notice, a live check).
  describedBy?: string;
  className?: string;
};

// The error, the hint and the other explanations of one control, as aria-describedby.
function described({ form, name, errors, describedBy }: Common, hint: ReactNode) {
  const errorId = errors?.[name]?.length ? `${form}-${name}-error` : undefined;
  const hintId = hint ? `${form}-${name}-hint` : undefined;
  return { hintId, description: [errorId, hintId, describedBy].filter(Boolean).join(" ") || undefined };
}

// What follows every control: its hint, then its error.
function HintAndError({ form, name, errors, hint, hintId }: Common & { hint: ReactNode; hintId?: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError formId={form} name={name} errors={errors?.[name]} />
    </>
  );
}

export function Field({
  label,
  hint,
  labelClassName = "text-sm font-medium",
  children,
  ...common
}: Common & {
  label: ReactNode;
  // A line under the control (its id joins the control's description).
  hint?: ReactNode;
  labelClassName?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const control = fieldProps(common.form, common.name, common.errors);
  const { hintId, description } = described(common, hint);
  return (
    <div className={common.className}>
      <label htmlFor={control.id} className={labelClassName}>
        {label}
      </label>
      {children({ ...control, "aria-describedby": description, className: inputClass })}
      <HintAndError {...common} hint={hint} hintId={hintId} />
    </div>
  );
}

// A group of radio buttons or checkboxes under one legend, its error after the choices and
// named in the group's description.
export function Fieldset({
  legend,
  legendClassName = "text-sm font-medium",
  children,
  ...common
}: Common & { legend: ReactNode; legendClassName?: string; children: ReactNode }) {
  return (
    <fieldset aria-describedby={described(common, null).description} className={common.className}>
      <legend className={legendClassName}>{legend}</legend>
      {children}
      <HintAndError {...common} hint={null} />
    </fieldset>
  );
}

export function CheckboxField({
  label,
  hint,
  defaultChecked,
  labelClassName = "text-sm",
  ...common
}: Common & { label: ReactNode; hint?: ReactNode; defaultChecked?: boolean; labelClassName?: string }) {
  const control = fieldProps(common.form, common.name, common.errors);
  const { hintId, description } = described(common, hint);
  return (
    <div className={common.className}>
      <div className="flex items-center gap-2">
        <input type="checkbox" {...control} aria-describedby={description} defaultChecked={defaultChecked} />
        <label htmlFor={control.id} className={labelClassName}>
          {label}
        </label>
      </div>
      <HintAndError {...common} hint={hint} hintId={hintId} />
    </div>
  );
}
