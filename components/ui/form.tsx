import { startTransition } from "react";
import { FORM_BODY_LIMIT_BYTES, measureForm, TOO_LARGE_MARKER } from "@/lib/server/form-limits";

// Form pieces shared by every form: labelled controls whose errors sit next to them and are
// announced, never told by colour alone.

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-rose-600";

// `formId` prefixes DOM ids, so two forms on one page never share a field id.
export function FieldError({ formId, name, errors }: { formId: string; name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${formId}-${name}-error`} className="mt-1 text-sm text-rose-800">
      <span aria-hidden="true">✕ </span>
      {errors.join(" ")}
    </p>
  );
}

export function fieldProps(formId: string, name: string, errors?: Record<string, string[]>) {
  const invalid = Boolean(errors?.[name]?.length);
  return {
    id: `${formId}-${name}`,
    name,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${formId}-${name}-error` : undefined,
  } as const;
}

export function FormMessage({ state, success }: { state: { ok: boolean; message?: string } | null; success: string }) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        <span aria-hidden="true">✓ </span>
        {success}
      </p>
    );
  }
  return (
    <p role="alert" aria-label="Form error" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
      {state.message}
    </p>
  );
}

// React resets a <form action> after every submission, refused ones included. Submitting
// through a transition instead keeps what the user typed when the server says no; the page
// remounts the form (keyed by the record's version) when a save succeeds. A form over the
// server's 1 MB limit is not sent at all (it would be refused without a word the form could
// show): only a marker naming its largest field goes, and the answer says, next to that field,
// that the text is too long (lib/server/form-limits.ts).
export function submitKeepingInput(formAction: (data: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const { bytes, largest } = measureForm(data.entries());
    if (bytes > FORM_BODY_LIMIT_BYTES && largest) {
      const marker = new FormData();
      marker.set(TOO_LARGE_MARKER, `${largest.name}:${largest.bytes}`);
      startTransition(() => formAction(marker));
      return;
    }
    startTransition(() => formAction(data));
  };
}
