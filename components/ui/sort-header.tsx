import Link from "next/link";
import { FilterSelect } from "./filter-select";

// A sortable column header: a link that keeps the sort in the URL (so it works without
// JavaScript and can be shared), aria-sort on the active column, and the direction spelled
// out for a screen reader as well as shown by an arrow.
export function SortHeader({
  label,
  active,
  dir,
  href,
  className = "px-3 py-3",
}: {
  label: string;
  active: boolean;
  dir: "asc" | "desc";
  href: string;
  className?: string;
}) {
  return (
    <th scope="col" className={className} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="inline-flex items-center gap-1 hover:text-slate-900 hover:underline">
        {label}
        {active ? (
          <>
            <span aria-hidden="true">{dir === "asc" ? "▲" : "▼"}</span>
            <span className="sr-only">{dir === "asc" ? ", sorted ascending" : ", sorted descending"}</span>
          </>
        ) : null}
      </Link>
    </th>
  );
}

// The options of a "Sort by" select for the phone layout, where there are no column headers.
export function SortSelect({ label = "Sort by", name = "sort", value, options }: { label?: string; name?: string; value: string; options: { value: string; label: string }[] }) {
  return <FilterSelect label={label} name={name} value={value} options={options} />;
}
