import { viewerRoute } from "@/lib/api/viewer-route";
import { listBlockers } from "@/lib/dal/blockers";
import { blockersCsv } from "@/lib/format/blockers-csv";
import { todayIso } from "@/lib/format/dates";
import { parseBlockersQuery } from "@/lib/validation/blockers";

// The blockers view as CSV, honouring the same filters as the page (the same URL parameters).
export const GET = viewerRoute("blockers_csv", async (viewer, _params, request) => {
  const rows = await listBlockers(viewer, parseBlockersQuery(new URL(request.url).searchParams));
  return new Response(blockersCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="readyroom-blockers-${todayIso()}.csv"`,
      "cache-control": "no-store",
    },
  });
});
