import { ehrVendors } from "@/lib/domain/vocabulary";
import { attestationExcludesValidation, itemDefinitionFields } from "./checklist";
import { id, nameText, text, version } from "./common";
import { z } from "./zod";

export const createTemplateSchema = z.object({
  name: nameText(200, "Name"),
  description: text(2000, "Description"),
  ehrVendor: z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.enum(ehrVendors, { error: "Choose an EHR, or none." }).nullable()),
});

export const templateRefSchema = z.object({ templateId: id("Checklist template") });

export const publishTemplateSchema = z.object({ templateId: id("Checklist template"), version });

export const saveTemplateItemSchema = z.object({
  templateId: id("Checklist template"),
  // Empty: a new item.
  itemId: z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.uuid("That item was not found.").nullable()),
  // The version the editor opened (edits only).
  version: z.union([z.literal("").transform(() => null), version]).optional().transform((v) => v ?? null),
  ...itemDefinitionFields,
  expectedOutcome: text(2000, "Expected outcome"),
}).superRefine(attestationExcludesValidation);

export const removeTemplateItemSchema = z.object({ templateId: id("Checklist template"), itemId: id("Template item") });

export type CreateTemplateInput = z.output<typeof createTemplateSchema>;
export type SaveTemplateItemInput = z.output<typeof saveTemplateItemSchema>;
