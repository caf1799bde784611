import type { ReactNode } from "react";
import { FieldError, fieldProps, inputClass } from "./form";

// A labelled control with its error beside it, the ids wired once: the label points at the
// control, and the control at its error (aria-describedby) when there is one.

export type ControlProps = ReturnType<typeof fieldProps> & { className: string };

export function Field({
  form,
  name,
  label,
  errors,
  hint,
  className,
  children,
}: {
  // Prefixes DOM ids, so two forms on one page never share a field id.
  form: string;
  name: string;
  label: ReactNode;
  errors?: Record<string, string[]>;
  hint?: ReactNode;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const control = fieldProps(form, name, errors);
  return (
    <div className={className}>
      <label htmlFor={control.id} className="text-sm font-medium">
        {label}
      </label>
      {hint ? <p className="text-xs text-slate-600">{hint}</p> : null}
      {children({ ...control, className: inputClass })}
      <FieldError formId={form} name={name} errors={errors?.[name]} />
    </div>
  );
}
