import Link from "next/link";
import { ehrVendorLabel, phaseLabel } from "@/lib/labels";
import type { PortfolioQuery } from "@/lib/validation/portfolio";
import { ehrVendors, phases } from "@/lib/vocabulary";

const riskLabel = { late: "Late", at_risk: "At risk", on_track: "On track", not_tracked: "Not tracked" } as const;
const windowLabel = { overdue: "Overdue", "7": "Within 7 days", "14": "Within 14 days", "30": "Within 30 days", "90": "Within 90 days" } as const;

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

// A plain GET form: it works without JavaScript, and the URL keeps the filter.
export function PortfolioFilters({
  query,
  customers,
}: {
  query: PortfolioQuery;
  customers: { id: string; name: string }[];
}) {
  return (
    <form method="get" aria-label="Filter the portfolio" className="mt-6 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-6 md:items-end">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      {customers.length > 1 ? (
        <label className="block">
          <span className="font-medium text-slate-700">Customer</span>
          <select name="customer" defaultValue={query.customer ?? ""} className={selectClass}>
            <option value="">Any</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="block">
        <span className="font-medium text-slate-700">EHR</span>
        <select name="ehr" defaultValue={query.ehr ?? ""} className={selectClass}>
          <option value="">Any</option>
          {ehrVendors.map((v) => (
            <option key={v} value={v}>
              {ehrVendorLabel[v]}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Phase</span>
        <select name="phase" defaultValue={query.phase ?? ""} className={selectClass}>
          <option value="">Any</option>
          {phases.map((p) => (
            <option key={p} value={p}>
              {phaseLabel[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Risk</span>
        <select name="risk" defaultValue={query.risk ?? ""} className={selectClass}>
          <option value="">Any</option>
          {Object.entries(riskLabel).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Go-live</span>
        <select name="window" defaultValue={query.window ?? ""} className={selectClass}>
          <option value="">Any time</option>
          {Object.entries(windowLabel).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 font-semibold text-white hover:bg-slate-700">
          Apply
        </button>
        <Link href="/" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
