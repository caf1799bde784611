import { blockerSeverities, evidenceKinds, evidenceOutcomes, itemCategories, itemStatuses } from "@/lib/domain/vocabulary";
import { todayIso } from "@/lib/format/dates";
import { checkbox, checkboxList, id, isoDate, nameText, optionalHttpUrl, optionalId, optionalIsoDate, pastDateTime, requiredText, text, version } from "./common";
import { z } from "./zod";

// Roles that sign items off (an admin never does).
export const signOffRoles = ["implementation_manager", "engineer", "customer_it"] as const;

// Statuses a person sets on the item form. Blocking, signing off and waiving each have
// their own flow with their own evidence and checks.
export const editableStatuses = ["not_started", "in_progress", "ready_for_signoff"] as const;

export const updateItemSchema = z.object({
  itemId: id("Checklist item"),
  version,
  ownerId: optionalId("Owner"),
  // Any status may be carried unchanged; only editableStatuses may be chosen (the DAL checks).
  status: z.enum(itemStatuses, { error: "Choose a status." }),
  nextStep: text(2000, "Next step"),
  expectedOutcome: text(2000, "Expected outcome"),
  dueDate: optionalIsoDate("Due date"),
  whatChanged: text(10_000, "What changed"),
  whatWasTested: text(10_000, "What was tested"),
  whatNeedsProof: text(10_000, "What still needs proof"),
});

export type UpdateItemInput = z.output<typeof updateItemSchema>;

export const recordEvidenceSchema = z.object({
  itemId: id("Checklist item"),
  // Nothing is pre-chosen on the form: an empty choice asks for one.
  environmentId: z.string({ error: "Choose the environment where it was observed." }).min(1, "Choose the environment where it was observed.").pipe(id("Environment")),
  kind: z.enum(evidenceKinds, { error: "Choose technical evidence or operational validation." }),
  whatWasTested: requiredText(2000, "What was tested"),
  outcome: z.enum(evidenceOutcomes, { error: "Choose pass, fail or inconclusive." }),
  observedAt: pastDateTime("Observed at"),
  linkUrl: optionalHttpUrl("Link"),
});

export type RecordEvidenceInput = z.output<typeof recordEvidenceSchema>;

export const blockItemSchema = z.object({
  itemId: id("Checklist item"),
  version,
  reason: requiredText(2000, "Reason"),
  severity: z.enum(blockerSeverities, { error: "Choose go-live blocker or post-live." }),
  ticketUrl: optionalHttpUrl("Ticket link"),
  since: isoDate("Blocked since").refine(
    (d) => d <= todayIso(),
    "Blocked since cannot be in the future.",
  ),
});

export type BlockItemInput = z.output<typeof blockItemSchema>;

export const unblockItemSchema = z.object({
  itemId: id("Checklist item"),
  version,
  resolution: requiredText(2000, "Resolution"),
});

export type UnblockItemInput = z.output<typeof unblockItemSchema>;

// What defines a checklist item, whether added to one implementation or to a template.
export const itemDefinitionFields = {
  title: nameText(200, "Title"),
  description: text(2000, "Description"),
  category: z.enum(itemCategories, { error: "Choose a category." }),
  required: checkbox,
  needsOperationalValidation: checkbox,
  attestationOnly: checkbox,
  requiredSignOffRoles: checkboxList(signOffRoles, "roles"),
};

// An item signed on the signer's word alone has no evidence to show, so it cannot also ask for
// an operational validation.
export function attestationExcludesValidation(v: { attestationOnly: boolean; needsOperationalValidation: boolean }, ctx: z.RefinementCtx) {
  if (v.attestationOnly && v.needsOperationalValidation) {
    ctx.addIssue({
      code: "custom",
      path: ["attestationOnly"],
      message: "An item that needs operational validation needs evidence: it cannot be signed on attestation alone.",
    });
  }
}

export const addItemSchema = z
  .object({
    implementationId: id("Implementation"),
    ...itemDefinitionFields,
  })
  .superRefine(attestationExcludesValidation);

export type AddItemInput = z.output<typeof addItemSchema>;
