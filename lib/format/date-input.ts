// The one reader of dates and date-times that people type (forms, URLs, API bodies). JavaScript's
// Date quietly rolls 2025-02-30 over to 2 March; here a calendar date must exist as written,
// in a year a go-live can have, or it is refused with a reason a person can act on.

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export type DateInputResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Year, month and day as typed, checked against the calendar (leap years included).
function checkCalendar(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (month < 1 || month > 12) return "there is no month " + month;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `${MONTHS[month - 1]} ${year} has ${last} days`;
  return null;
}

// A calendar date, YYYY-MM-DD, that exists. The value stays a string: a date has no time zone.
export function parseDateInput(raw: string): DateInputResult<string> {
  const m = DATE.exec(raw);
  if (!m) return { ok: false, reason: "format" };
  const problem = checkCalendar(Number(m[1]), Number(m[2]), Number(m[3]));
  return problem ? { ok: false, reason: problem } : { ok: true, value: raw };
}

// A date and time as <input type="datetime-local"> sends it (YYYY-MM-DDTHH:MM, optional :SS),
// read as UTC.
export function parseDateTimeInput(raw: string): DateInputResult<Date> {
  const m = DATE_TIME.exec(raw);
  if (!m) return { ok: false, reason: "format" };
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const problem = checkCalendar(year, month, day);
  if (problem) return { ok: false, reason: problem };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: "the time must be between 00:00 and 23:59" };
  return { ok: true, value: new Date(Date.UTC(year, month - 1, day, hour, minute, second)) };
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

// A full ISO 8601 / RFC 3339 date-time with its offset (2026-12-01T09:30:00Z,
// 2026-12-01T10:30:00.250+01:00), as machines send it to the API. No offset, no guess: refused.
export function parseIsoDateTime(raw: string): DateInputResult<Date> {
  const m = ISO_DATE_TIME.exec(raw);
  if (!m) return { ok: false, reason: "format" };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const problem = checkCalendar(year, month, day);
  if (problem) return { ok: false, reason: problem };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: "the time must be between 00:00:00 and 23:59:59" };
  const offset = m[8]!;
  if (offset !== "Z" && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4, 6)) > 59)) return { ok: false, reason: "the offset must be between -14:00 and +14:00" };
  return { ok: true, value: new Date(raw) };
}
