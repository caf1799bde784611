import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { readSessionClaims } from "@/lib/auth/session-claims";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Benchmark" };

// The benchmark's bare signed-in page: it decodes the session cookie and renders a constant. No
// SQL at all (not even the viewer's row, which every page of the signed-in layout reads), so
// bench/load.ts can put each page beside the least a signed-in page can cost. Outside the (app)
// group on purpose: that layout reads the viewer and streams the navigation counts. Exists only
// when READYROOM_BENCH is on.
export default async function BenchSessionPage() {
  await connection();
  if (!env().READYROOM_BENCH) notFound();
  // The same read of the session cookie every signed-in page starts with (lib/auth/session-viewer.ts).
  if (!(await readSessionClaims())) redirect("/sign-in");
  return (
    <main className="p-6">
      <h1 className="text-2xl font-semibold tracking-tight">Signed in</h1>
    </main>
  );
}
