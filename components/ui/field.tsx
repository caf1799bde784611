import type { ReactNode } from "react";
import { FieldError, fieldProps, inputClass } from "./form";

// A labelled control with its error beside it, the ids wired once: the label points at the
// control, and the control at its error, its hint and any other text that explains it
// (aria-describedby).

export type ControlProps = ReturnType<typeof fieldProps> & { className: string };

export function Field({
  form,
  name,
  label,
  errors,
  hint,
  describedBy,
  className,
  labelClassName = "text-sm font-medium",
  children,
}: {
  // Prefixes DOM ids, so two forms on one page never share a field id.
  form: string;
  name: string;
  label: ReactNode;
  errors?: Record<string, string[]>;
  // A line under the control (its id joins the control's description).
  hint?: ReactNode;
  // Ids of text elsewhere in the form that explains the control (a notice, a live check).
  describedBy?: string;
  className?: string;
  labelClassName?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const control = fieldProps(form, name, errors);
  const hintId = hint ? `${form}-${name}-hint` : undefined;
  const description = [control["aria-describedby"], hintId, describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={control.id} className={labelClassName}>
        {label}
      </label>
      {children({ ...control, "aria-describedby": description, className: inputClass })}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError formId={form} name={name} errors={errors?.[name]} />
    </div>
  );
}

// A group of radio buttons or checkboxes under one legend, its error after the choices and
// named in the group's description.
export function Fieldset({
  form,
  name,
  legend,
  errors,
  describedBy,
  className,
  legendClassName = "text-sm font-medium",
  children,
}: {
  form: string;
  name: string;
  legend: ReactNode;
  errors?: Record<string, string[]>;
  describedBy?: string;
  className?: string;
  legendClassName?: string;
  children: ReactNode;
}) {
  const errorId = errors?.[name]?.length ? `${form}-${name}-error` : undefined;
  return (
    <fieldset aria-describedby={[describedBy, errorId].filter(Boolean).join(" ") || undefined} className={className}>
      <legend className={legendClassName}>{legend}</legend>
      {children}
      <FieldError formId={form} name={name} errors={errors?.[name]} />
    </fieldset>
  );
}

// A checkbox before its label, its hint and error under both.
export function CheckboxField({
  form,
  name,
  label,
  errors,
  hint,
  defaultChecked,
  className,
  labelClassName = "text-sm",
}: {
  form: string;
  name: string;
  label: ReactNode;
  errors?: Record<string, string[]>;
  hint?: ReactNode;
  defaultChecked?: boolean;
  className?: string;
  labelClassName?: string;
}) {
  const control = fieldProps(form, name, errors);
  const hintId = hint ? `${form}-${name}-hint` : undefined;
  const description = [control["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input type="checkbox" {...control} aria-describedby={description} defaultChecked={defaultChecked} />
        <label htmlFor={control.id} className={labelClassName}>
          {label}
        </label>
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError formId={form} name={name} errors={errors?.[name]} />
    </div>
  );
}
