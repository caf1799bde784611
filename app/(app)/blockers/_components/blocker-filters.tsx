import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FilterChecks } from "@/components/ui/filter-checks";
import { FilterSelect } from "@/components/ui/filter-select";
import { SortSelect } from "@/components/ui/sort-header";
import { blockerSeverities } from "@/lib/domain/vocabulary";
import { severityLabel } from "@/lib/format/labels";
import { blockerOrders, blockersQueryString, blockerWindows, type BlockersQuery } from "@/lib/validation/blockers";

// A plain GET form: it works without JavaScript, and the URL keeps the filter. Severity and
// customer take several choices at once.
export function BlockerFilters({ query, customers }: { query: BlockersQuery; customers: { id: string; name: string }[] }) {
  return (
    // Keyed by the query, so a quick or saved view opened by a link shows its own filter.
    <form key={blockersQueryString(query)} method="get" aria-label="Filter blockers" className="mt-6 grid grid-cols-2 items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-3 lg:grid-cols-6">
      <label className="flex items-center gap-2 self-center">
        <input type="checkbox" name="mine" value="1" defaultChecked={query.mine} className="h-4 w-4" />
        <span className="font-medium text-slate-700">Only mine</span>
      </label>
      <FilterChecks label="Severity" name="severity" values={query.severity} any="Any" options={blockerSeverities.map((s) => ({ value: s, label: severityLabel[s] }))} />
      <FilterChecks label="Customer" name="customer" values={query.customer} any="Any" options={customers.map((c) => ({ value: c.id, label: c.name }))} />
      <FilterSelect label="Go-live" name="within" value={query.within ? String(query.within) : ""} any="Any time" options={blockerWindows.map((w) => ({ value: w, label: `Within ${w} days` }))} />
      <SortSelect
        label="Order"
        name="order"
        value={`${query.sort}:${query.dir}`}
        options={[
          ...blockerOrders,
          ...(blockerOrders.some((o) => o.value === `${query.sort}:${query.dir}`) ? [] : [{ value: `${query.sort}:${query.dir}`, label: "As sorted by a column" }]),
        ]}
      />
      <div className="flex gap-2 self-end">
        <Button type="submit" size="sm">
          Apply
        </Button>
        <Link href="/blockers" className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
