"use server";

// Edit an implementation's scope, dates, owners, freshness window and status.
import { defineFormAction } from "@/lib/actions/action";
import { updateImplementation } from "@/lib/dal/implementation-writes";
import { updateImplementationSchema } from "@/lib/validation/implementation";

export const updateImplementationAction = defineFormAction({
  schema: updateImplementationSchema,
  run: (input, { viewer, requestId }) => updateImplementation(viewer, input, requestId),
  revalidate: (_input, data) => ["/", `/implementations/${data.implementationId}`, `/implementations/${data.implementationId}/edit`],
});
