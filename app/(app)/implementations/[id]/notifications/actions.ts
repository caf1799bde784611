"use server";

// Notification settings of one implementation: its webhook's URL, secret, on/off and a test.
import { defineFormAction } from "@/lib/actions/action";
import { rotateWebhookSecret, saveWebhook, sendTestDelivery, setWebhookEnabled } from "@/lib/dal/webhooks";
import { rotateWebhookSecretSchema, saveWebhookSchema, sendTestDeliverySchema, setWebhookEnabledSchema } from "@/lib/validation/webhooks";

const affected = (data: { implementationId: string }) => [
  `/implementations/${data.implementationId}/notifications`,
  `/implementations/${data.implementationId}/activity`,
];

export const saveWebhookAction = defineFormAction({
  schema: saveWebhookSchema,
  run: (input, { viewer, requestId }) => saveWebhook(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const rotateWebhookSecretAction = defineFormAction({
  schema: rotateWebhookSecretSchema,
  run: (input, { viewer, requestId }) => rotateWebhookSecret(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const setWebhookEnabledAction = defineFormAction({
  schema: setWebhookEnabledSchema,
  run: (input, { viewer, requestId }) => setWebhookEnabled(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});

export const sendTestDeliveryAction = defineFormAction({
  schema: sendTestDeliverySchema,
  run: (input, { viewer, requestId }) => sendTestDelivery(viewer, input, requestId),
  revalidate: (_input, data) => affected(data),
});
