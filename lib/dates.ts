// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so every instance and every test agrees.

const DAY_MS = 24 * 60 * 60 * 1000;

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

// Whole days from `today` to `date`: positive ahead, 0 on the day, negative when past.
export function daysUntil(date: string, today: string = todayIso()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

export function describeDaysLeft(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "1 day late";
  return days > 0 ? `in ${days} days` : `${-days} days late`;
}
