import { cutoverStepState } from "@/lib/domain/cutover";
import { shortDay } from "@/lib/domain/forecast";
import { isoDay } from "@/lib/format/dates";
import { stepSymbol } from "./badges";

type Step = { id: string; number: number; title: string; dueAt: Date; doneAt: Date | null };

const DAY_MS = 24 * 60 * 60 * 1000;
const markerTone = { done: "border-emerald-700 bg-emerald-100", overdue: "border-rose-700 bg-rose-100", open: "border-slate-500 bg-white" } as const;

// The cutover plan drawn on one line: each step at its due time, numbered as in the table
// beside it, with its state's symbol; go-live and today marked. Hidden from assistive
// technology: the table says all of it in words.
export function CutoverStrip({ steps, goLiveDate, now, today }: { steps: Step[]; goLiveDate: string | null; now: Date; today: string }) {
  if (steps.length === 0) return null;
  const goLive = goLiveDate ? Date.parse(`${goLiveDate}T00:00:00Z`) : null;
  const times = steps.map((s) => s.dueAt.getTime()).concat(goLive === null ? [] : [goLive]);
  const from = Math.min(...times) - DAY_MS;
  const to = Math.max(...times) + DAY_MS;
  const at = (t: number) => ((t - from) / (to - from)) * 100;
  return (
    <div aria-hidden="true" data-chart="cutover" className="mt-3 rounded-lg border border-slate-200 bg-white px-4 pb-3 pt-2 shadow-sm">
      <div className="relative h-16">
        <span className="absolute left-0 right-0 top-8 border-t border-slate-300" />
        {goLive !== null ? (
          <span className="absolute top-0 -ml-1.5 text-sm text-slate-900" style={{ left: `${at(goLive)}%` }}>
            ◆
          </span>
        ) : null}
        {now.getTime() >= from && now.getTime() <= to ? <span className="absolute top-1 h-14 border-l-2 border-slate-500" style={{ left: `${at(now.getTime())}%` }} /> : null}
        {steps.map((s, i) => {
          const state = cutoverStepState(s, now);
          return (
            <span
              key={s.id}
              className={`absolute -ml-3 flex h-5 min-w-6 items-center justify-center rounded-full border px-1 text-[0.65rem] font-semibold ${markerTone[state]}`}
              style={{ left: `${at(s.dueAt.getTime())}%`, top: `${1.25 + (i % 3) * 1.1}rem` }}
              title={s.title}
            >
              {stepSymbol[state]}
              {s.number}
            </span>
          );
        })}
      </div>
      <div className="flex justify-between text-[0.65rem] text-slate-600">
        <span>{shortDay(isoDay(new Date(from)), today)}</span>
        <span>{shortDay(isoDay(new Date(to)), today)}</span>
      </div>
      <p className="mt-1 text-xs text-slate-600">◆ go-live · │ now · numbers as in the table · ✓ done · ! overdue · ○ not done</p>
    </div>
  );
}
