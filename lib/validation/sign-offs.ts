import { gateVerdicts, signOffDecisions } from "@/lib/domain/vocabulary";
import { isoDateFromToday, todayIso } from "@/lib/format/dates";
import { hasHiddenCharacters, id, isoDate, nameText, requiredText, text, version } from "./common";
import { z } from "./zod";

// Sign-offs, waivers and the go/no-go decision. What the signer attests to (the meaning) and
// who they are are decided on the server, never taken from the form.

const digest = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "The form is out of date. Reload the page and review the item again.");

const today = () => todayIso();
const addDays = (days: number) => isoDateFromToday(days);

export const signOffItemSchema = z
  .object({
    itemId: id("Checklist item"),
    // The version and the snapshot digest the signer was shown: a sign-off for anything else is refused.
    itemVersion: version,
    snapshotDigest: digest,
    decision: z.enum(signOffDecisions, { error: "Choose approve or reject." }),
    comment: text(4000, "Comment"),
    // Asked for only when the sign-in is older than the re-authentication limit. Never echoed back.
    password: z.string().max(1000, "That password is too long.").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && v.comment.length === 0) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "Say why you reject it: the owner will see your comment." });
    }
  });

export type SignOffItemInput = z.output<typeof signOffItemSchema>;

export const waiveItemSchema = z.object({
  itemId: id("Checklist item"),
  version,
  reason: requiredText(2000, "Reason"),
  approverName: nameText(200, "Approved by"),
  expiresOn: isoDate("Expires on")
    .refine((d) => d >= today(), "The expiry date cannot be in the past.")
    .refine((d) => d <= addDays(366), "A waiver can last at most a year."),
});

export type WaiveItemInput = z.output<typeof waiveItemSchema>;

export const revokeWaiverSchema = z.object({
  itemId: id("Checklist item"),
  version,
  reason: requiredText(2000, "Reason"),
});

export type RevokeWaiverInput = z.output<typeof revokeWaiverSchema>;

// A form posts each acceptance as parallel lists (repeated field names); read them as rows.
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

export const recordDecisionSchema = z
  .object({
    implementationId: id("Implementation"),
    gateDigest: digest,
    decision: z.enum(gateVerdicts, { error: "Choose Go, Conditional go or No-go." }),
    notes: text(10_000, "Notes"),
    riskKey: list,
    acceptedByName: list,
    reevaluateOn: list,
  })
  .transform((v, ctx) => {
    const acceptances: { reasonKey: string; acceptedByName: string; reevaluateOn: string }[] = [];
    if (v.decision === "conditional_go") {
      v.riskKey.forEach((key, i) => {
        const name = text(200, "Accepted by").safeParse(v.acceptedByName[i] ?? "");
        const date = isoDate("Re-evaluate on").safeParse((v.reevaluateOn[i] ?? "").trim());
        if (!name.success || name.data.length === 0 || hasHiddenCharacters(name.data)) {
          ctx.addIssue({
            code: "custom",
            path: [`acceptedByName.${i}`],
            message: !name.success
              ? name.error.issues[0]!.message
              : name.data.length === 0
                ? "Name the person who accepts this risk."
                : "Accepted by contains an invisible or direction-changing character (such as U+202E or U+200B). Type it again without it.",
          });
        }
        if (!date.success) {
          ctx.addIssue({ code: "custom", path: [`reevaluateOn.${i}`], message: date.error.issues[0]!.message });
        } else if (date.data < today()) {
          ctx.addIssue({ code: "custom", path: [`reevaluateOn.${i}`], message: "The re-evaluation date cannot be in the past." });
        }
        if (name.success && !hasHiddenCharacters(name.data) && date.success) acceptances.push({ reasonKey: key.slice(0, 200), acceptedByName: name.data, reevaluateOn: date.data });
      });
    }
    return { implementationId: v.implementationId, gateDigest: v.gateDigest, decision: v.decision, notes: v.notes, acceptances };
  });

export type RecordDecisionInput = z.output<typeof recordDecisionSchema>;
