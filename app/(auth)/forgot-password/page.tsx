import type { Metadata } from "next";
import { EmailRequestCard } from "@/components/people/email-request-card";
import { requestPasswordResetAction } from "../actions";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <EmailRequestCard
      title="Forgot your password"
      intro="We e-mail you a link to choose a new one."
      formId="forgot"
      formLabel="Reset password"
      action={requestPasswordResetAction}
      submitLabel="E-mail me a reset link"
      success="If this address has a Readyroom account that signs in with a password, a link is on its way. It expires in 30 minutes. To protect inboxes, many requests in a short time send only the first few links."
    />
  );
}
