import Link from "next/link";
import { connection } from "next/server";

// Rendered per request, not prerendered at build: a static page cannot carry the request's CSP
// nonce, and its scripts would be blocked.
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 font-medium text-sky-800 hover:underline">
        Go to the portfolio
      </Link>
    </main>
  );
}
