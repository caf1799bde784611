import { viewerRoute } from "@/lib/api/viewer-route";
import { getReadinessReport } from "@/lib/dal/report";
import { todayIso } from "@/lib/format/dates";
import { reportItemsCsv } from "@/lib/format/report-csv";

// The readiness report's items as a CSV download. Same DAL and rules as the report page.
export const GET = viewerRoute<{ id: string }>("items_csv", async (viewer, { id }) => {
  const report = await getReadinessReport(viewer, id);
  const slug = `${report.customerName}-${report.name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  return new Response(reportItemsCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="readiness-${slug || "implementation"}-${todayIso()}.csv"`,
      "cache-control": "no-store",
    },
  });
});
