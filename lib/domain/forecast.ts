import { currentApprovals, gateContext, requiredItemReasons, type GateInput } from "@/lib/domain/gate-rules";
import { itemStatuses } from "@/lib/domain/vocabulary";
import { isoDay } from "@/lib/format/dates";

// Readiness over time: the burn-up of required items done per day, and the forecast "at this
// pace, ready on …". Pure, so the implementation page, the readiness summary (the portfolio's
// "projected late") and the tests derive the same answer from the same facts.
//
// History is read from the facts the gate already holds, not replayed from the audit trail: a
// required item the gate counts as done now is dated by when it became done — its latest
// current approval (the last signature that completed it), its waiver's grant, or for an item
// that needs no signature its latest evidence. Items done once and undone since (a superseded
// sign-off) therefore leave the curve, which is what the gate says too.

const DAY_MS = 24 * 60 * 60 * 1000;

// Pace is measured over the most recent days, so a stall long ago no longer hides progress
// that resumed, and a recent stall shows at once.
export const PACE_WINDOW_DAYS = 14;

export const dayOf = isoDay;
const dayNumber = (day: string): number => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayFromNumber = (n: number): string => isoDay(new Date(n * DAY_MS));
export const addDays = (day: string, days: number): string => dayFromNumber(dayNumber(day) + days);
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

// The day each required item the gate counts as done became done.
export function requiredDoneDays(input: GateInput): string[] {
  const ctx = gateContext(input);
  const days: string[] = [];
  for (const item of input.items) {
    if (!item.required) continue;
    if (!requiredItemReasons(ctx, item).done) continue;
    let at: Date | null = null;
    if (item.waiver) {
      at = item.waiver.grantedAt ?? null;
    } else {
      for (const s of currentApprovals(item)) if (!at || s.signedAt > at) at = s.signedAt;
      if (!at) for (const e of item.evidence ?? []) if (!at || e.observedAt > at) at = e.observedAt;
    }
    days.push(dayOf(at ?? input.now));
  }
  return days.sort();
}

export type BurnUpPoint = { day: string; done: number };

// Cumulative required items done at the end of each day from `start` to `end` (inclusive).
// Items done before `start` count from its first day.
export function burnUpSeries(doneDays: string[], start: string, end: string): BurnUpPoint[] {
  const points: BurnUpPoint[] = [];
  const sorted = [...doneDays].sort();
  let i = 0;
  const span = Math.max(0, daysBetween(start, end));
  for (let d = 0; d <= span; d++) {
    const day = addDays(start, d);
    while (i < sorted.length && sorted[i]! <= day) i++;
    points.push({ day, done: i });
  }
  return points;
}

export type ForecastInput = {
  doneDays: string[];
  required: number;
  today: string;
  goLiveDate: string | null;
  // The first day of the history (the implementation's start): a younger history than the
  // window measures its pace over the days it has.
  start?: string;
  windowDays?: number;
};

export type Forecast =
  | { kind: "ready"; late: false }
  | { kind: "no_items"; late: false }
  // Nothing done within the window: at this pace it is never ready.
  | { kind: "no_pace"; remaining: number; windowDays: number; late: boolean }
  | {
      kind: "projected";
      remaining: number;
      pacePerDay: number;
      readyOn: string;
      // Positive: after go-live (late); negative: before; null without a go-live date.
      daysAfterGoLive: number | null;
      late: boolean;
    };

