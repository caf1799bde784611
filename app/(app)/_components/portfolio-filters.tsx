import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FilterChecks } from "@/components/ui/filter-checks";
import { FilterSelect } from "@/components/ui/filter-select";
import { ehrVendors, phases } from "@/lib/domain/vocabulary";
import { ehrVendorLabel, phaseLabel } from "@/lib/format/labels";
import { portfolioQueryString, type PortfolioQuery } from "@/lib/validation/portfolio";

const verdictLabel = { no_go: "No-go", conditional_go: "Conditional go", go: "Go" } as const;
const riskLabel = { late: "Late", at_risk: "At risk", on_track: "On track", not_tracked: "Not tracked" } as const;
const windowLabel = { overdue: "Overdue", "7": "Within 7 days", "14": "Within 14 days", "30": "Within 30 days", "90": "Within 90 days" } as const;

const options = <K extends string>(labels: Record<K, string>) => (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

// A plain GET form: it works without JavaScript, and the URL keeps the filter. Customer, EHR,
// phase, gate and risk take several choices at once.
export function PortfolioFilters({
  query,
  customers,
  basePath = "/",
  offerMine = false,
}: {
  query: PortfolioQuery;
  customers: { id: string; name: string }[];
  // The page the filter belongs to (the portfolio or the timeline): Clear returns there.
  basePath?: string;
  // Vendor staff manage implementations or own their engineering; customer IT do neither.
  offerMine?: boolean;
}) {
  return (
    // Keyed by the query: following a link to another filter (a quick or saved view) remounts
    // the form, so its boxes show that filter rather than what was ticked before.
    <form key={portfolioQueryString(query)} method="get" aria-label="Filter the portfolio" className="mt-6 grid grid-cols-2 items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4 lg:grid-cols-6">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {offerMine ? (
        <label className="flex items-center gap-2 self-center">
          <input type="checkbox" name="mine" value="1" defaultChecked={query.mine} className="h-4 w-4" />
          <span className="font-medium text-slate-700">Only mine</span>
        </label>
      ) : null}
      {customers.length > 1 ? <FilterChecks label="Customer" name="customer" values={query.customer} any="Any" options={customers.map((c) => ({ value: c.id, label: c.name }))} /> : null}
      <FilterChecks label="EHR" name="ehr" values={query.ehr} any="Any" options={ehrVendors.map((v) => ({ value: v, label: ehrVendorLabel[v] }))} />
      <FilterChecks label="Phase" name="phase" values={query.phase} any="Any" options={phases.map((p) => ({ value: p, label: phaseLabel[p] }))} />
      <FilterChecks label="Gate" name="verdict" values={query.verdict} any="Any" options={options(verdictLabel)} />
      <FilterChecks label="Risk" name="risk" values={query.risk} any="Any" options={options(riskLabel)} />
      <FilterSelect label="Forecast" name="forecast" value={query.forecast ?? ""} any="Any" options={[{ value: "late", label: "Projected late" }]} />
      <FilterSelect label="Go-live" name="window" value={query.window ?? ""} any="Any time" options={options(windowLabel)} />
      <FilterSelect label="Changed" name="changed" value={query.changed ?? ""} any="Any time" options={[{ value: "this_week", label: "Since Monday" }]} />
      <div className="flex gap-2 self-end">
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
