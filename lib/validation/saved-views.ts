import { MAX_VIEW_NAME } from "@/lib/domain/saved-view-name";
import { savedViewLists, type SavedViewList } from "@/lib/domain/vocabulary";
import { blockersQueryString, parseBlockersQuery } from "./blockers";
import { id, nameText } from "./common";
import { portfolioParams, parsePortfolioQuery } from "./portfolio";
import { z } from "./zod";

// Saving and deleting a named view of a list. The view's filters and sort arrive as the URL
// parameters the list page itself wrote; they are read by the list's own parser and must come
// back unchanged, so nothing but a valid filter is ever stored (a hand-edited URL is
// forgiven on the page, but not saved).

export const MAX_VIEW_QUERY = 2000;

// The canonical parameters of a list's query, sort always spelled out (for comparing), and
// the string to store (sort only when chosen).
function canonical(list: SavedViewList, params: URLSearchParams): { all: URLSearchParams; stored: string } {
  if (list === "portfolio") {
    const query = parsePortfolioQuery(params);
    return { all: portfolioParams(query, { sort: "always" }), stored: portfolioParams(query).toString() };
  }
  const query = parseBlockersQuery(params);
  const stored = blockersQueryString(query).replace(/^\?/, "");
  const all = new URLSearchParams(stored);
  if (!all.has("sort")) {
    all.set("sort", query.sort);
    all.set("dir", query.dir);
  }
  return { all, stored };
}

// The stored form of a list's query, or null when any parameter is unknown or not valid.
export function normalizeViewQuery(list: SavedViewList, raw: string): string | null {
  const params = new URLSearchParams(raw.replace(/^\?/, ""));
  // A view is a filter and an order, not a place in the list.
  params.delete("page");
  const { all, stored } = canonical(list, params);
  const kept = new Set([...all.entries()].map(([k, v]) => `${k}=${v}`));
  for (const [k, v] of params.entries()) if (!kept.has(`${k}=${v}`)) return null;
  return stored;
}

export const viewPath: Record<SavedViewList, string> = { portfolio: "/", blockers: "/blockers" };

export const saveViewSchema = z
  .object({
    list: z.enum(savedViewLists, { error: "Choose a list to save a view of." }),
    name: nameText(MAX_VIEW_NAME, "Name"),
    query: z
      .string({ error: "The view's filters are missing. Reload the list and save again." })
      .max(MAX_VIEW_QUERY, `The view's filters are too long (at most ${MAX_VIEW_QUERY.toLocaleString("en-US")} characters).`)
      .refine((v) => !v.includes("\u0000"), "The view's filters contain a character that is not allowed.")
      .transform((v) => v.trim()),
  })
  .transform((input, ctx) => {
    const query = normalizeViewQuery(input.list, input.query);
    if (query === null) {
      ctx.addIssue({ code: "custom", path: ["query"], message: "The view's filters are not valid. Reload the list and save again." });
      return z.NEVER;
    }
    return { ...input, query };
  });

export type SaveViewInput = z.output<typeof saveViewSchema>;

export const deleteViewSchema = z.object({ viewId: id("That saved view") });
export type DeleteViewInput = z.output<typeof deleteViewSchema>;
