import Link from "next/link";
import { severityLabel } from "@/lib/labels";
import { blockerWindows, type BlockersQuery } from "@/lib/validation/blockers";
import { blockerSeverities } from "@/lib/vocabulary";

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

// A plain GET form: it works without JavaScript, and the URL keeps the filter.
export function BlockerFilters({ query, customers }: { query: BlockersQuery; customers: { id: string; name: string }[] }) {
  return (
    <form method="get" aria-label="Filter blockers" className="mt-6 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-5 md:items-end">
      <label className="flex items-center gap-2 self-center">
        <input type="checkbox" name="mine" value="1" defaultChecked={query.mine} className="h-4 w-4" />
        <span className="font-medium text-slate-700">Only mine</span>
      </label>
      <label className="block">
        <span className="font-medium text-slate-700">Severity</span>
        <select name="severity" defaultValue={query.severity ?? ""} className={selectClass}>
          <option value="">Any</option>
          {blockerSeverities.map((s) => (
            <option key={s} value={s}>
              {severityLabel[s]}
            </option>
          ))}
        </select>
      </label>
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
      <label className="block">
        <span className="font-medium text-slate-700">Go-live</span>
        <select name="within" defaultValue={query.within ? String(query.within) : ""} className={selectClass}>
          <option value="">Any time</option>
          {blockerWindows.map((w) => (
            <option key={w} value={w}>
              Within {w} days
            </option>
          ))}
        </select>
      </label>
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 font-semibold text-white hover:bg-slate-700">
          Apply
        </button>
        <Link href="/blockers" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
