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
  // A session that already ended (disabled user, signed out elsewhere) still clears its cookie.
  await endSessionAction({});
  await signOut({ redirectTo: "/sign-in" });
}