export function forecastReadiness(input: ForecastInput): Forecast {
  if (input.required <= 0) return { kind: "no_items", late: false };
  const done = Math.min(input.doneDays.length, input.required);
  const remaining = input.required - done;
  if (remaining === 0) return { kind: "ready", late: false };
  const wanted = input.windowDays ?? PACE_WINDOW_DAYS;
  const age = input.start ? daysBetween(input.start, input.today) + 1 : wanted;
  const windowDays = Math.max(1, Math.min(wanted, age));
  const from = addDays(input.today, -windowDays);
  const recent = input.doneDays.filter((d) => d > from && d <= input.today).length;
  if (recent === 0) {
    // Never ready at no pace: late as soon as there is a go-live date to miss.
    return { kind: "no_pace", remaining, windowDays, late: input.goLiveDate !== null };
  }
  const pacePerDay = recent / windowDays;
  const readyOn = addDays(input.today, Math.ceil(remaining / pacePerDay));
  const daysAfterGoLive = input.goLiveDate ? daysBetween(input.goLiveDate, readyOn) : null;
  return { kind: "projected", remaining, pacePerDay, readyOn, daysAfterGoLive, late: daysAfterGoLive !== null && daysAfterGoLive > 0 };
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// "14 Jan"; the year is added when it is not the year of `today`.
export function shortDay(day: string, today?: string): string {
  const [y, m, d] = day.split("-");
  const text = `${Number(d)} ${months[Number(m) - 1]}`;
  return today && today.slice(0, 4) !== y ? `${text} ${y}` : text;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

// The forecast in one sentence: "At this pace, ready on 14 Jan — 9 days after go-live."
export function describeForecast(f: Forecast, today: string): string {
  switch (f.kind) {
    case "no_items":
      return "No required items: nothing to forecast.";
    case "ready":
      return "Every required item is done.";
    case "no_pace":
      return `No required item was done in the last ${plural(f.windowDays, "day")}: at this pace it will not be ready${f.late ? " by go-live" : ""} (${plural(f.remaining, "item")} to go).`;
    case "projected": {
      const when = `At this pace, ready on ${shortDay(f.readyOn, today)}`;
      if (f.daysAfterGoLive === null) return `${when} (no go-live date set).`;
      if (f.daysAfterGoLive > 0) return `${when} — ${plural(f.daysAfterGoLive, "day")} after go-live.`;
      if (f.daysAfterGoLive === 0) return `${when} — on go-live day.`;
      return `${when} — ${plural(-f.daysAfterGoLive, "day")} before go-live.`;
    }
  }
}

export type BurnUpChartPoint = { day: string; done: number | null; forecast: number | null };

// The burn-up as drawn: the days done so far, then the forecast's straight line from today to
// the day it would be ready, over a span that shows go-live. Capped so a slow pace cannot ask
// for a year of points.
export function burnUpChartData(history: { startedOn: string; goLiveDate: string | null; doneDays: string[] }, required: number, today: string, forecast: Forecast, maxAheadDays = 120): BurnUpChartPoint[] {
  const start = history.startedOn < today ? history.startedOn : addDays(today, -1);
  const readyOn = forecast.kind === "projected" ? forecast.readyOn : null;
  let end = today;
  for (const d of [history.goLiveDate, readyOn]) if (d && d > end) end = d;
  const cap = addDays(today, maxAheadDays);
  if (end > cap) end = cap;
  const past = burnUpSeries(history.doneDays, start, today);
  const doneToday = past[past.length - 1]?.done ?? 0;
  const points: BurnUpChartPoint[] = past.map((p) => ({ day: p.day, done: p.done, forecast: null }));
  const last = points[points.length - 1];
  if (last && forecast.kind === "projected") last.forecast = doneToday;
  for (let d = 1; d <= daysBetween(today, end); d++) {
    const day = addDays(today, d);
    const forecastValue = forecast.kind === "projected" ? Math.min(required, doneToday + forecast.pacePerDay * d) : null;
    points.push({ day, done: null, forecast: forecastValue === null ? null : Math.round(forecastValue * 10) / 10 });
  }
  return points;
}

// Required items by where they stand, for the readiness bar. An item marked signed off or waived
// that the gate does not count as done (its sign-off needs a fresh production validation, or its
// waiver expired) is "not counting", never "signed off": the bar must agree with the readiness
// figure and the verdict beside it.
export const barStandings = [...itemStatuses, "not_counting"] as const;
export type BarStanding = (typeof barStandings)[number];

export function requiredByStanding(input: GateInput): Record<BarStanding, number> {
  const ctx = gateContext(input);
  const counts = Object.fromEntries(barStandings.map((s) => [s, 0])) as Record<BarStanding, number>;
  for (const item of input.items) {
    if (!item.required) continue;
    const claimsDone = item.status === "signed_off" || item.status === "waived";
    counts[claimsDone && !requiredItemReasons(ctx, item).done ? "not_counting" : item.status] += 1;
  }
  return counts;
}
