import { getViewer } from "@/lib/auth/viewer";
import { blockersCsv } from "@/lib/blockers-csv";
import { listBlockers } from "@/lib/dal/blockers";
import { isDomainError } from "@/lib/dal/errors";
import { todayIso } from "@/lib/dates";
import { errorFields, log } from "@/lib/log";
import { parseBlockersQuery } from "@/lib/validation/blockers";

// The blockers view as CSV, honouring the same filters as the page (the same URL parameters).
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  try {
    const rows = await listBlockers(viewer, parseBlockersQuery(new URL(request.url).searchParams));
    return new Response(blockersCsv(rows), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="readyroom-blockers-${todayIso()}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isDomainError(error) && (error.code === "forbidden" || error.code === "not_found")) {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    log.error("api.blockers_csv_failed", errorFields(error));
    return Response.json({ error: "unavailable" }, { status: 503 });
  }
}
