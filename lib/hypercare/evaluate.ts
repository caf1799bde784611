// The silent-failure watch's rules, as pure functions of the posted figures (interface_metrics)
// so they can be tested without a clock or a database. A scheduled job (not built yet: see
// docs/hypercare.md) reads one interface's figures in one environment and asks evaluate() which
// alerts are open now; an alert it no longer returns has cleared ("traffic returned").
//
// Baselines are learned per hour of the week (Monday 00:00 UTC = hour 0): the median and the
// spread (median absolute deviation) of the messages in that hour over the past weeks. With
// fewer than `minSamples` weeks of that hour nothing is learned and no volume alert fires: a
// new interface is not "quiet" just because nobody knows its normal yet.

export type MetricPoint = {
  periodStart: Date;
  periodEnd: Date;
  messageCount: number;
  errorCount: number;
  lastMessageAt: Date | null;
  contentFingerprint: string | null;
};

export type HypercareRules = {
  // No message for longer than this inside business hours is an alert.
  noTrafficMinutes: number | null;
  // Business hours in UTC, [start, end) hours, Monday to Friday.
  businessHours: { startHour: number; endHour: number };
  // Volume in an hour below median − bandWidth × spread (and below the median by at least 1).
  bandWidth: number;
  minSamples: number;
  // Errors over messages in the last hour above this share.
  errorRateThreshold: number | null;
  // The same fingerprint for longer than this while volume looks normal.
  fingerprintUnchangedMinutes: number | null;
};

export const defaultRules: HypercareRules = {
  noTrafficMinutes: 60,
  businessHours: { startHour: 8, endHour: 18 },
  bandWidth: 3,
  minSamples: 3,
  errorRateThreshold: 0.05,
  fingerprintUnchangedMinutes: 240,
};

export type Band = { hourOfWeek: number; median: number; low: number; high: number; samples: number };

export type AlertRule = "no_traffic" | "volume_below_band" | "error_rate" | "content_unchanged";

export type OpenAlert = {
  rule: AlertRule;
  since: Date;
  // The figures behind it, as words and numbers a person can check.
  summary: string;
  figures: Record<string, number | string>;
};

const HOUR = 3_600_000;

