import type { Metadata } from "next";
import { EmailRequestCard } from "@/components/people/email-request-card";
import { requestSignInLinkAction } from "../../actions";

export const metadata: Metadata = { title: "E-mail me a sign-in link" };

export default function EmailLinkPage() {
  return (
    <EmailRequestCard
      title="E-mail me a sign-in link"
      intro="For health systems that allow it: sign in without a password."
      formId="email-link"
      formLabel="Sign-in link"
      action={requestSignInLinkAction}
      submitLabel="E-mail me a link"
      success="If this address may sign in with an e-mailed link, one is on its way. It works once and expires in 15 minutes. To protect inboxes, many requests in a short time send only the first few links."
    />
  );
}
