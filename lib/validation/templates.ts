import { z } from "zod";
import { ehrVendors, itemCategories } from "@/lib/vocabulary";
import { signOffRoles } from "./checklist";
import { id, requiredText, text, version } from "./common";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const createTemplateSchema = z.object({
  name: requiredText(200, "Name"),
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
  title: requiredText(200, "Title"),
  description: text(2000, "Description"),
  expectedOutcome: text(2000, "Expected outcome"),
  category: z.enum(itemCategories, { error: "Choose a category." }),
  required: checkbox,
  needsOperationalValidation: checkbox,
  requiredSignOffRoles: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(signOffRoles, { error: "Choose from the listed roles." })).transform((a) => [...new Set(a)]),
  ),
});

export const removeTemplateItemSchema = z.object({ templateId: id("Checklist template"), itemId: id("Template item") });

export type CreateTemplateInput = z.output<typeof createTemplateSchema>;
export type SaveTemplateItemInput = z.output<typeof saveTemplateItemSchema>;
