"use server";

// Writes on one checklist item: edit its fields, record evidence, block and unblock it, sign
// it off, waive it.
import { defineFormAction } from "@/lib/actions/action";
import { signIn } from "@/lib/auth/config";
import { requestAddress } from "@/lib/auth/request-address";
import { blockItem, recordEvidence, unblockItem, updateItem } from "@/lib/dal/checklist";
import { addComment } from "@/lib/dal/comments";
import { revokeWaiver, signOffItem, waiveItem } from "@/lib/dal/sign-offs";
import { safeCallbackPath } from "@/lib/validation/auth";
import { blockItemSchema, recordEvidenceSchema, unblockItemSchema, updateItemSchema } from "@/lib/validation/checklist";
import { addCommentSchema } from "@/lib/validation/inbox";
import { revokeWaiverSchema, signOffItemSchema, waiveItemSchema } from "@/lib/validation/sign-offs";

// Each write answers with what it changed (ids, the new version and status), not with the
// re-rendered page: the forms on the item page refresh it and the live checklist once a write is
// accepted (useRefreshOnSuccess, useWrite's query keys). Every page these writes touch renders per
// request, so nothing server-side is left stale; without JavaScript the form's POST renders the
// page fresh after the write.

export const updateItemAction = defineFormAction({
  schema: updateItemSchema,
  run: (input, { viewer, requestId }) => updateItem(viewer, input, requestId),
});

export const recordEvidenceAction = defineFormAction({
  schema: recordEvidenceSchema,
  run: (input, { viewer, requestId }) => recordEvidence(viewer, input, requestId),
});

export const blockItemAction = defineFormAction({
  schema: blockItemSchema,
  run: (input, { viewer, requestId }) => blockItem(viewer, input, requestId),
});

export const unblockItemAction = defineFormAction({
  schema: unblockItemSchema,
  run: (input, { viewer, requestId }) => unblockItem(viewer, input, requestId),
});

export const signOffItemAction = defineFormAction({
  schema: signOffItemSchema,
  run: async (input, { viewer, requestId }) => signOffItem(viewer, { ...input, ip: await requestAddress() }, requestId),
});

export const waiveItemAction = defineFormAction({
  schema: waiveItemSchema,
  run: (input, { viewer, requestId }) => waiveItem(viewer, input, requestId),
});

export const revokeWaiverAction = defineFormAction({
  schema: revokeWaiverSchema,
  run: (input, { viewer, requestId }) => revokeWaiver(viewer, input, requestId),
});

// A comment on the item; @mentions notify the people named who may see it.
export const addCommentAction = defineFormAction({
  schema: addCommentSchema,
  run: (input, { viewer, requestId }) => addComment(viewer, input, requestId),
});

// Re-authentication for people who sign in through the health system's identity provider:
// a fresh sign-in there (prompt=login) gives the session a new sign-in time.
export async function reauthenticateWithSsoAction(formData: FormData): Promise<void> {
  // A crafted call may send anything: only a form's callbackUrl is read, and only a local path.
  const callbackUrl = formData instanceof FormData ? formData.get("callbackUrl") : null;
  await signIn("oidc", { redirectTo: safeCallbackPath(callbackUrl) }, { prompt: "login", max_age: "0" });
}
