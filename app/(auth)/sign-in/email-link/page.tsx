import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/people/action-form";
import { AuthCard } from "@/components/people/auth-card";
import { requestSignInLinkAction } from "../../actions";

export const metadata: Metadata = { title: "E-mail me a sign-in link" };

export default function EmailLinkPage() {
  return (
    <AuthCard title="E-mail me a sign-in link" intro="For health systems that allow it: sign in without a password.">
      <ActionForm
        id="email-link"
        label="Sign-in link"
        action={requestSignInLinkAction}
        fields={[{ name: "email", label: "E-mail", type: "email", autoComplete: "username" }]}
        submitLabel="E-mail me a link"
        pendingLabel="Sending…"
        success="If this address may sign in with an e-mailed link, one is on its way. It works once and expires in 15 minutes. To protect inboxes, many requests in a short time send only the first few links."
      />
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="underline">
          Back to sign-in
        </Link>
      </p>
    </AuthCard>
  );
}
