"use server";

// Checklist template administration (admins): create a family, start a revision, edit a
// draft's items, publish.
import { redirect } from "next/navigation";
import { defineFormAction } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { createRevision, createTemplate, publishTemplate, removeTemplateItem, saveTemplateItem } from "@/lib/dal/templates";
import {
  createTemplateSchema,
  publishTemplateSchema,
  removeTemplateItemSchema,
  saveTemplateItemSchema,
  templateRefSchema,
} from "@/lib/validation/templates";

const paths = (templateId: string) => ["/templates", `/templates/${templateId}`];
type Created = ActionResult<{ templateId: string }>;

const create = defineFormAction({
  schema: createTemplateSchema,
  run: (input, { viewer, requestId }) => createTemplate(viewer, input, requestId),
  revalidate: (_i, data) => paths(data.templateId),
});

export async function createTemplateAction(_previous: Created | null, formData: FormData): Promise<Created> {
  const result = await create(null, formData);
  if (result.ok) redirect(`/templates/${result.data.templateId}`);
  return result;
}

const revise = defineFormAction({
  schema: templateRefSchema,
  run: (input, { viewer, requestId }) => createRevision(viewer, input.templateId, requestId),
  revalidate: (_i, data) => paths(data.templateId),
});

export async function createRevisionAction(_previous: Created | null, formData: FormData): Promise<Created> {
  const result = await revise(null, formData);
  if (result.ok) redirect(`/templates/${result.data.templateId}`);
  return result;
}

export const saveTemplateItemAction = defineFormAction({
  schema: saveTemplateItemSchema,
  run: (input, { viewer, requestId }) => saveTemplateItem(viewer, input, requestId),
  revalidate: (_i, data) => paths(data.templateId),
});

export const removeTemplateItemAction = defineFormAction({
  schema: removeTemplateItemSchema,
  run: (input, { viewer, requestId }) => removeTemplateItem(viewer, input, requestId),
  revalidate: (_i, data) => paths(data.templateId),
});

export const publishTemplateAction = defineFormAction({
  schema: publishTemplateSchema,
  run: (input, { viewer, requestId }) => publishTemplate(viewer, input, requestId),
  revalidate: (_i, data) => paths(data.templateId),
});
