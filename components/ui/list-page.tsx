import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { Pager } from "./pager";

// The parts of a filtered list page shown a page at a time (portfolio, blockers): the heading
// with what the list holds, how many match and which of them this page shows, the filters, the
// rows or what the page says when nothing matches, and the previous / next links.

export function ListHeader({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-2">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-slate-600">{description}</p>
      </div>
      <div className="flex items-center gap-4">{children}</div>
    </div>
  );
}

// "12 open blockers · showing 1–50": announced when a filter changes the count.
export function ListCount({ page, pageCount, pageSize, shown, children }: { page: number; pageCount: number; pageSize: number; shown: number; children: ReactNode }) {
  const first = (page - 1) * pageSize + 1;
  return (
    <p className="text-sm text-slate-600" aria-live="polite">
      {children}
      {pageCount > 1 ? ` · showing ${first}–${first - 1 + shown}` : ""}
    </p>
  );
}

// One click to the lists people ask for most, as links (each a URL the filters would write).
export function QuickViews({ views }: { views: { label: string; href: string }[] }) {
  return (
    <nav aria-label="Quick views" className="mt-4">
      <ul className="flex flex-wrap gap-2 text-sm">
        {views.map((p) => (
          <li key={p.href}>
            <Link href={p.href} className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-50">
              {p.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function EmptyList({ children }: { children: ReactNode }) {
  return <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{children}</p>;
}

// The body of the list: its filters, then the rows (or what the page says when none match),
// then previous / next when there is more than one page.
export function PagedList({
  filters,
  isEmpty,
  empty,
  pager,
  children,
}: {
  filters: ReactNode;
  isEmpty: boolean;
  empty: ReactNode;
  pager: ComponentProps<typeof Pager>;
  children: ReactNode;
}) {
  return (
    <>
      {filters}
      {isEmpty ? <EmptyList>{empty}</EmptyList> : children}
      <Pager {...pager} />
    </>
  );
}
