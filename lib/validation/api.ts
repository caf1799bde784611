import { environmentKinds, evidenceOutcomes } from "@/lib/domain/vocabulary";
import { parseIsoDateTime } from "@/lib/format/date-input";
import { z } from "./zod";

// The bodies of the versioned machine API (/api/v1). The route handlers parse with these and
// the OpenAPI document (/api/v1/openapi.json) is generated from them, so the two cannot drift.
// Dates are ISO 8601 date-times with an offset; the DAL turns them into Dates.

const NUL = "\u0000";
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const isoDateTime = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .meta({ format: "date-time", description: `${label}: an ISO 8601 date-time with its offset, such as 2026-12-01T09:30:00Z.` })
    .refine((v) => parseIsoDateTime(v).ok, {
      error: (issue) => {
        const parsed = parseIsoDateTime(String(issue.input));
        const reason = parsed.ok ? "" : parsed.reason;
        return reason === "format"
          ? `${label} must be an ISO 8601 date-time with its offset, such as 2026-12-01T09:30:00Z.`
          : `${label} is not a real date-time: ${reason}.`;
      },
    });

const pastIsoDateTime = (label: string) =>
  isoDateTime(label).refine((v) => !parseIsoDateTime(v).ok || new Date(v).getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, `${label} cannot be in the future.`);

const plainText = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is too long (at most ${max} characters).`)
    .refine((v) => !v.includes(NUL), `${label} contains a character that is not allowed.`);

export const apiEvidenceSchema = z
  .strictObject({
    itemKey: z
      .string({ error: "itemKey is required." })
      .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, "itemKey must be a checklist item's stable key, such as appointment-sync-mapping.")
      .meta({ description: "The checklist item's stable key (shown on the item page)." }),
    environment: z.enum(environmentKinds, { error: `environment must be one of ${environmentKinds.join(", ")}.` }),
    outcome: z.enum(evidenceOutcomes, { error: `outcome must be one of ${evidenceOutcomes.join(", ")}.` }),
    observedAt: pastIsoDateTime("observedAt"),
    whatWasTested: plainText(2000, "whatWasTested"),
    link: z
      .string()
      .trim()
      .max(2000, "link is too long.")
      .regex(/^https?:\/\/\S+$/i, "link must be an http:// or https:// address.")
      .nullable()
      .optional()
      .meta({ description: "Where the run can be seen (a CI job, a log search)." }),
  })
  .meta({ description: "Technical evidence a machine observed. It never counts as a person's operational validation or sign-off." });
export type ApiEvidenceInput = z.output<typeof apiEvidenceSchema>;

export const apiMetricsSchema = z
  .strictObject({
    environment: z.enum(environmentKinds, { error: `environment must be one of ${environmentKinds.join(", ")}.` }),
    periodStart: pastIsoDateTime("periodStart"),
    periodEnd: pastIsoDateTime("periodEnd"),
    messageCount: z.int({ error: "messageCount must be a whole number." }).min(0, "messageCount cannot be negative.").max(100_000_000, "messageCount is too large."),
    errorCount: z.int({ error: "errorCount must be a whole number." }).min(0, "errorCount cannot be negative.").max(100_000_000, "errorCount is too large."),
    lastMessageAt: pastIsoDateTime("lastMessageAt").nullable().optional(),
    contentFingerprint: z
      .string()
      .regex(/^[A-Za-z0-9+/=_:-]{8,128}$/, "contentFingerprint must be a hash (8 to 128 letters, digits or + / = _ : -), never message content.")
      .nullable()
      .optional()
      .meta({ description: "A hash the sender computes over the fields that should change (appointment times, say). Never message content." }),
  })
  .superRefine((v, ctx) => {
    const start = parseIsoDateTime(v.periodStart);
    const end = parseIsoDateTime(v.periodEnd);
    if (start.ok && end.ok) {
      if (end.value <= start.value) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "periodEnd must be after periodStart." });
      else if (end.value.getTime() - start.value.getTime() > 24 * 3600_000) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "A period can be at most 24 hours." });
    }
    if (v.errorCount > v.messageCount) ctx.addIssue({ code: "custom", path: ["errorCount"], message: "errorCount cannot be larger than messageCount." });
  })
  .meta({ description: "Traffic figures of one interface in one environment over one period. Never message content." });
export type ApiMetricsInput = z.output<typeof apiMetricsSchema>;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ description: "RFC 9457 problem details (application/problem+json)." });

export const evidenceCreatedSchema = z
  .object({ evidenceId: z.uuid(), itemVersion: z.int(), kind: z.literal("technical"), token: z.string() })
  ;

export const metricsCreatedSchema = z.object({ metricId: z.int(), token: z.string() });
