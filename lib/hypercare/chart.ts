import { isoDay } from "@/lib/format/dates";
import { hourlyVolumes, hourOfWeek, learnBands, type HypercareRules, type MetricPoint } from "./evaluate";

// The interface page's picture of one environment: messages per hour over the last 7 days
// against the band learned from the weeks before them (evaluate.ts learnBands, so the page and
// the rules agree on what "normal" is), and the same figures per day for the table beside it.

const HOUR = 3_600_000;
export const CHART_HOURS = 7 * 24;

export type ChartHour = {
  // Start of the hour, ISO (UTC).
  hour: string;
  // Messages in the hour; null when no figures cover it.
  messages: number | null;
  median: number | null;
  low: number | null;
  high: number | null;
  // [low, high] for a shaded area; null where no band is learned.
  band: [number, number] | null;
  belowBand: boolean;
};

export type ChartDay = {
  day: string;
  messages: number;
  usual: number | null;
  hoursWithFigures: number;
  hoursBelowBand: number;
  errors: number;
};

export type HourlyPicture = {
  from: Date;
  to: Date;
  hours: ChartHour[];
  days: ChartDay[];
  total: number;
  errors: number;
  hoursWithBand: number;
  // Runs of consecutive hours below the band, for the summary sentence.
  belowBandSpans: { from: string; to: string; hours: number }[];
};

export function hourlyPicture(points: MetricPoint[], now: Date, rules: Pick<HypercareRules, "bandWidth" | "minSamples">): HourlyPicture {
  const to = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const from = new Date(to.getTime() - CHART_HOURS * HOUR);
  // The band of an hour is learned from the weeks before the window, never from the hour itself.
  const bands = learnBands(
    points.filter((p) => p.periodEnd <= from),
    from,
    rules,
  );
  const volumes = hourlyVolumes(points);
  const errorsByHour = hourlyVolumes(points.map((p) => ({ ...p, messageCount: p.errorCount })));
  const hours: ChartHour[] = [];
  const days = new Map<string, ChartDay>();
  const belowBandSpans: HourlyPicture["belowBandSpans"] = [];
  let total = 0;
  let errors = 0;
  let hoursWithBand = 0;
  for (let t = from.getTime(); t < to.getTime(); t += HOUR) {
    const raw = volumes.get(t);
    const messages = raw === undefined ? null : Math.round(raw);
    const band = bands.get(hourOfWeek(new Date(t)));
    const belowBand = Boolean(band && messages !== null && messages < band.low);
    const hour = new Date(t).toISOString();
    hours.push({
      hour,
      messages,
      median: band ? round1(band.median) : null,
      low: band ? round1(band.low) : null,
      high: band ? round1(band.high) : null,
      band: band ? [round1(band.low), round1(band.high)] : null,
      belowBand,
    });
    const dayKey = isoDay(new Date(t));
    const day = days.get(dayKey) ?? days.set(dayKey, { day: dayKey, messages: 0, usual: null, hoursWithFigures: 0, hoursBelowBand: 0, errors: 0 }).get(dayKey)!;
    const hourErrors = Math.round(errorsByHour.get(t) ?? 0);
    if (messages !== null) {
      day.messages += messages;
      day.hoursWithFigures += 1;
      total += messages;
    }
    day.errors += hourErrors;
    errors += hourErrors;
    if (band) {
      day.usual = (day.usual ?? 0) + band.median;
      hoursWithBand += 1;
    }
    if (belowBand) {
      day.hoursBelowBand += 1;
      const last = belowBandSpans.at(-1);
      if (last && Date.parse(last.to) === t) {
        last.to = new Date(t + HOUR).toISOString();
        last.hours += 1;
      } else belowBandSpans.push({ from: hour, to: new Date(t + HOUR).toISOString(), hours: 1 });
    }
  }
  return {
    from,
    to,
    hours,
    days: [...days.values()].map((d) => ({ ...d, usual: d.usual === null ? null : Math.round(d.usual) })),
    total,
    errors,
    hoursWithBand,
    belowBandSpans,
  };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
