import { ehrVendors, gateVerdicts, phases } from "@/lib/domain/vocabulary";
import { z } from "./zod";

// The portfolio's filter and sort, as kept in the URL. Anything unknown or malformed is
// ignored (the filter falls back to "any"), so a hand-edited URL never breaks the page.

export const riskFilters = ["late", "at_risk", "on_track", "not_tracked"] as const;
export const goLiveWindows = ["overdue", "7", "14", "30", "90"] as const;
export const portfolioSorts = ["go_live", "readiness", "verdict", "risk", "customer", "name"] as const;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const portfolioQuerySchema = z.object({
  customer: optional(z.uuid()),
  ehr: optional(z.enum(ehrVendors)),
  phase: optional(z.enum(phases)),
  risk: optional(z.enum(riskFilters)),
  verdict: optional(z.enum(gateVerdicts)),
  window: optional(z.enum(goLiveWindows)),
  // "late": projected late at the current pace (lib/domain/forecast.ts).
  forecast: optional(z.enum(["late"])),
  sort: z.enum(portfolioSorts).catch("go_live").default("go_live"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

// Rows per portfolio page: a page of a large portfolio stays quick to render and to read.
export const PORTFOLIO_PAGE_SIZE = 50;

export type PortfolioQuery = z.output<typeof portfolioQuerySchema>;

export function parsePortfolioQuery(params: Record<string, string | string[] | undefined>): PortfolioQuery {
  return portfolioQuerySchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, single(v)])));
}
