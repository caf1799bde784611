import { httpUrl, id, version } from "./common";
import { z } from "./zod";

// The notification settings forms: a webhook's URL, its secret rotation, on/off, a test.

export const saveWebhookSchema = z.object({
  implementationId: id("Implementation"),
  // Empty when the webhook is being created; the version the form showed otherwise.
  version: z.preprocess((v) => (v === "" || v === undefined ? null : v), version.nullable()),
  url: httpUrl("Webhook URL"),
});
export type SaveWebhookInput = z.output<typeof saveWebhookSchema>;

export const rotateWebhookSecretSchema = z.object({
  implementationId: id("Implementation"),
  version,
});
export type RotateWebhookSecretInput = z.output<typeof rotateWebhookSecretSchema>;

export const setWebhookEnabledSchema = z.object({
  implementationId: id("Implementation"),
  version,
  enabled: z.enum(["true", "false"], { error: "Choose on or off." }).transform((v) => v === "true"),
});
export type SetWebhookEnabledInput = z.output<typeof setWebhookEnabledSchema>;

export const sendTestDeliverySchema = z.object({
  implementationId: id("Implementation"),
});
export type SendTestDeliveryInput = z.output<typeof sendTestDeliverySchema>;
