import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkFormCard } from "@/components/people/auth-card";
import { newPasswordFields } from "@/components/people/password-fields";
import { oidcProvider } from "@/lib/auth/config";
import { describeLink } from "@/lib/dal/account";
import { acceptInvitationAction } from "../actions";
import { signInWithOidcAction } from "../sign-in/actions";

export const metadata: Metadata = { title: "Accept your invitation", referrer: "no-referrer" };

export default async function InvitationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const token = (await searchParams).token;
  const link = typeof token === "string" ? await describeLink("invitation", token) : null;
  const oidc = oidcProvider();
  return (
    <LinkFormCard
      title="Accept your invitation"
      intro={link ? `${link.name} (${link.email}) · ${link.organizationName}` : undefined}
      token={link && typeof token === "string" ? token : null}
      form={{
        id: "accept",
        label: "Choose your password",
        action: acceptInvitationAction,
        fields: newPasswordFields({ label: "Choose a password", more: "; a passphrase is easiest to remember." }),
        submitLabel: "Accept and sign in",
        pendingLabel: "Signing in…",
        success: "Welcome.",
      }}
    >
      {oidc && link?.singleSignOn ? (
        <form action={signInWithOidcAction} className="mt-4">
          <input type="hidden" name="callbackUrl" value="/" />
          <p className="mb-2 text-sm text-slate-600">Or accept by signing in with your organization&apos;s single sign-on ({link.email}):</p>
          <button type="submit" className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-50">
            Accept with {oidc.name}
          </button>
        </form>
      ) : null}
    </LinkFormCard>
  );
}
