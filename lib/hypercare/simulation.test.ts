import { describe, expect, it } from "vitest";
import { hourlyPicture } from "./chart";
import { defaultRules, evaluate, type AlertRule } from "./evaluate";
import { mergeRules } from "./merge-rules";
import { simulateTraffic } from "./simulation";

// The series `npm run simulate:hypercare` posts, fed hour by hour to the rules the scheduled
// evaluation uses: the silent stretch raises "no traffic" and the stuck stretch "content
// unchanged", each clears once traffic (or changing content) returns, and ordinary weeks raise
// nothing at all.
const HOUR = 3_600_000;

// What the rules say five minutes after each hour, from the figures posted by then.
function timeline(end: Date, rules = defaultRules) {
  const { points, week, silent, stuck } = simulateTraffic({ end });
  const seen: { at: Date; rules: AlertRule[] }[] = [];
  for (let t = week.from.getTime() + HOUR; t <= week.to.getTime(); t += HOUR) {
    const now = new Date(t + 5 * 60_000);
    const posted = points.filter((p) => p.periodEnd <= now);
    seen.push({ at: now, rules: evaluate(posted, now, rules).map((a) => a.rule) });
  }
  const during = (from: Date, to: Date, rule: AlertRule) => seen.filter((s) => s.at > from && s.at <= to && s.rules.includes(rule));
  return { seen, silent, stuck, during };
}

describe("simulated hypercare traffic", () => {
  // Thursday 3 December 2026, 07:40 UTC: the week shown starts Thursday 26 November.
  const end = new Date(Date.UTC(2026, 11, 3, 7, 40));

  it("raises no traffic in the silent stretch and clears it once messages return", () => {
    const { during, silent, seen } = timeline(end);
    expect(silent.from.toISOString()).toBe("2026-11-27T10:00:00.000Z"); // Friday, the first whole weekday of the week
    const open = during(silent.from, silent.to, "no_traffic");
    expect(open.length).toBeGreaterThanOrEqual(2);
    // Open from the second silent hour (more than 60 business minutes since the last message).
    expect(open[0]!.at.toISOString()).toBe("2026-11-27T11:05:00.000Z");
    // The hour after the stretch is posted at 15:00: from then on the alert is gone.
    const after = seen.filter((s) => s.at.getTime() >= silent.to.getTime() + HOUR);
    expect(after.length).toBeGreaterThan(24);
    expect(after.filter((s) => s.rules.includes("no_traffic"))).toEqual([]);
  });

  it("raises content unchanged while volume stays normal, and clears it when the fingerprint changes", () => {
    const { during, stuck, seen } = timeline(end);
    expect(stuck.from.toISOString()).toBe("2026-11-30T09:00:00.000Z"); // the next weekday, Monday
    const open = during(stuck.from, new Date(stuck.to.getTime() + HOUR), "content_unchanged");
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open[0]!.at.getTime()).toBeGreaterThan(stuck.from.getTime() + defaultRules.fingerprintUnchangedMinutes! * 60_000);
    // Volume was normal all along: no volume or silence alert beside it.
    for (const s of open) expect(s.rules).toEqual(["content_unchanged"]);
    const after = seen.filter((s) => s.at.getTime() >= stuck.to.getTime() + HOUR);
    expect(after.length).toBeGreaterThan(24);
    expect(after.filter((s) => s.rules.includes("content_unchanged"))).toEqual([]);
  });

  it("raises nothing outside the two stretches and the hour after each", () => {
    const { seen, silent, stuck } = timeline(end);
    const near = (at: Date, s: { from: Date; to: Date }) => at > s.from && at.getTime() <= s.to.getTime() + 2 * HOUR;
    const stray = seen.filter((s) => s.rules.length > 0 && !near(s.at, silent) && !near(s.at, stuck));
    expect(stray).toEqual([]);
  });

  it("lets a hand-set limit move when the alert opens", () => {
    const { during, silent } = timeline(end, mergeRules({ noTrafficMinutes: 150, businessStartHour: null, businessEndHour: null, bandWidth: null, minSamples: null, errorRateThreshold: null, fingerprintUnchangedMinutes: null }));
    expect(during(silent.from, silent.to, "no_traffic")[0]!.at.toISOString()).toBe("2026-11-27T13:05:00.000Z");
  });

  it("ends in an ongoing silence or stuck content on request, and a later run only adds new hours", () => {
    const silentNow = simulateTraffic({ end, ongoing: "silent" });
    const now = new Date(Date.UTC(2026, 11, 3, 11, 10)); // Thursday, in business hours
    const later = simulateTraffic({ end: now, ongoing: "silent" });
    expect(evaluate(later.points, now).map((a) => a.rule)).toContain("no_traffic");
    const stuckNow = simulateTraffic({ end: now, ongoing: "unchanged" });
    expect(evaluate(stuckNow.points, now).map((a) => a.rule)).toEqual(["content_unchanged"]);
    // The same hour has the same figures in every run (outside the incidents).
    const plain = simulateTraffic({ end: now });
    const hour = Date.UTC(2026, 11, 2, 9);
    const pick = (s: typeof plain) => s.points.find((p) => p.periodStart.getTime() === hour);
    expect(pick(plain)).toEqual(pick(silentNow));
  });

  it("draws the shown week against the band learned from the weeks before it", () => {
    const { points, silent } = simulateTraffic({ end });
    const picture = hourlyPicture(points, end, defaultRules);
    expect(picture.hours).toHaveLength(168);
    expect(picture.hoursWithBand).toBe(168);
    const silentHours = picture.hours.filter((h) => h.hour >= silent.from.toISOString() && h.hour < silent.to.toISOString());
    expect(silentHours.map((h) => [h.messages, h.belowBand])).toEqual([[0, true], [0, true], [0, true], [0, true]]);
    expect(picture.belowBandSpans).toEqual([{ from: silent.from.toISOString(), to: silent.to.toISOString(), hours: 4 }]);
    const friday = picture.days.find((d) => d.day === "2026-11-27")!;
    expect(friday.hoursBelowBand).toBe(4);
    expect(friday.messages).toBeLessThan(friday.usual!);
  });
});
