import { getViewer } from "@/lib/auth/viewer";
import { isDomainError } from "@/lib/dal/errors";
import { getReadinessReport } from "@/lib/dal/report";
import { errorFields, log } from "@/lib/log";
import { reportItemsCsv } from "@/lib/report-csv";

// The readiness report's items as a CSV download. Same DAL and rules as the report page.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const { id } = await params;
  try {
    const report = await getReadinessReport(viewer, id);
    const slug = `${report.customerName}-${report.name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
    return new Response(reportItemsCsv(report), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="readiness-${slug || "implementation"}-${new Date().toISOString().slice(0, 10)}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isDomainError(error) && (error.code === "not_found" || error.code === "forbidden")) {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    log.error("api.items_csv_failed", errorFields(error));
    return Response.json({ error: "unavailable" }, { status: 503 });
  }
}
