import { z } from "./zod";

// The search box's query, as kept in the URL (/search?q=...). Trimmed, at most 200
// characters; anything else is treated as no query rather than an error.
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const SEARCH_MAX_LENGTH = 200;

export const searchQuerySchema = z.object({
  q: z
    .string()
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, SEARCH_MAX_LENGTH))
    .catch("")
    .default(""),
});

export type SearchQuery = z.output<typeof searchQuerySchema>;

export function parseSearchQuery(params: Record<string, string | string[] | undefined>): SearchQuery {
  return searchQuerySchema.parse({ q: single(params.q) });
}
