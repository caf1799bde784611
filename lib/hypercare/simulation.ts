import { hourOfWeek, type MetricPoint } from "./evaluate";

// Synthetic hourly traffic of one fictional interface, for `npm run simulate:hypercare` (which
// posts it through the machine API) and for the unit test that feeds the same series to
// evaluate(). Pure: the same `end` gives the same figures, and an hour's figures do not depend
// on `end`, so running the simulation again posts only the hours that are new.
//
// The shape: weekday business hours (08–18 UTC) busy, nights and weekends quiet but never
// empty, every hour's content fingerprint different. History weeks first (so a band can be
// learned: 3 weeks by default), then the week shown on the interface page, in which
//   - a silent stretch: no messages on a weekday from 10:00 to 14:00 UTC (the engine stopped);
//   - a stuck stretch: on the next weekday from 09:00 to 16:00 UTC, volume normal but the same
//     fingerprint every hour (the feed "succeeds" while nothing changes);
//   - recovery after each: traffic and changing content return.
// `ongoing` ends the series in an incident instead, for watching an alert open against the
// running app (the hours after it come from a later run without it).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Stretch = { from: Date; to: Date };
export type SimulatedTraffic = {
  points: MetricPoint[];
  // The week after the history weeks (the one the interface page shows when `end` is now).
  week: Stretch;
  silent: Stretch;
  stuck: Stretch;
  ongoing: Stretch | null;
};
export type Ongoing = "silent" | "unchanged" | null;

// A fixed pseudo-random number in [0, 1) for an hour (and a salt), so reruns agree.
function noise(hourIndex: number, salt: number): number {
  let x = (hourIndex * 2654435761 + salt * 40503) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

function isWeekday(at: Date): boolean {
  const day = at.getUTCDay();
  return day >= 1 && day <= 5;
}

// Messages an ordinary hour carries: a shape per hour of the week, and from week to week one
// step below, on or above it (three weeks in a row are always one of each), so the learned
// band has a spread and an ordinary week always falls inside it.
export function usualVolume(hourStart: Date): number {
  const h = hourStart.getUTCHours();
  const how = hourOfWeek(hourStart);
  const jitter = 0.92 + 0.16 * noise(how, 1);
  let base: number;
  if (isWeekday(hourStart) && h >= 8 && h < 18) {
    // A morning peak and a lunch dip, as clinics book.
    base = [90, 140, 160, 150, 110, 130, 150, 140, 110, 80][h - 8]! * jitter;
  } else if (isWeekday(hourStart)) base = (h >= 6 && h < 21 ? 24 : 6) * jitter;
  else base = (h >= 8 && h < 18 ? 12 : 4) * jitter;
  const step = Math.max(1, Math.round(base * 0.06));
  const week = Math.floor(hourStart.getTime() / (7 * DAY));
  return Math.round(base) + step * ([-1, 0, 1][(week + how) % 3]!);
}

function fingerprint(index: number): string {
  return `sim:${(index >>> 0).toString(16).padStart(8, "0")}${Math.floor(noise(index, 7) * 0xffffff).toString(16).padStart(6, "0")}`;
}

// The first weekday whose whole day lies at or after `from`.
function firstWeekdayFrom(from: Date): Date {
  let day = new Date(Math.ceil(from.getTime() / DAY) * DAY);
  while (!isWeekday(day)) day = new Date(day.getTime() + DAY);
  return day;
}

export function simulateTraffic({ end, historyWeeks = 3, ongoing = null }: { end: Date; historyWeeks?: number; ongoing?: Ongoing }): SimulatedTraffic {
  const last = Math.floor(end.getTime() / HOUR) * HOUR;
  const weekFrom = last - 7 * DAY;
  const start = weekFrom - historyWeeks * 7 * DAY;
  const dayA = firstWeekdayFrom(new Date(weekFrom));
  let dayB = new Date(dayA.getTime() + DAY);
  while (!isWeekday(dayB)) dayB = new Date(dayB.getTime() + DAY);
  const silent = { from: new Date(dayA.getTime() + 10 * HOUR), to: new Date(dayA.getTime() + 14 * HOUR) };
  const stuck = { from: new Date(dayB.getTime() + 9 * HOUR), to: new Date(dayB.getTime() + 16 * HOUR) };
  const tail = ongoing === "silent" ? { from: new Date(last - 3 * HOUR), to: new Date(last) } : ongoing === "unchanged" ? { from: new Date(last - 6 * HOUR), to: new Date(last) } : null;
  const inside = (t: number, s: Stretch | null) => Boolean(s && t >= s.from.getTime() && t < s.to.getTime());
  const stuckPrint = (s: Stretch) => fingerprint(Math.floor(s.from.getTime() / HOUR) ^ 0x5a5a5a);

  const points: MetricPoint[] = [];
  for (let t = start; t < last; t += HOUR) {
    const index = t / HOUR;
    const periodStart = new Date(t);
    const periodEnd = new Date(t + HOUR);
    const quiet = inside(t, silent) || (ongoing === "silent" && inside(t, tail));
    if (quiet) {
      points.push({ periodStart, periodEnd, messageCount: 0, errorCount: 0, lastMessageAt: null, contentFingerprint: null });
      continue;
    }
    const messageCount = Math.max(2, usualVolume(periodStart));
    const errorCount = Math.floor(messageCount * 0.01 * noise(index, 3) * 2);
    const lastMessageAt = new Date(t + HOUR - 1_000 - Math.floor(noise(index, 5) * 120) * 1_000);
    const contentFingerprint = inside(t, stuck) ? stuckPrint(stuck) : ongoing === "unchanged" && inside(t, tail) ? stuckPrint(tail!) : fingerprint(index);
    points.push({ periodStart, periodEnd, messageCount, errorCount, lastMessageAt, contentFingerprint });
  }
  return { points, week: { from: new Date(weekFrom), to: new Date(last) }, silent, stuck, ongoing: tail };
}
