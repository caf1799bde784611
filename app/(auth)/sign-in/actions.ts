"use server";

// Sign-in: validates the form, then hands the credentials to next-auth, whose authorize()
// checks them through the DAL (throttling included). Every failure reads the same.
import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/actions/result";
import { signIn } from "@/lib/auth/config";
import { SIGN_IN_FAILED, safeCallbackPath, signInPausedMessage, signInSchema } from "@/lib/validation/auth";

export async function signInAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  // A crafted request may pass anything: treat a non-form as an empty form.
  if (!(formData instanceof FormData)) formData = new FormData();
  const parsed = signInSchema.safeParse({
    email: formData.get("email") ?? "",
    password: formData.get("password") ?? "",
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, code: "invalid", message: "Check the highlighted fields.", fieldErrors };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(formData.get("callbackUrl")),
    });
  } catch (error) {
    // signIn redirects by throwing; only an AuthError is a failed sign-in.
    // A paused sign-in (lib/auth/config.ts, ThrottledSignIn) carries its pause in the error's code.
    const code = error instanceof AuthError ? (error as { code?: unknown }).code : undefined;
    const paused = typeof code === "string" ? code.match(/^throttled_(\d+)$/) : null;
    if (paused) return { ok: false, code: "unauthenticated", message: signInPausedMessage(Number(paused[1])) };
    if (error instanceof AuthError) return { ok: false, code: "unauthenticated", message: SIGN_IN_FAILED };
    throw error;
  }
  return { ok: true, data: undefined };
}

export async function signInWithOidcAction(formData: FormData): Promise<void> {
  const callbackUrl = formData instanceof FormData ? formData.get("callbackUrl") : null;
  await signIn("oidc", { redirectTo: safeCallbackPath(callbackUrl) });
}
