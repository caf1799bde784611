"use server";

// Create an implementation from a checklist template, then open it.
import { redirect } from "next/navigation";
import { defineFormAction } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { createImplementation } from "@/lib/dal/implementation-writes";
import { createImplementationSchema } from "@/lib/validation/implementation";

const create = defineFormAction({
  schema: createImplementationSchema,
  run: (input, { viewer, requestId }) => createImplementation(viewer, input, requestId),
  revalidate: () => ["/"],
});

export async function createImplementationAction(
  _previous: ActionResult<{ implementationId: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ implementationId: string }>> {
  const result = await create(null, formData);
  if (result.ok) redirect(`/implementations/${result.data.implementationId}`);
  return result;
}
