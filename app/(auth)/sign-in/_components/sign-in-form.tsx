"use client";

import { useActionState, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { signInAction } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(signInAction, null);
  // Kept on the client so a failed attempt does not clear it; the password is never kept.
  const [email, setEmail] = useState("");
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const formError = state && !state.ok && !state.fieldErrors ? state.message : null;

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formError ? (
        <p
          role="alert"
          aria-label="Sign-in error"
          className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900"
        >
          {formError}
        </p>
      ) : null}
      <Field
        id="email"
        label="E-mail"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        errors={errors.email}
      />
      <Field id="password" label="Password" type="password" autoComplete="current-password" errors={errors.password} />
      <button
        type="submit"
        disabled={pending}
        className={buttonClass({ className: "w-full" })}
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  type: string;
  autoComplete: string;
  value?: string;
  onChange?: (value: string) => void;
  errors?: string[];
}) {
  const errorId = `${props.id}-error`;
  const invalid = Boolean(props.errors?.length);
  return (
    <div>
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.id}
        type={props.type}
        autoComplete={props.autoComplete}
        required
        {...(props.onChange ? { value: props.value, onChange: (e) => props.onChange?.(e.target.value) } : {})}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm ${
          invalid ? "border-rose-500" : "border-slate-300"
        }`}
      />
      {invalid ? (
        <p id={errorId} className="mt-1 text-sm text-rose-800">
          {props.errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
