import { z } from "./zod";

// How the checklist is shown, kept in the URL (?show=blocked&sort=due): which items, in what
// order (filtered and ordered in SQL, lib/dal/implementations.ts). Unknown values fall back to
// everything, grouped by category.

export const checklistShows = ["all", "blocked", "waiting_customer", "ready", "mine"] as const;
export const checklistSorts = ["category", "due", "status", "title"] as const;

export const checklistShowLabel: Record<(typeof checklistShows)[number], string> = {
  all: "All items",
  blocked: "Blocked",
  waiting_customer: "Waiting on the customer's sign-off",
  ready: "Ready for sign-off",
  mine: "Items I own",
};
export const checklistSortLabel: Record<(typeof checklistSorts)[number], string> = {
  category: "By category",
  due: "Due date, soonest first",
  status: "Status",
  title: "Title, A to Z",
};

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const checklistViewSchema = z.object({
  show: z.enum(checklistShows).catch("all").default("all"),
  sort: z.enum(checklistSorts).catch("category").default("category"),
});

export type ChecklistView = z.output<typeof checklistViewSchema>;

export const defaultChecklistView: ChecklistView = { show: "all", sort: "category" };

export function parseChecklistView(params: Record<string, string | string[] | undefined> | URLSearchParams): ChecklistView {
  if (params instanceof URLSearchParams) return checklistViewSchema.parse({ show: params.get("show") ?? undefined, sort: params.get("sort") ?? undefined });
  return checklistViewSchema.parse({ show: single(params.show), sort: single(params.sort) });
}

// The view back as URL parameters ("" for the default), for the live view's requests.
export function checklistViewQueryString(view: ChecklistView): string {
  const params = new URLSearchParams();
  if (view.show !== "all") params.set("show", view.show);
  if (view.sort !== "category") params.set("sort", view.sort);
  const s = params.toString();
  return s ? `?${s}` : "";
}
