import { blockerSeverities } from "@/lib/domain/vocabulary";
import { z } from "./zod";

// The blockers view's filters, as kept in the URL (page and CSV export alike). Anything
// unknown or malformed is ignored, so a hand-edited URL never breaks the page.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const blockerWindows = ["7", "14", "30", "90"] as const;

export const blockersQuerySchema = z.object({
  mine: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  severity: optional(z.enum(blockerSeverities)),
  customer: optional(z.uuid()),
  within: optional(z.enum(blockerWindows).transform(Number)),
  // The page shows the list a page at a time; the CSV export always holds the whole view.
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export const BLOCKERS_PAGE_SIZE = 50;

export type BlockersQuery = z.output<typeof blockersQuerySchema>;

export function parseBlockersQuery(params: Record<string, string | string[] | undefined> | URLSearchParams): BlockersQuery {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, single(v)] as const);
  return blockersQuerySchema.parse(Object.fromEntries(entries));
}

// The same filters back as URL parameters (for links, the CSV export and the form).
export function blockersQueryString(query: BlockersQuery): string {
  const params = new URLSearchParams();
  if (query.mine) params.set("mine", "1");
  if (query.severity) params.set("severity", query.severity);
  if (query.customer) params.set("customer", query.customer);
  if (query.within) params.set("within", String(query.within));
  const s = params.toString();
  return s ? `?${s}` : "";
}
