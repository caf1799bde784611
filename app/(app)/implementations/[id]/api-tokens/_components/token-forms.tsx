"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, Fieldset } from "@/components/ui/field";
import { FormMessage, submitKeepingInput } from "@/components/ui/form";
import { apiTokenScopeLabels, apiTokenScopes } from "@/lib/api/vocabulary";
import { environmentKinds } from "@/lib/domain/vocabulary";
import { createApiTokenAction, revokeApiTokenAction } from "../actions";

const environmentLabels = { sandbox: "Sandbox", test: "Test", production: "Production" } as const;

export function CreateTokenForm({ implementationId }: { implementationId: string }) {
  const [state, formAction, pending] = useActionState(createApiTokenAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} noValidate aria-label="New API token" className="space-y-3">
      <input type="hidden" name="implementationId" value={implementationId} />
      <FormMessage state={state} success="Token made." />
      {state?.ok ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-semibold">Token “{state.data.name}”: copy it now, it will not be shown again.</p>
          <code className="mt-1 block break-all font-mono" aria-label="The new token">
            {state.data.token}
          </code>
        </div>
      ) : null}
      <Field form="token" name="name" label="Name (who or what uses it, e.g. Nightly CI)" errors={errors}>
        {(control) => <input type="text" {...control} maxLength={100} />}
      </Field>
      <Fieldset form="token" name="environments" legend="Environments it may post for" errors={errors}>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {environmentKinds.map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input type="checkbox" name="environments" value={kind} defaultChecked={kind === "test"} />
              {environmentLabels[kind]}
            </label>
          ))}
        </div>
      </Fieldset>
      <Fieldset form="token" name="scopes" legend="What it may post" errors={errors}>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {apiTokenScopes.map((scope) => (
            <label key={scope} className="flex items-center gap-2">
              <input type="checkbox" name="scopes" value={scope} />
              {apiTokenScopeLabels[scope]}
            </label>
          ))}
        </div>
      </Fieldset>
      <Field form="token" name="expiresInDays" label="Expires in (days, at most 365)" errors={errors}>
        {(control) => <input type="number" inputMode="numeric" min={1} max={365} {...control} defaultValue="90" />}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass({ size: "sm" })}>
        {pending ? "Making…" : "Make token"}
      </button>
    </form>
  );
}

export function RevokeTokenForm({ implementationId, tokenId, version, name }: { implementationId: string; tokenId: string; version: number; name: string }) {
  const [state, formAction, pending] = useActionState(revokeApiTokenAction, null);
  return (
    <form action={formAction} onSubmit={submitKeepingInput(formAction)} aria-label={`Revoke ${name}`} className="space-y-1">
      <input type="hidden" name="implementationId" value={implementationId} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <input type="hidden" name="version" value={version} />
      <FormMessage state={state} success="Revoked." />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        Revoke
      </button>
    </form>
  );
}
