import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/people/action-form";
import { AuthCard } from "@/components/people/auth-card";
import { requestPasswordResetAction } from "../actions";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password" intro="We e-mail you a link to choose a new one.">
      <ActionForm
        id="forgot"
        label="Reset password"
        action={requestPasswordResetAction}
        fields={[{ name: "email", label: "E-mail", type: "email", autoComplete: "username" }]}
        submitLabel="E-mail me a reset link"
        pendingLabel="Sending…"
        success="If this address has a Readyroom account that signs in with a password, a link is on its way. It expires in 30 minutes. To protect inboxes, many requests in a short time send only the first few links."
      />
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="underline">
          Back to sign-in
        </Link>
      </p>
    </AuthCard>
  );
}
