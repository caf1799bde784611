import { Field } from "@/components/ui/field";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { environmentLabel } from "@/lib/format/labels";

// The choice of one of an implementation's environments (sandbox, test, production), as the
// field `environmentId`. `blank` offers no choice first (and starts there).
export function EnvironmentField({
  form,
  label = "Environment",
  errors,
  environments,
  blank,
  defaultValue,
}: {
  form: string;
  label?: string;
  errors?: Record<string, string[]>;
  environments: { id: string; kind: EnvironmentKind }[];
  blank?: string;
  defaultValue?: string;
}) {
  return (
    <Field form={form} name="environmentId" label={label} errors={errors}>
      {(control) => (
        <select {...control} defaultValue={defaultValue ?? (blank ? "" : undefined)}>
          {blank ? <option value="">{blank}</option> : null}
          {environments.map((e) => (
            <option key={e.id} value={e.id}>
              {environmentLabel[e.kind]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
