import { z } from "./zod";

// Building blocks for lists whose filters and sort live in the URL (the portfolio, the
// blockers). A URL is typed, pasted and edited by hand: what is unknown or malformed is
// dropped, so a tampered link shows the unfiltered list, never an error.

export type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

// The most values one multi-choice filter keeps (a URL is not a place for a thousand ids).
export const MAX_CHOICES = 50;

// One value: the first, if the name was repeated.
export const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

// A single optional value: anything invalid reads as "any".
export const optionalParam = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

// A multi-choice filter, sent as the name repeated (?phase=pilot&phase=expansion): each value
// is checked on its own, invalid ones are dropped, repeats removed. Empty means "any".
export const manyOf = <T extends z.ZodType>(schema: T) =>
  z
    .unknown()
    .optional()
    .transform((raw): z.output<T>[] => {
      const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const kept: z.output<T>[] = [];
      for (const value of values.slice(0, MAX_CHOICES * 2)) {
        const parsed = schema.safeParse(value);
        if (parsed.success && !kept.includes(parsed.data)) kept.push(parsed.data);
      }
      return kept.slice(0, MAX_CHOICES);
    });

// A "1" flag (a ticked checkbox posting value="1"); anything else is off.
export const flagParam = z
  .unknown()
  .optional()
  .transform((v) => single(v) === "1");

// The URL's parameters as one record: names repeated become lists.
export function paramsRecord(params: RawParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries: [string, string | string[] | undefined][] = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    const previous = out[key];
    const next = Array.isArray(value) ? value : [value];
    out[key] = previous === undefined ? (next.length === 1 ? next[0]! : next) : [...(Array.isArray(previous) ? previous : [previous]), ...next];
  }
  return out;
}

// Single-valued names take their first value; the named multi-choice ones keep every value.
export function prepareParams(params: RawParams, multi: readonly string[]): Record<string, unknown> {
  const record = paramsRecord(params);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, multi.includes(k) ? v : single(v)]));
}

// Appends a filter's values to URL parameters, one per value, sorted: the same choices always
// make the same URL, whatever order they were ticked or typed in.
export function appendAll(params: URLSearchParams, name: string, values: readonly string[] | undefined) {
  for (const value of [...(values ?? [])].sort()) params.append(name, value);
}
