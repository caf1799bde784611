import { ehrVendors, gateVerdicts, phases } from "@/lib/domain/vocabulary";
import { appendAll, flagParam, manyOf, optionalParam, prepareParams, type RawParams } from "./list-params";
import { z } from "./zod";

// The portfolio's filter and sort, as kept in the URL. Customer, EHR, phase, gate and risk
// take several values at once (?phase=pilot&phase=expansion); anything unknown or malformed is
// ignored (the filter falls back to "any"), so a hand-edited URL never breaks the page.

export const riskFilters = ["late", "at_risk", "on_track", "not_tracked"] as const;
export const goLiveWindows = ["overdue", "7", "14", "30", "90"] as const;
// "this_week": something was recorded on it since Monday 00:00 UTC (the audit trail).
export const changedWindows = ["this_week"] as const;
export const portfolioSorts = ["go_live", "readiness", "verdict", "risk", "customer", "name"] as const;

const multiNames = ["customer", "ehr", "phase", "risk", "verdict"] as const;

export const portfolioQuerySchema = z.object({
  customer: manyOf(z.uuid()),
  ehr: manyOf(z.enum(ehrVendors)),
  phase: manyOf(z.enum(phases)),
  risk: manyOf(z.enum(riskFilters)),
  verdict: manyOf(z.enum(gateVerdicts)),
  // Implementations the viewer manages or owns the engineering of.
  mine: flagParam,
  changed: optionalParam(z.enum(changedWindows)),
  window: optionalParam(z.enum(goLiveWindows)),
  // "late": projected late at the current pace (lib/domain/forecast.ts).
  forecast: optionalParam(z.enum(["late"])),
  // "open": implementations with an open hypercare alert (docs/hypercare.md).
  hypercare: optionalParam(z.enum(["open"])),
  sort: z.enum(portfolioSorts).catch("go_live").default("go_live"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

// Rows per portfolio page: a page of a large portfolio stays quick to render and to read.
export const PORTFOLIO_PAGE_SIZE = 50;

export type PortfolioQuery = z.output<typeof portfolioQuerySchema>;

export function parsePortfolioQuery(params: RawParams): PortfolioQuery {
  return portfolioQuerySchema.parse(prepareParams(params, multiNames));
}

// Whether any filter narrows the list (sort and page do not).
export function portfolioFiltered(query: PortfolioQuery): boolean {
  return multiNames.some((name) => query[name].length > 0) || query.mine || Boolean(query.changed || query.window || query.forecast || query.hypercare);
}

// The filters (and, unless it is the default, the sort) back as URL parameters: for links, the
// pager and saved views. The same query always gives the same string.
export function portfolioParams(query: PortfolioQuery, options: { sort?: "always" | "if_chosen"; page?: number } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of multiNames) appendAll(params, name, query[name]);
  if (query.mine) params.set("mine", "1");
  if (query.changed) params.set("changed", query.changed);
  if (query.window) params.set("window", query.window);
  if (query.forecast) params.set("forecast", query.forecast);
  if (query.hypercare) params.set("hypercare", query.hypercare);
  if (options.sort === "always" || query.sort !== "go_live" || query.dir !== "asc") {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (options.page && options.page > 1) params.set("page", String(options.page));
  return params;
}

export function portfolioQueryString(query: PortfolioQuery): string {
  const s = portfolioParams(query).toString();
  return s ? `?${s}` : "";
}
