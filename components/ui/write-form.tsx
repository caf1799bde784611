"use client";

import type { QueryKey } from "@tanstack/react-query";
import { useActionState, type FormEvent, type ReactNode, type Ref } from "react";
import { useInvalidateOnSuccess } from "@/components/providers/use-invalidate-on-success";
import { usePageRefreshing } from "@/components/providers/use-refresh-on-success";
import type { ActionResult } from "@/lib/actions/result";
import { FormMessage, submitKeepingInput } from "./form";

// What a form that writes through a server action shares: the server's answer shows above the
// fields, the fields keep what was typed when it refuses, the ids and versions the person saw
// travel with the form, and the live views named by `invalidate` fetch again once it is accepted.

export type FormAction<T> = (previous: ActionResult<T> | null, data: FormData) => Promise<ActionResult<T>>;

export function useWrite<T>(action: FormAction<T>, ...invalidate: QueryKey[]) {
  const [state, formAction, pending] = useActionState(action, null);
  useInvalidateOnSuccess(state, ...invalidate);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return { state, formAction, pending, errors };
}

export function WriteForm({
  write,
  label,
  success,
  hidden = {},
  className = "mt-3 space-y-3",
  formRef,
  onSubmit,
  children,
}: {
  write: { state: { ok: boolean; message?: string } | null; formAction: (data: FormData) => void };
  label: string;
  success: string;
  // Ids and the version read, under the names the action's schema takes.
  hidden?: Record<string, string | number>;
  className?: string;
  formRef?: Ref<HTMLFormElement>;
  // Runs before the form is sent.
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const send = submitKeepingInput(write.formAction);
  // While the page fetches what an accepted write changed, its forms wait: a write sent now would
  // carry the version read before it and be refused as a conflict with the person's own change.
  const refreshing = usePageRefreshing();
  return (
    <form
      ref={formRef}
      action={write.formAction}
      onSubmit={(event) => {
        onSubmit?.(event);
        send(event);
      }}
      noValidate
      aria-label={label}
      aria-busy={refreshing || undefined}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset disabled={refreshing} className={`min-w-0 ${className}`}>
        <FormMessage state={write.state} success={success} />
        {children}
      </fieldset>
    </form>
  );
}
