import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkFormCard } from "@/components/people/auth-card";
import { newPasswordFields } from "@/components/people/password-fields";
import { describeLink } from "@/lib/dal/account";
import { resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const token = (await searchParams).token;
  const link = typeof token === "string" ? await describeLink("password_reset", token) : null;
  return (
    <LinkFormCard
      title="Choose a new password"
      intro={link ? link.email : undefined}
      token={link && typeof token === "string" ? token : null}
      form={{
        id: "reset",
        label: "New password",
        action: resetPasswordAction,
        fields: newPasswordFields({ label: "New password", more: ". Other sessions end." }),
        submitLabel: "Save the new password",
        success: "Saved.",
      }}
    />
  );
}
