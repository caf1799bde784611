"use server";

// What a signed-out person does with a link from their mail: accept an invitation, reset a
// forgotten password, ask for and use an e-mailed sign-in link, create the first admin.
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { definePublicFormAction } from "@/lib/actions/public-action";
import type { ActionResult } from "@/lib/actions/result";
import { signIn } from "@/lib/auth/config";
import { publicOrigin } from "@/lib/auth/origin";
import { requestAddress } from "@/lib/auth/request-address";
import { acceptInvitation, completeSetup, LINK_NOT_VALID, requestPasswordReset, requestSignInLink, resetPassword } from "@/lib/dal/account";
import { completeSetupSchema, requestByEmailSchema, setPasswordWithTokenSchema, signInLinkSchema } from "@/lib/validation/people";

type Result = ActionResult<{ email: string } | undefined>;

// Signs this browser in with the password just chosen; a refusal (throttle) sends to sign-in.
async function signInWith(email: string, password: string): Promise<never> {
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in");
    throw error;
  }
  redirect("/");
}

const accept = definePublicFormAction({ schema: setPasswordWithTokenSchema, run: (input, id) => acceptInvitation(input, id) });
export async function acceptInvitationAction(previous: Result | null, formData: FormData): Promise<Result> {
  const result = await accept(null, formData);
  if (!result.ok) return result;
  return signInWith(result.data.email, String(formData.get("password")));
}

const reset = definePublicFormAction({ schema: setPasswordWithTokenSchema, run: (input, id) => resetPassword(input, id) });
export async function resetPasswordAction(previous: Result | null, formData: FormData): Promise<Result> {
  const result = await reset(null, formData);
  if (!result.ok) return result;
  redirect("/sign-in?reset=done");
}

const setup = definePublicFormAction({ schema: completeSetupSchema, run: (input, id) => completeSetup(input, id) });
export async function completeSetupAction(previous: Result | null, formData: FormData): Promise<Result> {
  const result = await setup(null, formData);
  if (!result.ok) return result;
  return signInWith(result.data.email, String(formData.get("password")));
}

// The same answer for every address (no account enumeration), and past the mail limits too.
export const requestPasswordResetAction = definePublicFormAction({
  schema: requestByEmailSchema,
  run: async (input) => {
    await requestPasswordReset(input.email, await publicOrigin(), await requestAddress());
    return undefined;
  },
});

export const requestSignInLinkAction = definePublicFormAction({
  schema: requestByEmailSchema,
  run: async (input) => {
    await requestSignInLink(input.email, await publicOrigin(), await requestAddress());
    return undefined;
  },
});

// The button on the link's page (a POST, so a mail scanner that opens links does not use it up).
export async function signInWithLinkAction(_previous: Result | null, formData: FormData): Promise<Result> {
  const parsed = signInLinkSchema.safeParse({ token: formData instanceof FormData ? formData.get("token") : undefined });
  if (!parsed.success) return { ok: false, code: "invalid", message: LINK_NOT_VALID };
  try {
    await signIn("email-link", { token: parsed.data.token, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, code: "invalid", message: LINK_NOT_VALID };
    throw error;
  }
  return { ok: true, data: undefined };
}
