import Link from "next/link";

// The frame of the signed-out pages (sign-in link, invitation, reset, setup).
export function AuthCard({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
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
