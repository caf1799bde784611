import type { ReactNode } from "react";

// Labelled values read, not edited: each label over its value, line breaks kept, and a dash
// where there is nothing yet.
export function Facts({ facts, className }: { facts: readonly (readonly [label: string, value: ReactNode])[]; className?: string }) {
  return (
    <dl className={className}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="whitespace-pre-wrap">{value || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

// A phone card's facts: small labels over their values, two to a row unless `columns` says
// otherwise. A fact that is false or null is left out (one that only some rows have).
export type CardFact = { label: string; value: ReactNode; className?: string };

export function CardFacts({ facts, columns = "grid-cols-2" }: { facts: readonly (CardFact | false | null)[]; columns?: string }) {
  return (
    <dl className={`mt-3 grid gap-x-4 gap-y-2 [&_dt]:text-xs [&_dt]:text-slate-500 ${columns}`}>
      {facts.map((fact) =>
        fact ? (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd className={fact.className}>{fact.value}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
