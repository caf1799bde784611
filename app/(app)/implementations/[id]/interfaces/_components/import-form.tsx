"use client";

import { parse } from "csv-parse/browser/esm/sync";
import { useActionState, useMemo, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError, FormMessage, submitKeepingInput } from "@/components/ui/form";
import { MAX_IMPORT_BYTES, previewInventoryImport } from "@/lib/interfaces/csv";
import { importInterfacesAction } from "../actions";

const button = buttonClass();

// A spreadsheet of interfaces: every row is checked here before anything is sent, with the
// same rules the server applies again; the import writes all rows or none.
export function ImportInterfacesForm({ implementationId, existingNames }: { implementationId: string; existingNames: string[] }) {
  const [state, formAction, pending] = useActionState(importInterfacesAction, null);
  const [csv, setCsv] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const F = "import";
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  const preview = useMemo(() => {
    if (csv.trim() === "") return null;
    try {
      const records = parse(csv.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true }) as string[][];
      return previewInventoryImport(records, implementationId, existingNames);
    } catch {
      return { rows: [], problems: ["The file is not valid CSV: check its quotes."] };
    }
  }, [csv, implementationId, existingNames]);
  const blocking = preview ? preview.problems.filter((p) => !p.startsWith("Unknown columns")).length + preview.rows.filter((r) => r.problems.length > 0).length : 0;

  async function readFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setFileError(`This file is ${file.size.toLocaleString("en-US")} bytes; an import is at most ${MAX_IMPORT_BYTES.toLocaleString("en-US")}.`);
      event.target.value = "";
      return;
    }
    setCsv(await file.text());
  }

  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Import interfaces from CSV" className="mt-3 space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="csv" value={csv} />
      <FormMessage state={state} success={state?.ok ? `${state.data.imported} interfaces imported.` : ""} />
      <p className="text-sm text-slate-600">
        Columns: name, kind, direction (required), source_system, target_system, workflows and message_types (separated by ;), endpoint_sandbox,
        endpoint_test, endpoint_production, vendor_owner, customer_owner, status, note. The export below has exactly these columns.
      </p>
      <div>
        <label htmlFor={`${F}-file`} className="text-sm font-medium">CSV file</label>
        <input id={`${F}-file`} type="file" accept=".csv,text/csv" onChange={readFile} className="mt-1 block text-sm" />
        {fileError ? (
          <p className="mt-1 text-sm text-rose-800">
            <span aria-hidden="true">✕ </span>
            {fileError}
          </p>
        ) : null}
      </div>
      <FieldError formId={F} name="csv" errors={errors?.csv} />
      {preview ? (
        <section aria-label="Import preview" className="rounded-md border border-slate-200 p-3 text-sm">
          <h3 className="font-semibold">Preview: nothing is written until you import</h3>
          {preview.problems.map((p) => (
            <p key={p} className="text-rose-800">
              <span aria-hidden="true">✕ </span>
              {p}
            </p>
          ))}
          {preview.rows.length > 0 ? (
            <table className="mt-2 min-w-full divide-y divide-slate-200">
              <caption className="sr-only">Rows of the file and their problems</caption>
              <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3">Line</th>
                  <th scope="col" className="py-1 pr-3">Name</th>
                  <th scope="col" className="py-1">Check</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.rows.map((r) => (
                  <tr key={r.line} aria-label={`Line ${r.line}`} className="align-top">
                    <td className="py-1 pr-3">{r.line}</td>
                    <td className="py-1 pr-3">{r.name || "—"}</td>
                    <td className="py-1">
                      {r.problems.length === 0 ? (
                        <span className="text-emerald-900"><span aria-hidden="true">✓ </span>Ready</span>
                      ) : (
                        <ul className="text-rose-800">
                          {r.problems.map((p) => <li key={p}><span aria-hidden="true">✕ </span>{p}</li>)}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
      <button type="submit" disabled={pending || !preview || blocking > 0 || preview.rows.length === 0} className={button}>
        {pending ? "Importing…" : preview && preview.rows.length > 0 ? `Import ${preview.rows.length} ${preview.rows.length === 1 ? "interface" : "interfaces"}` : "Import"}
      </button>
      {preview && blocking > 0 ? <p className="text-sm text-rose-800">Fix the rows marked ✕ first: the import writes all rows or none.</p> : null}
    </form>
  );
}
