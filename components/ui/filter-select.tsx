// One labelled choice of a GET filter form: "any" first (when there is one), then the choices;
// the URL keeps it.
export function FilterSelect({
  label,
  name,
  value,
  any,
  options,
}: {
  label: string;
  name: string;
  value: string;
  any?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="block">
      <span className="font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={value} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
