import type { ReactNode } from "react";

// A small "edit" disclosure inside a table row or card: the summary names what it opens, the
// form stays out of the way until asked for.
export function RowDetails({ summary, summaryClassName = "text-xs", children }: { summary: ReactNode; summaryClassName?: string; children: ReactNode }) {
  return (
    <details className="mt-1">
      <summary className={`cursor-pointer text-sky-800 ${summaryClassName}`}>{summary}</summary>
      {children}
    </details>
  );
}
