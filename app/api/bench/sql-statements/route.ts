import { connection } from "next/server";
import { env } from "@/lib/server/env";
import { sqlStatementTally } from "@/lib/server/sql-statements";

// How many SQL statements this server process has sent so far (READYROOM_BENCH only). The
// benchmark reads it before and after one request to a page, with nothing else running, to
// count that page's statements. Runs no statement itself.
export async function GET() {
  await connection();
  if (!env().READYROOM_BENCH) return new Response(null, { status: 404 });
  return Response.json(sqlStatementTally(), { headers: { "cache-control": "no-store" } });
}
