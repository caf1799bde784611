"use server";

// Changing one's own password: the current one is required; every other session ends, and
// this browser is signed in again with the new password.
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { defineFormAction } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { signIn } from "@/lib/auth/config";
import { requestAddress } from "@/lib/auth/request-address";
import { changeOwnPassword } from "@/lib/dal/account";
import { saveNotificationSettings } from "@/lib/dal/inbox";
import { notificationSettingsSchema } from "@/lib/validation/inbox";
import { changePasswordSchema } from "@/lib/validation/people";

const change = defineFormAction({
  schema: changePasswordSchema,
  run: async (input, { viewer, requestId }) =>
    changeOwnPassword(viewer, { currentPassword: input.currentPassword, newPassword: input.newPassword, ip: await requestAddress() }, requestId),
});

export async function changePasswordAction(_previous: ActionResult<{ email: string }> | null, formData: FormData): Promise<ActionResult<{ email: string }>> {
  const result = await change(null, formData);
  if (!result.ok) return result;
  try {
    await signIn("credentials", { email: result.data.email, password: String(formData.get("newPassword")), redirectTo: "/account?changed=1" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in");
    throw error;
  }
  return result;
}

// How the person wants notifications by mail: at once, a daily digest, or none; and the weekly digest.
export const saveNotificationSettingsAction = defineFormAction({
  schema: notificationSettingsSchema,
  run: (input, { viewer, requestId }) => saveNotificationSettings(viewer, input, requestId),
  revalidate: () => ["/account"],
});
