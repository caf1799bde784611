import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { ehrVendors, phases } from "@/lib/domain/vocabulary";
import { ehrVendorLabel, phaseLabel } from "@/lib/format/labels";
import type { PortfolioQuery } from "@/lib/validation/portfolio";

const verdictLabel = { no_go: "No-go", conditional_go: "Conditional go", go: "Go" } as const;
const riskLabel = { late: "Late", at_risk: "At risk", on_track: "On track", not_tracked: "Not tracked" } as const;
const windowLabel = { overdue: "Overdue", "7": "Within 7 days", "14": "Within 14 days", "30": "Within 30 days", "90": "Within 90 days" } as const;


// A plain GET form: it works without JavaScript, and the URL keeps the filter.
export function PortfolioFilters({
  query,
  customers,
  basePath = "/",
}: {
  query: PortfolioQuery;
  customers: { id: string; name: string }[];
  // The page the filter belongs to (the portfolio or the timeline): Clear returns there.
  basePath?: string;
}) {
  return (
    <form method="get" aria-label="Filter the portfolio" className="mt-6 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4 lg:grid-cols-8 md:items-end">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {customers.length > 1 ? (
        <FilterSelect label="Customer" name="customer" value={query.customer ?? ""} any="Any" options={customers.map((c) => ({ value: c.id, label: c.name }))} />
      ) : null}
      <FilterSelect label="EHR" name="ehr" value={query.ehr ?? ""} any="Any" options={ehrVendors.map((v) => ({ value: v, label: ehrVendorLabel[v] }))} />
      <FilterSelect label="Phase" name="phase" value={query.phase ?? ""} any="Any" options={phases.map((p) => ({ value: p, label: phaseLabel[p] }))} />
      <FilterSelect label="Gate" name="verdict" value={query.verdict ?? ""} any="Any" options={Object.entries(verdictLabel).map(([value, label]) => ({ value, label }))} />
      <FilterSelect label="Risk" name="risk" value={query.risk ?? ""} any="Any" options={Object.entries(riskLabel).map(([value, label]) => ({ value, label }))} />
      <FilterSelect label="Forecast" name="forecast" value={query.forecast ?? ""} any="Any" options={[{ value: "late", label: "Projected late" }]} />
      <FilterSelect label="Go-live" name="window" value={query.window ?? ""} any="Any time" options={Object.entries(windowLabel).map(([value, label]) => ({ value, label }))} />
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Apply
        </Button>
        <Link href={basePath} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
