import type { ActivityEntry } from "@/lib/dal/activity";
import type { Role } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { roleLabel } from "@/lib/format/labels";

// A readable timeline: who, what and when, and for each changed field its value before and
// after. Text is rendered as text (React escapes it), so stored markup never runs. `compact`
// names the changed fields only, for a page that already shows the current values.
export function ActivityList({ entries, label, compact = false }: { entries: ActivityEntry[]; label: string; compact?: boolean }) {
  if (entries.length === 0) return <p className="mt-3 text-sm text-slate-600">No activity to show.</p>;
  return (
    <ol className="mt-3 space-y-3" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
          <p>
            <span className="font-semibold">{entry.actorName ?? "Readyroom"}</span>
            {entry.actorRole ? <span className="text-slate-600"> ({roleLabel[entry.actorRole as Role] ?? entry.actorRole})</span> : null}{" "}
            {entry.description}
            {" · "}
            <time dateTime={entry.occurredAt.toISOString()} className="text-slate-600">
              {formatUtc(entry.occurredAt)}
            </time>
          </p>
          {compact && entry.changes.length > 0 ? (
            <p className="mt-1 text-slate-600">Changed: {entry.changes.map((c) => c.label).join(", ")}</p>
          ) : null}
          {!compact && entry.changes.length > 0 ? (
            <table className="mt-2 w-full table-fixed text-left text-sm" aria-label="Changed fields">
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="w-1/5 py-1 pr-3 font-semibold">Field</th>
                  <th scope="col" className="py-1 pr-3 font-semibold">Before</th>
                  <th scope="col" className="py-1 font-semibold">After</th>
                </tr>
              </thead>
              <tbody>
                {entry.changes.map((change) => (
                  <tr key={change.field} className="align-top">
                    <th scope="row" className="py-1 pr-3 font-medium">{change.label}</th>
                    <td className="py-1 pr-3 text-slate-700 [overflow-wrap:anywhere]">
                      {change.before === null ? <span className="text-slate-500">(empty)</span> : <del className="decoration-rose-400">{change.before}</del>}
                    </td>
                    <td className="py-1 [overflow-wrap:anywhere]">
                      {change.after === null ? <span className="text-slate-500">(empty)</span> : <ins className="no-underline">{change.after}</ins>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
