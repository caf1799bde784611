import { Fragment, type ReactNode } from "react";

// The box every wide table scrolls in, so the page itself never scrolls sideways. It is
// `relative` so that screen-reader-only text in the table (absolutely positioned) stays inside
// the box instead of widening the page on a phone.
export function tableBoxClass(className = "") {
  return `relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${className}`.trim();
}

const theadClass = "bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";

// A hand-built table in its scroll box: a caption (or a label) for screen readers, one header
// row, and the body rows the page draws. A column given as text gets a plain header cell; a cell
// element (a sortable header, a header with a form) is used as it is.
export function ScrollTable({
  caption,
  label,
  columns,
  headerCellClass = "px-3 py-2",
  className = "",
  children,
}: {
  caption?: string;
  label?: string;
  columns: ReactNode[];
  headerCellClass?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={tableBoxClass(className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className={theadClass}>
          <tr>
            {columns.map((column, i) =>
              typeof column === "string" ? (
                <th key={i} scope="col" className={headerCellClass}>
                  {column}
                </th>
              ) : (
                <Fragment key={i}>{column}</Fragment>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

// A data table with a phone layout: on a wide screen a real <table> (caption, column headers);
// on a phone each row becomes a card of "header: value" lines, so nothing scrolls sideways.
// Both are rendered; CSS shows one, and the hidden one is hidden from assistive technology too.

export type Column<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  // Right-aligned numbers, or a column that needs no label on a phone.
  align?: "left" | "right";
};

export function Table<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  captionHidden = false,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty?: ReactNode;
  captionHidden?: boolean;
}) {
  if (rows.length === 0 && empty) return <p className="mt-4 text-sm text-slate-600">{empty}</p>;
  return (
    <>
      <div className={tableBoxClass("mt-4 hidden md:block")}>
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className={captionHidden ? "sr-only" : "px-4 pt-3 text-left font-medium"}>{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className={`px-4 py-2 ${c.align === "right" ? "text-right" : ""}`}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={`px-4 py-2 align-top ${c.align === "right" ? "text-right" : ""}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="mt-4 space-y-3 md:hidden" aria-label={caption}>
        {rows.map((row) => (
          <li key={rowKey(row)} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
            <dl className="space-y-1">
              {columns.map((c) => (
                <div key={c.key} className="flex gap-2">
                  <dt className="w-32 shrink-0 text-slate-600">{c.header}</dt>
                  <dd className="min-w-0">{c.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

// For a hand-built table whose cells hold forms (which must not be rendered twice): on a phone
// the same table stacks, each row a block and each cell a line led by its column's name (from
// the cell's data-label), so nothing scrolls sideways; from md up it is a plain table.
export const stackOnPhone = {
  table: "max-md:block",
  thead: "max-md:sr-only",
  tbody: "max-md:block",
  tr: "max-md:block max-md:py-2",
  cell: "max-md:block max-md:py-0.5 max-md:pr-0 max-md:before:mr-2 max-md:before:font-medium max-md:before:text-slate-600 max-md:before:content-[attr(data-label)]",
} as const;
