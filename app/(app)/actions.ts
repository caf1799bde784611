"use server";

// Sign-out: ends every session of the user (so a copied cookie is useless), then clears this one.
// Saved views: a person saves the filters and sort of a list (the portfolio, the blockers)
// under a name, and deletes their own.
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/action";
import { signOut } from "@/lib/auth/config";
import { deleteView, saveView } from "@/lib/dal/saved-views";
import { endSession } from "@/lib/dal/users";
import { deleteViewSchema, saveViewSchema } from "@/lib/validation/saved-views";

const endSessionAction = defineAction({
  schema: z.object({}),
  run: (_input, { viewer, requestId }) => endSession(viewer, requestId),
});

export async function signOutAction(): Promise<void> {
  const result = await endSessionAction({});
  // This device is signed out either way. If other sessions could not be ended (the database
  // was unreachable), say so rather than pretend; a session that had already ended is fine.
  const incomplete = !result.ok && result.code !== "unauthenticated";
  await signOut({ redirectTo: incomplete ? "/sign-in?signedOut=partial" : "/sign-in" });
}

export const saveViewAction = defineFormAction({
  schema: saveViewSchema,
  run: (input, { viewer, requestId }) => saveView(viewer, input, requestId),
  revalidate: () => ["/", "/blockers"],
});

export const deleteViewAction = defineFormAction({
  schema: deleteViewSchema,
  run: (input, { viewer, requestId }) => deleteView(viewer, input, requestId),
  revalidate: () => ["/", "/blockers"],
});
