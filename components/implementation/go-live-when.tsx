import type { ImplementationStatus } from "@/lib/domain/vocabulary";
import { describeGoLive } from "@/lib/format/dates";

// A go-live date and how far off it is (or how late, or that it went live), or "Not set".
// Late — or, where `soonDays` is given, that close — is told in words and weight, not colour alone.
export function GoLiveWhen({ date, days, status, soonDays }: { date: string | null; days: number | null; status: ImplementationStatus; soonDays?: number }) {
  const goLive = date && days !== null ? describeGoLive(days, status) : null;
  if (!date || !goLive) return <span className="text-slate-500">Not set</span>;
  const urgent = goLive.late || (soonDays !== undefined && days !== null && days <= soonDays);
  return (
    <>
      <time dateTime={date}>{date}</time>
      <div className={urgent ? "font-medium text-rose-800" : "text-slate-600"}>{goLive.text}</div>
    </>
  );
}

// The same in one line, for a phone card: "2026-12-20 (18 days left)".
export function goLiveLine(date: string | null, days: number | null, status: ImplementationStatus): string {
  return date && days !== null ? `${date} (${describeGoLive(days, status).text})` : "Not set";
}
