import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { oidcProvider } from "@/lib/auth/config";
import { getViewer } from "@/lib/auth/session-viewer";
import { safeCallbackPath } from "@/lib/validation/auth";
import { SignInForm } from "./_components/sign-in-form";
import { signInWithOidcAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const oidc = oidcProvider();
  // next-auth sends OIDC refusals back here with ?error=…; its text is never shown as-is.
  const oidcRefused = typeof params.error === "string";
  const partialSignOut = params.signedOut === "partial";
  const passwordReset = params.reset === "done";

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Readyroom</h1>
        <p className="mt-1 text-sm text-slate-600">Go-live readiness for EHR integrations.</p>
        {oidcRefused ? (
          <p role="alert" aria-label="Single sign-on error" className="mt-4 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
            Sign-in did not complete. If you use single sign-on, your account must already exist in Readyroom.
          </p>
        ) : null}
        {partialSignOut ? (
          <p role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You are signed out on this device, but Readyroom could not end your other sessions just now. Sign in and
            sign out again to end them.
          </p>
        ) : null}
        {passwordReset ? (
          <p role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Your new password is saved. Sign in with it.
          </p>
        ) : null}
        <div className="mt-6">
          <SignInForm callbackUrl={callbackUrl} />
        </div>
        <p className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
          <Link href="/forgot-password" className="underline">
            Forgot your password?
          </Link>
          <Link href="/sign-in/email-link" className="underline">
            E-mail me a sign-in link
          </Link>
        </p>
        {oidc ? (
          <form action={signInWithOidcAction} className="mt-4">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button
              type="submit"
              className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-50"
            >
              Sign in with {oidc.name}
            </button>
          </form>
        ) : null}
      </div>
    </main>
  );
}
