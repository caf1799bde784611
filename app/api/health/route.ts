import { connection } from "next/server";
import { checkDatabase } from "@/lib/dal/health";

// For load balancers: 200 when the database answers, 503 when it does not.
export async function GET() {
  await connection();
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "unavailable", database },
    { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
