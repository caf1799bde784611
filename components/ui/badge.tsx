// Status is always spelled out; colour and the symbol only reinforce the words.

export type Tone = "neutral" | "info" | "good" | "warn" | "bad";

const toneClass: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  info: "bg-sky-50 text-sky-900 ring-sky-300",
  good: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  warn: "bg-amber-50 text-amber-900 ring-amber-300",
  bad: "bg-rose-50 text-rose-900 ring-rose-300",
};

// `wrap` lets a long badge break over lines in a narrow column (on a phone).
export function Badge({ tone = "neutral", wrap = false, children }: { tone?: Tone; wrap?: boolean; children: React.ReactNode }) {
  return (
    <span
      className={`badge ${wrap ? "whitespace-normal" : "whitespace-nowrap"} ${toneClass[tone]}`}
    >
      {children}
    </span>
  );
}
