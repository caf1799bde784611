"use server";

// Sign-out: ends every session of the user (so a copied cookie is useless), then clears this one.
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { signOut } from "@/lib/auth/config";
import { endSession } from "@/lib/dal/users";

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
