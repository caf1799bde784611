import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "./action-form";

// The frame of the signed-out pages (sign-in link, invitation, reset, setup).
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {intro ? <p className="mt-1 text-sm text-slate-600">{intro}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}

export function DeadLink() {
  return (
    <div role="alert" aria-label="Link not valid" className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-950">
      <p>This link is no longer valid: it was used, replaced, revoked or has expired.</p>
      <p>
        <Link href="/sign-in" className="font-medium underline">
          Go to sign-in
        </Link>{" "}
        to sign in or ask for a new link.
      </p>
    </div>
  );
}

// A signed-out page opened from a one-time link (setup, invitation, password reset): a live link
// shows the form, which carries its token; a used, replaced or expired one shows DeadLink.
export function LinkFormCard<T>({
  title,
  intro,
  token,
  form,
  children,
}: {
  title: string;
  intro?: string;
  // The link's token, or null when the link is not live.
  token: string | null;
  form: Omit<Parameters<typeof ActionForm<T>>[0], "hidden">;
  children?: ReactNode;
}) {
  return (
    <AuthCard title={title} intro={intro}>
      {token ? (
        <>
          <ActionForm {...form} hidden={{ token }} />
          {children}
        </>
      ) : (
        <DeadLink />
      )}
    </AuthCard>
  );
}
