"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { rotateWebhookSecretAction, saveWebhookAction, sendTestDeliveryAction, setWebhookEnabledAction } from "../actions";

const primary = buttonClass({ size: "sm" });
const secondary = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60";

// The secret is shown once, right after it is made; the page never shows it again.
function SecretOnce({ secret }: { secret: string | null | undefined }) {
  if (!secret) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p className="font-semibold">Signing secret: copy it now, it will not be shown again.</p>
      <code className="mt-1 block break-all font-mono" aria-label="Signing secret">
        {secret}
      </code>
    </div>
  );
}

export function WebhookUrlForm({ implementationId, url, version }: { implementationId: string; url: string; version: number | null }) {
  const [state, formAction, pending] = useActionState(saveWebhookAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="Webhook URL" className="space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="version" value={version ?? ""} />
      <FormMessage state={state} success={version === null ? "Webhook created." : "Saved."} />
      <SecretOnce secret={state?.ok ? state.data.secret : null} />
      <Field form="webhook" name="url" label="Receiver URL (http or https; a Slack incoming-webhook URL works too)" errors={errors}>
        {(control) => <input type="url" {...control} defaultValue={url} placeholder="https://" />}
      </Field>
      <button type="submit" disabled={pending} className={primary}>
        {pending ? "Saving…" : version === null ? "Create webhook" : "Save URL"}
      </button>
    </form>
  );
}

export function RotateSecretForm({ implementationId, version }: { implementationId: string; version: number }) {
  const [state, formAction, pending] = useActionState(rotateWebhookSecretAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} aria-label="Rotate signing secret" className="space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="New secret made. Deliveries from now on are signed with it." />
      <SecretOnce secret={state?.ok ? state.data.secret : null} />
      <button type="submit" disabled={pending} className={secondary}>
        {pending ? "Rotating…" : "Rotate secret"}
      </button>
    </form>
  );
}

export function EnableForm({ implementationId, version, enabled }: { implementationId: string; version: number; enabled: boolean }) {
  const [state, formAction, pending] = useActionState(setWebhookEnabledAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} aria-label={enabled ? "Turn notifications off" : "Turn notifications on"} className="space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <FormMessage state={state} success="Saved." />
      <button type="submit" disabled={pending} className={secondary}>
        {enabled ? "Turn off" : "Turn on"}
      </button>
    </form>
  );
}

export function TestDeliveryForm({ implementationId }: { implementationId: string }) {
  const [state, formAction, pending] = useActionState(sendTestDeliveryAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} aria-label="Send a test delivery" className="space-y-2">
      <input type="hidden" name="implementationId" value={implementationId} />
      <FormMessage
        state={state}
        success={state?.ok && !state.data.enabled ? "Test queued; it goes out when the webhook is turned on." : "Test queued; it appears in the log within a few seconds."}
      />
      <button type="submit" disabled={pending} className={secondary}>
        Send a test
      </button>
    </form>
  );
}
