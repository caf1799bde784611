import type { Metadata } from "next";
import { ActionForm } from "@/components/people/action-form";
import { AuthCard } from "@/components/people/auth-card";
import { signInWithLinkAction } from "../../actions";

export const metadata: Metadata = { title: "Sign in with your link", referrer: "no-referrer" };

// A button, not an automatic sign-in: mail scanners that open links must not use them up.
export default async function SignInLinkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams).token;
  return (
    <AuthCard title="Sign in to Readyroom" intro="Your e-mailed link works once.">
      <ActionForm id="link" label="Sign in with link" action={signInWithLinkAction} hidden={{ token: typeof token === "string" ? token : "" }} submitLabel="Sign in" pendingLabel="Signing in…" success="Signed in." />
    </AuthCard>
  );
}
