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

const affected = (data: { implementationId: string }, itemId: string) => [
  "/",
  `/implementations/${data.implementationId}`,
  `/implementations/${data.implementationId}/items/${itemId}`,
];

export const updateItemAction = defineFormAction({
  schema: updateItemSchema,
  run: (input, { viewer, requestId }) => updateItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const recordEvidenceAction = defineFormAction({
  schema: recordEvidenceSchema,
  run: (input, { viewer, requestId }) => recordEvidence(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const blockItemAction = defineFormAction({
  schema: blockItemSchema,
  run: (input, { viewer, requestId }) => blockItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const unblockItemAction = defineFormAction({
  schema: unblockItemSchema,
  run: (input, { viewer, requestId }) => unblockItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const signOffItemAction = defineFormAction({
  schema: signOffItemSchema,
  run: async (input, { viewer, requestId }) => signOffItem(viewer, { ...input, ip: await requestAddress() }, requestId),
  revalidate: (input, data) => [...affected(data, input.itemId), `/implementations/${data.implementationId}/report`],
});

export const waiveItemAction = defineFormAction({
  schema: waiveItemSchema,
  run: (input, { viewer, requestId }) => waiveItem(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

export const revokeWaiverAction = defineFormAction({
  schema: revokeWaiverSchema,
  run: (input, { viewer, requestId }) => revokeWaiver(viewer, input, requestId),
  revalidate: (input, data) => affected(data, input.itemId),
});

// A comment on the item; @mentions notify the people named who may see it.
export const addCommentAction = defineFormAction({
  schema: addCommentSchema,
  run: (input, { viewer, requestId }) => addComment(viewer, input, requestId),
  revalidate: (input, data) => [`/implementations/${data.implementationId}/items/${input.itemId}`],
});

// Re-authentication for people who sign in through the health system's identity provider:
// a fresh sign-in there (prompt=login) gives the session a new sign-in time.
export async function reauthenticateWithSsoAction(formData: FormData): Promise<void> {
  // A crafted call may send anything: only a form's callbackUrl is read, and only a local path.
  const callbackUrl = formData instanceof FormData ? formData.get("callbackUrl") : null;
  await signIn("oidc", { redirectTo: safeCallbackPath(callbackUrl) }, { prompt: "login", max_age: "0" });
}
