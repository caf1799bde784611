import { blockerSeverities } from "@/lib/domain/vocabulary";
import { appendAll, flagParam, manyOf, optionalParam, prepareParams, type RawParams } from "./list-params";
import { z } from "./zod";

// The blockers view's filters, as kept in the URL (page and CSV export alike). Severity and
// customer take several values at once (?customer=…&customer=…). Anything unknown or
// malformed is ignored, so a hand-edited URL never breaks the page.

export const blockerWindows = ["7", "14", "30", "90"] as const;

// "urgent": go-live blockers, then the soonest go-live, then the oldest (the default).
// The others sort by one column; ties fall back to the urgent order.
export const blockerSorts = ["urgent", "blocked_since", "go_live", "item", "customer", "owner"] as const;
export type BlockerSort = (typeof blockerSorts)[number];

export const blockersQuerySchema = z.object({
  mine: flagParam,
  severity: manyOf(z.enum(blockerSeverities)),
  customer: manyOf(z.uuid()),
  within: optionalParam(z.enum(blockerWindows).transform(Number)),
  sort: z.enum(blockerSorts).catch("urgent").default("urgent"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  // The page shows the list a page at a time; the CSV export always holds the whole view.
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

// The orders the filter form offers (the table headers offer every column both ways).
export const blockerOrders = [
  { value: "urgent:asc", label: "Most urgent first" },
  { value: "blocked_since:asc", label: "Oldest first" },
  { value: "blocked_since:desc", label: "Newest first" },
  { value: "go_live:asc", label: "Soonest go-live first" },
] as const;

export const BLOCKERS_PAGE_SIZE = 50;

export type BlockersQuery = z.output<typeof blockersQuerySchema>;

export function parseBlockersQuery(params: RawParams): BlockersQuery {
  const raw = prepareParams(params, ["severity", "customer"]);
  // The filter form's one "Order" select sends sort and direction together ("blocked_since:asc").
  if (typeof raw.order === "string" && raw.order.includes(":")) {
    const [sort, dir] = raw.order.split(":");
    raw.sort = sort;
    raw.dir = dir;
  }
  return blockersQuerySchema.parse(raw);
}

// The same filters back as URL parameters (for links, the CSV export and the form).
export function blockersQueryString(query: BlockersQuery): string {
  const params = new URLSearchParams();
  if (query.mine) params.set("mine", "1");
  appendAll(params, "severity", query.severity);
  appendAll(params, "customer", query.customer);
  if (query.within) params.set("within", String(query.within));
  if (query.sort !== "urgent") {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

// Whether any filter narrows the list (the order does not).
export function blockersFiltered(query: BlockersQuery): boolean {
  return query.mine || query.severity.length > 0 || query.customer.length > 0 || Boolean(query.within);
}
