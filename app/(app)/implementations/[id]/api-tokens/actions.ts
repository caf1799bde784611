"use server";

// An implementation's API tokens: make one (shown once) and revoke one.
import { defineFormAction } from "@/lib/actions/action";
import { createApiToken, revokeApiToken } from "@/lib/dal/api-tokens";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validation/api-tokens";

const affected = (data: { implementationId: string }) => [
  `/implementations/${data.implementationId}/api-tokens`,
  `/implementations/${data.implementationId}/activity`,
];

export const createApiTokenAction = defineFormAction({
  schema: createApiTokenSchema,
  run: (input, { viewer, requestId }) => createApiToken(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const revokeApiTokenAction = defineFormAction({
  schema: revokeApiTokenSchema,
  run: (input, { viewer, requestId }) => revokeApiToken(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});
