import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/server/env";

export const metadata: Metadata = { title: "Benchmark" };

// The benchmark's page floor: an empty page inside the signed-in layout, so it pays what every
// page pays (session, viewer from the database, layout) and nothing more. Exists only when
// READYROOM_BENCH is on.
export default async function BenchEmptyPage() {
  if (!env().READYROOM_BENCH) notFound();
  return <h1 className="text-2xl font-semibold tracking-tight">Empty benchmark page</h1>;
}
