import type { ImplementationStatus } from "@/lib/domain/vocabulary";

// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so every instance and every test agrees.

const DAY_MS = 24 * 60 * 60 * 1000;

export function todayIso(now = new Date()): string {
  return isoDay(now);
}

// The UTC calendar day an instant falls on, "2026-12-02".
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

// Whole days from `today` to `date`: positive ahead, 0 on the day, negative when past.
export function daysUntil(date: string, today: string = todayIso()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

// How far away go-live is, in the implementation's own terms: a live one "went live", only an
// active one can be "late", and a cancelled one has no countdown.
export function describeGoLive(
  days: number,
  status: ImplementationStatus,
): { text: string; late: boolean } {
  if (status === "cancelled") return { text: "cancelled", late: false };
  if (status === "live") {
    if (days === 0) return { text: "went live today", late: false };
    if (days < 0) return { text: `went live ${-days} day${days === -1 ? "" : "s"} ago`, late: false };
  }
  if (status === "paused" && days < 0) return { text: `${-days} day${days === -1 ? "" : "s"} past (paused)`, late: false };
  return { text: describeDaysLeft(days), late: status === "active" && days < 0 };
}

export function describeDaysLeft(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "1 day late";
  return days > 0 ? `in ${days} days` : `${-days} days late`;
}

// ---- One way to write an instant and a day (no screen or message slices ISO strings itself).

// An instant as the product shows it: UTC to the minute, "2026-12-02 05:30 UTC".
export function formatUtc(at: Date): string {
  return `${minuteIso(at).replace("T", " ")} UTC`;
}

// An instant as a datetime-local field's value: UTC to the minute, "2026-12-02T05:30".
export function minuteIso(at: Date = new Date()): string {
  return at.toISOString().slice(0, 16);
}

// The ISO date `days` after (or, negative, before) today, in UTC.
export function isoDateFromToday(days: number, now: Date = new Date()): string {
  return todayIso(new Date(now.getTime() + days * DAY_MS));
}

// A YYYY-MM-DD date moved by whole days (UTC calendar arithmetic).
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The Monday of the week a YYYY-MM-DD day falls in (UTC): "since Monday" means from 00:00 UTC
// that day.
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDaysIso(date, -weekday);
}
