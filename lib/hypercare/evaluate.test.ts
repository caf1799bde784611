import { describe, expect, it } from "vitest";
import { defaultRules, evaluate, hourOfWeek, learnBands, type MetricPoint } from "./evaluate";

// Synthetic traffic (no real messages): hourly figures of an appointment feed, busy in the
// working day, quieter at night, with a fingerprint that changes every hour.
const HOUR = 3_600_000;
const monday = Date.UTC(2026, 10, 2); // Monday 2 November 2026, 00:00 UTC

function usual(at: number): number {
  const h = new Date(at).getUTCHours();
  const weekday = new Date(at).getUTCDay() % 6 !== 0;
  return weekday && h >= 8 && h < 18 ? 120 + (h % 3) * 5 : 10;
}

function hours(from: number, to: number, shape: (at: number) => Partial<MetricPoint> = () => ({})): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (let at = from; at < to; at += HOUR) {
    const messageCount = usual(at);
    out.push({ periodStart: new Date(at), periodEnd: new Date(at + HOUR), messageCount, errorCount: 0, lastMessageAt: new Date(at + HOUR - 30_000), contentFingerprint: `fp-${at}`, ...shape(at) });
  }
  return out;
}

const threeWeeks = hours(monday, monday + 21 * 24 * HOUR);
const week4 = monday + 21 * 24 * HOUR; // Monday of the fourth week

describe("hypercare rules", () => {
  it("learns a band per hour of the week only once it has enough weeks", () => {
    const two = learnBands(hours(monday, monday + 14 * 24 * HOUR), new Date(week4), defaultRules);
    expect(two.size).toBe(0);
    const bands = learnBands(threeWeeks, new Date(week4), defaultRules);
    const tenOnMonday = bands.get(hourOfWeek(new Date(monday + 10 * HOUR)))!;
    expect(tenOnMonday).toMatchObject({ median: 125, samples: 3 });
    expect(tenOnMonday.low).toBeLessThan(125);
  });

  it("normal traffic raises nothing", () => {
    const now = new Date(week4 + 11 * HOUR);
    expect(evaluate([...threeWeeks, ...hours(week4, week4 + 11 * HOUR)], now)).toEqual([]);
  });

  it("a feed that stops in business hours raises no traffic, and it clears when traffic returns", () => {
    const silentFrom = week4 + 9 * HOUR;
    const silent = hours(week4, week4 + 12 * HOUR, (at) => (at >= silentFrom ? { messageCount: 0, lastMessageAt: null } : {}));
    const alerts = evaluate([...threeWeeks, ...silent], new Date(week4 + 12 * HOUR));
    const noTraffic = alerts.find((a) => a.rule === "no_traffic")!;
    expect(noTraffic.since.getTime()).toBe(silentFrom - 30_000);
    expect(noTraffic.summary).toMatch(/No message for 180 business-hour minutes \(limit 60\)/);
    expect(alerts.map((a) => a.rule)).toContain("volume_below_band");
    const back = [...silent, ...hours(week4 + 12 * HOUR, week4 + 13 * HOUR)];
    expect(evaluate([...threeWeeks, ...back], new Date(week4 + 13 * HOUR)).map((a) => a.rule)).toEqual([]);
  });

  it("a quiet night is not silence", () => {
    const night = hours(week4 - 6 * HOUR, week4 + 7 * HOUR, () => ({ messageCount: 0, lastMessageAt: null }));
    const alerts = evaluate([...threeWeeks.slice(0, -6), ...night], new Date(week4 + 7 * HOUR));
    expect(alerts.find((a) => a.rule === "no_traffic")).toBeUndefined();
  });

  it("content unchanged while volume is normal is the silent failure, and it clears when the content moves", () => {
    const stuckFrom = week4 + 8 * HOUR;
    const stuck = hours(week4, week4 + 14 * HOUR, (at) => (at >= stuckFrom ? { contentFingerprint: "fp-stuck" } : {}));
    const alert = evaluate([...threeWeeks, ...stuck], new Date(week4 + 14 * HOUR)).find((a) => a.rule === "content_unchanged")!;
    expect(alert.since.getTime()).toBe(stuckFrom);
    expect(alert.figures).toMatchObject({ unchangedMinutes: 360, limitMinutes: 240 });
    const moved = [...stuck, ...hours(week4 + 14 * HOUR, week4 + 15 * HOUR)];
    expect(evaluate([...threeWeeks, ...moved], new Date(week4 + 15 * HOUR)).map((a) => a.rule)).toEqual([]);
  });

  it("an error rate above the threshold names the figures", () => {
    const failing = hours(week4, week4 + 11 * HOUR, (at) => (at >= week4 + 10 * HOUR ? { errorCount: 20 } : {}));
    const alert = evaluate([...threeWeeks, ...failing], new Date(week4 + 11 * HOUR)).find((a) => a.rule === "error_rate")!;
    expect(alert.summary).toBe("20 errors in 125 messages in the last hour (16.0 %, threshold 5.0 %).");
  });
});