export function hourOfWeek(at: Date): number {
  return ((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Messages per clock hour, from periods of any length up to a day (a period's count is spread
// evenly over the hours it covers).
export function hourlyVolumes(points: MetricPoint[]): Map<number, number> {
  const hours = new Map<number, number>();
  for (const p of points) {
    const start = p.periodStart.getTime();
    const end = p.periodEnd.getTime();
    for (let h = Math.floor(start / HOUR) * HOUR; h < end; h += HOUR) {
      const overlap = Math.min(end, h + HOUR) - Math.max(start, h);
      if (overlap <= 0) continue;
      hours.set(h, (hours.get(h) ?? 0) + (p.messageCount * overlap) / (end - start));
    }
  }
  return hours;
}

// The learned band of each hour of the week, from whole hours before `now`.
export function learnBands(points: MetricPoint[], now: Date, rules: Pick<HypercareRules, "bandWidth" | "minSamples">): Map<number, Band> {
  const byHourOfWeek = new Map<number, number[]>();
  const currentHour = Math.floor(now.getTime() / HOUR) * HOUR;
  for (const [hourStart, volume] of hourlyVolumes(points)) {
    if (hourStart >= currentHour) continue;
    const how = hourOfWeek(new Date(hourStart));
    (byHourOfWeek.get(how) ?? byHourOfWeek.set(how, []).get(how)!).push(volume);
  }
  const bands = new Map<number, Band>();
  for (const [how, volumes] of byHourOfWeek) {
    if (volumes.length < rules.minSamples) continue;
    const m = median(volumes);
    const spread = median(volumes.map((v) => Math.abs(v - m)));
    const width = Math.max(rules.bandWidth * spread, 1);
    bands.set(how, { hourOfWeek: how, median: m, low: Math.max(0, m - width), high: m + width, samples: volumes.length });
  }
  return bands;
}

function inBusinessHours(at: Date, hours: HypercareRules["businessHours"]): boolean {
  const day = at.getUTCDay();
  return day >= 1 && day <= 5 && at.getUTCHours() >= hours.startHour && at.getUTCHours() < hours.endHour;
}

// Business-hours minutes between two moments (so a quiet night does not count as silence).
export function businessMinutesBetween(from: Date, to: Date, hours: HypercareRules["businessHours"]): number {
  let minutes = 0;
  for (let t = Math.ceil(from.getTime() / 60_000) * 60_000; t < to.getTime(); t += 60_000) {
    if (inBusinessHours(new Date(t), hours)) minutes += 1;
  }
  return minutes;
}

export function evaluate(points: MetricPoint[], now: Date, rules: HypercareRules = defaultRules): OpenAlert[] {
  const alerts: OpenAlert[] = [];
  const sorted = [...points].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
  if (sorted.length === 0) return alerts;

  // No traffic: the last message anyone saw (lastMessageAt, else the end of the last period with messages).
  if (rules.noTrafficMinutes !== null) {
    let last: Date | null = null;
    for (const p of sorted) {
      if (p.messageCount > 0) {
        const seen = p.lastMessageAt ?? p.periodEnd;
        if (!last || seen > last) last = seen;
      }
    }
    const since = last ?? sorted[0]!.periodStart;
    const quiet = businessMinutesBetween(since, now, rules.businessHours);
    if (quiet > rules.noTrafficMinutes) {
      alerts.push({
        rule: "no_traffic",
        since,
        summary: `No message for ${quiet} business-hour minutes (limit ${rules.noTrafficMinutes}).`,
        figures: { quietBusinessMinutes: quiet, limitMinutes: rules.noTrafficMinutes },
      });
    }
  }

  // Volume below band: the last complete hour against its learned band.
  const bands = learnBands(sorted, now, rules);
  const lastHour = Math.floor(now.getTime() / HOUR) * HOUR - HOUR;
  const volumes = hourlyVolumes(sorted);
  const band = bands.get(hourOfWeek(new Date(lastHour)));
  const lastVolume = volumes.get(lastHour);
  if (band && lastVolume !== undefined && lastVolume < band.low) {
    alerts.push({
      rule: "volume_below_band",
      since: new Date(lastHour),
      summary: `${Math.round(lastVolume)} messages in the hour from ${new Date(lastHour).toISOString().slice(11, 16)} UTC; usually ${Math.round(band.median)} (band ${Math.round(band.low)}–${Math.round(band.high)}, ${band.samples} weeks).`,
      figures: { messages: Math.round(lastVolume), median: band.median, low: band.low, high: band.high, samples: band.samples },
    });
  }

  // Error rate over the last hour's periods.
  if (rules.errorRateThreshold !== null) {
    const recent = sorted.filter((p) => p.periodEnd.getTime() > now.getTime() - HOUR);
    const messages = recent.reduce((n, p) => n + p.messageCount, 0);
    const errors = recent.reduce((n, p) => n + p.errorCount, 0);
    if (messages > 0 && errors / messages > rules.errorRateThreshold) {
      alerts.push({
        rule: "error_rate",
        since: recent[0]!.periodStart,
        summary: `${errors} errors in ${messages} messages in the last hour (${((errors / messages) * 100).toFixed(1)} %, threshold ${(rules.errorRateThreshold * 100).toFixed(1)} %).`,
        figures: { errors, messages, threshold: rules.errorRateThreshold },
      });
    }
  }

  // Content unchanged while volume looks normal: the feed "succeeds" and nothing changes.
  if (rules.fingerprintUnchangedMinutes !== null) {
    const withPrint = sorted.filter((p) => p.contentFingerprint !== null && p.messageCount > 0);
    const latest = withPrint.at(-1);
    if (latest) {
      let since = latest.periodStart;
      for (let i = withPrint.length - 1; i >= 0 && withPrint[i]!.contentFingerprint === latest.contentFingerprint; i--) since = withPrint[i]!.periodStart;
      const unchangedMinutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
      const volumeNormal = !alerts.some((a) => a.rule === "no_traffic" || a.rule === "volume_below_band");
      if (volumeNormal && unchangedMinutes > rules.fingerprintUnchangedMinutes) {
        alerts.push({
          rule: "content_unchanged",
          since,
          summary: `Messages keep arriving but their content fingerprint has not changed for ${unchangedMinutes} minutes (limit ${rules.fingerprintUnchangedMinutes}).`,
          figures: { unchangedMinutes, limitMinutes: rules.fingerprintUnchangedMinutes, fingerprint: latest.contentFingerprint! },
        });
      }
    }
  }
  return alerts;
}
