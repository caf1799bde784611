import { z } from "./zod";

// Building blocks shared by every form schema. FormData is all strings: these coerce, trim,
// and refuse what Postgres cannot store (U+0000) with a message instead of a server error.

const NUL = "\u0000";

export const text = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} is too long (at most ${max.toLocaleString("en-US")} characters).`)
    .refine((v) => !v.includes(NUL), `${label} contains a character that is not allowed.`)
    .transform((v) => v.trim());

export const requiredText = (max: number, label: string) =>
  text(max, label).refine((v) => v.length > 0, `${label} is required.`);

export const id = (label = "That record") => z.uuid(`${label} was not found.`);

export const optionalId = (label: string) =>
  z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.uuid(`${label} was not found.`).nullable());

export const version = z.coerce.number({ error: "The form is out of date. Reload the page." }).int().min(1);

// A calendar date typed as YYYY-MM-DD that exists (2025-02-30 does not) within sane years.
export const isoDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date like 2026-12-31.`, abort: true })
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      const year = Number(v.slice(0, 4));
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && year >= 2000 && year <= 2100;
    }, `${label} is not a real date between 2000 and 2100.`);

// Empty means "none"; anything else must be a real date (a union would hide the reason).
export const optionalIsoDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(isoDate(label).nullable());

// Links open in a colleague's browser: only http and https, never javascript: or data:.
export const httpUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `${label} is too long.`)
    .refine((v) => /^https?:\/\//i.test(v), { error: `${label} must start with http:// or https://.`, abort: true })
    .pipe(z.url({ protocol: /^https?$/, error: `${label} is not a valid web address.` }));

export const optionalHttpUrl = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(httpUrl(label).nullable());

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

// A moment already past, from <input type="datetime-local">, read as UTC.
export const pastDateTime = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: `${label} must be a date and time.`, abort: true })
    // JavaScript rolls 2025-02-30 over to 2 March: the parsed time must spell the same day and time.
    .refine((v) => {
      const d = new Date(`${v}${v.length === 16 ? ":00" : ""}Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, v.length) === v;
    }, { error: `${label} is not a real date and time.`, abort: true })
    .transform((v) => new Date(`${v}${v.length === 16 ? ":00" : ""}Z`))
    .refine((d) => !Number.isNaN(d.getTime()), `${label} is not a real date and time.`)
    .refine((d) => d.getUTCFullYear() >= 2000, `${label} is too far in the past.`)
    .refine((d) => d.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, `${label} cannot be in the future.`);

// A checkbox posts "on" when ticked and nothing when not.
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

// A checkbox group posts one value, several, or none: always read it as a list, without repeats.
export const checkboxList = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: `Choose from the listed ${label}.` })).transform((a) => [...new Set(a)]),
  );
