import Link from "next/link";
import { PageRefreshProvider } from "@/components/providers/use-refresh-on-success";
import { requestId } from "@/lib/actions/action";
import { requireViewer } from "@/lib/auth/session-viewer";
import { can } from "@/lib/dal/policy";
import { roleLabel } from "@/lib/format/labels";
import { NavCount, NavCountsSync, UnreadCount } from "./_components/nav-counts";
import { signOutAction } from "./actions";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  return (
    <>
      <NavCountsSync renderId={await requestId()} />
      <div className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
            <div className="flex items-center gap-6">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Readyroom
              </Link>
              <nav aria-label="Main">
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <li>
                    <Link href="/" className="text-slate-700 hover:text-slate-950">
                      Portfolio
                    </Link>
                  </li>
                  <li>
                    <Link href="/timeline" className="text-slate-700 hover:text-slate-950">
                      Timeline
                    </Link>
                  </li>
                  <li>
                    <Link href="/my-work" className="text-slate-700 hover:text-slate-950">
                      My work
                      <NavCount which="myWork" />
                    </Link>
                  </li>
                  <li>
                    <Link href="/inbox" className="text-slate-700 hover:text-slate-950">
                      Inbox
                      <UnreadCount />
                    </Link>
                  </li>
                  {can(viewer, "blockers.read_all") ? (
                    <li>
                      <Link href="/blockers" className="text-slate-700 hover:text-slate-950">
                        Blockers
                        <NavCount which="blockers" />
                      </Link>
                    </li>
                  ) : null}
                  {can(viewer, "people.read") ? (
                    <li>
                      <Link href="/admin/organizations" className="text-slate-700 hover:text-slate-950">
                        People
                      </Link>
                    </li>
                  ) : null}
                  {can(viewer, "mail.read") ? (
                    <li>
                      <Link href="/admin/mail" className="text-slate-700 hover:text-slate-950">
                        Sent mail
                      </Link>
                    </li>
                  ) : null}
                  {can(viewer, "template.manage") ? (
                    <li>
                      <Link href="/templates" className="text-slate-700 hover:text-slate-950">
                        Templates
                      </Link>
                    </li>
                  ) : null}
                  {can(viewer, "audit.verify") ? (
                    <li>
                      <Link href="/audit-integrity" className="text-slate-700 hover:text-slate-950">
                        Audit integrity
                      </Link>
                    </li>
                  ) : null}
                </ul>
              </nav>
            </div>
            <div className="flex flex-wrap items-center gap-4 text-sm">
              <form role="search" action="/search" method="get" className="flex items-center gap-1">
                <label htmlFor="site-search" className="sr-only">
                  Search implementations, items and blockers
                </label>
                <input
                  id="site-search"
                  type="search"
                  name="q"
                  maxLength={200}
                  placeholder="Search"
                  className="w-36 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm sm:w-48"
                />
                <button type="submit" className="rounded-md border border-slate-300 px-2 py-1.5 font-medium hover:bg-slate-50">
                  Go<span className="sr-only"> search</span>
                </button>
              </form>
              <p aria-label="Signed in as" className="text-right leading-tight">
                <Link href="/account" className="block font-medium hover:underline">
                  {viewer.name}
                </Link>
                <span className="block text-slate-600">
                  {roleLabel[viewer.role]} · {viewer.organizationName}
                </span>
              </p>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
                  Sign out
                </button>
              </form>
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
          <PageRefreshProvider>{children}</PageRefreshProvider>
        </main>
      </div>
    </>
  );
}
