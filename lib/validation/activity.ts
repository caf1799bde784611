import { activityKinds } from "@/lib/domain/activity";
import { isoDate } from "./common";
import { z } from "./zod";

// An activity timeline's filters and page, as kept in the URL. Malformed values are ignored.

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const activityQuerySchema = z.object({
  person: optional(z.uuid()),
  // Narrows an implementation's trail to one checklist item.
  item: optional(z.uuid()),
  kind: optional(z.enum(Object.keys(activityKinds) as [keyof typeof activityKinds, ...(keyof typeof activityKinds)[]])),
  // Only what happened from 00:00 UTC of this day on ("what changed since Monday").
  since: optional(isoDate("Since")),
  // Keyset pagination: the id of the last event on the previous page.
  after: optional(z.string().regex(/^\d{1,15}$/).transform(Number)),
});

export type ActivityQuery = z.output<typeof activityQuerySchema>;

export function parseActivityQuery(params: Record<string, string | string[] | undefined>): ActivityQuery {
  return activityQuerySchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, single(v)])));
}
