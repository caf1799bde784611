// A multi-choice filter of a GET filter form: a disclosure holding one checkbox per choice, all
// with the same name, so the URL repeats it (?phase=pilot&phase=expansion). Plain HTML: it works
// without JavaScript. Nothing ticked means "any". The summary says what is chosen, in words.
export function FilterChecks({
  label,
  name,
  values,
  any,
  options,
}: {
  label: string;
  name: string;
  values: readonly string[];
  any: string;
  options: { value: string; label: string }[];
}) {
  const chosen = options.filter((o) => values.includes(o.value));
  const summary = chosen.length === 0 ? any : chosen.length <= 2 ? chosen.map((o) => o.label).join(", ") : `${chosen.length} chosen`;
  return (
    <details className="block min-w-0">
      <summary className="cursor-pointer list-none [&::-webkit-details-marker]:hidden">
        <span className="block font-medium text-slate-700">{label}</span>
        <span className="mt-1 flex items-center justify-between gap-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
          <span className="truncate">{summary}</span>
          <span aria-hidden="true" className="text-xs text-slate-500">
            ▾
          </span>
        </span>
      </summary>
      {/* The choices' classes are set once here, not on each of them: a customer filter can hold
          hundreds of choices, on every list page. */}
      <fieldset className="mt-1 max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 [&_input]:mt-0.5 [&_input]:h-4 [&_input]:w-4 [&_input]:shrink-0 [&_label]:flex [&_label]:items-start [&_label]:gap-2 [&_span]:min-w-0 [&_span]:break-words">
        <legend className="sr-only">{label}</legend>
        {options.map((o) => (
          <label key={o.value}>
            <input type="checkbox" name={name} value={o.value} defaultChecked={values.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
