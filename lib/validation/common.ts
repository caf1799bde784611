import { parseDateInput, parseDateTimeInput } from "@/lib/format/date-input";
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

// Characters that make a name read as something it is not, or hide part of it: direction
// controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width and joiner characters
// (U+200B–200D, U+2060, U+FEFF), every other format or control character (line breaks
// included), line and paragraph separators, and letters that render as blank (Hangul fillers,
// the braille blank). A zero-width joiner inside an emoji sequence (👩🏽‍⚕️) is what draws it, so
// it is allowed there and only there.
const EMOJI_ZWJ = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D(?=\p{Extended_Pictographic})/gu;
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u;

export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN.test(value.replace(EMOJI_ZWJ, ""));
}

// A name or title: shown in lists, headings and notifications, and compared by eye.
export const nameText = (max: number, label: string) =>
  requiredText(max, label).refine(
    (v) => !hasHiddenCharacters(v),
    `${label} contains an invisible or direction-changing character (such as U+202E or U+200B). Type it again without it.`,
  );

export const id = (label = "That record") => z.uuid(`${label} was not found.`);

export const optionalId = (label: string) =>
  z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.uuid(`${label} was not found.`).nullable());

export const version = z.coerce.number({ error: "The form is out of date. Reload the page." }).int().min(1);

// A calendar date typed as YYYY-MM-DD that exists (2025-02-30 does not) within sane years;
// the one parser in lib/format/date-input.ts decides.
export const isoDate = (label: string) =>
  z.string().transform((v, ctx) => {
    const parsed = parseDateInput(v);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: dateMessage(label, parsed.reason, "a date like 2026-12-31") });
    return z.NEVER;
  });

function dateMessage(label: string, reason: string, example: string): string {
  if (reason === "format") return `${label} must be ${example}.`;
  if (reason.startsWith("the year")) return `${label} is out of range: ${reason}.`;
  return `${label} is not a real date: ${reason}.`;
}

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

// A moment from <input type="datetime-local">, read as UTC, past or future (a plan's due time).
export const dateTime = (label: string) =>
  z.string().transform((v, ctx) => {
    const parsed = parseDateTimeInput(v.trim());
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: dateMessage(label, parsed.reason, "a date and time like 2026-12-31T14:30") });
    return z.NEVER;
  });

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

// A moment already past, from <input type="datetime-local">, read as UTC.
export const pastDateTime = (label: string) =>
  z
    .string()
    .transform((v, ctx) => {
      const parsed = parseDateTimeInput(v);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: dateMessage(label, parsed.reason, "a date and time like 2026-12-31T14:30") });
      return z.NEVER;
    })
    .refine((d) => d.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, `${label} cannot be in the future.`);

// A checkbox posts "on" when ticked and nothing when not.
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

// A checkbox group posts one value, several, or none: always read it as a list, without repeats.
export const checkboxList = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: `Choose from the listed ${label}.` })).transform((a) => [...new Set(a)]),
  );
