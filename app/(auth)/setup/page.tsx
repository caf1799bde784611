import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkFormCard } from "@/components/people/auth-card";
import { newPasswordFields } from "@/components/people/password-fields";
import { setupLinkIsLive } from "@/lib/dal/account";
import { completeSetupAction } from "../actions";

export const metadata: Metadata = { title: "Set up Readyroom", referrer: "no-referrer" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const token = (await searchParams).token;
  const live = typeof token === "string" && (await setupLinkIsLive(token));
  return (
    <LinkFormCard
      title="Set up Readyroom"
      intro="Name your organization (the vendor) and create the first admin."
      token={live && typeof token === "string" ? token : null}
      form={{
        id: "setup",
        label: "First admin",
        action: completeSetupAction,
        fields: [
          { name: "organizationName", label: "Your organization (the vendor)", type: "text", autoComplete: "organization" },
          { name: "name", label: "Your name", type: "text", autoComplete: "name" },
          { name: "email", label: "Your e-mail", type: "email", autoComplete: "username" },
          ...newPasswordFields({ label: "Choose a password" }),
        ],
        submitLabel: "Create the first admin",
        pendingLabel: "Creating…",
        success: "Created.",
      }}
    />
  );
}
