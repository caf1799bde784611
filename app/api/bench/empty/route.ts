import { connection } from "next/server";
import { env } from "@/lib/server/env";

// The benchmark's floor: a route handler that does nothing (no session check, no database), so
// bench/load.ts can put every page beside what the server costs for any request at all.
// Exists only when READYROOM_BENCH is on.
export async function GET() {
  await connection();
  if (!env().READYROOM_BENCH) return new Response(null, { status: 404 });
  return new Response("ok", { headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}
