import { machineRoute } from "@/lib/api/machine-route";
import { postApiMetrics } from "@/lib/dal/api-writes";
import { notFound } from "@/lib/dal/errors";
import { isUuid } from "@/lib/dal/tenant";
import { apiMetricsSchema } from "@/lib/validation/api";

// POST an interface's traffic figures for one period (docs/webhooks-and-api.md).
export const POST = machineRoute({
  name: "metrics",
  scope: "metrics",
  schema: apiMetricsSchema,
  environmentOf: (input) => input.environment,
  run: (token, input, params: { id: string; interfaceId: string }, { idempotency, requestId }) => {
    if (!isUuid(params.interfaceId)) throw notFound("Interface");
    return postApiMetrics(token, params.interfaceId, input, idempotency, requestId);
  },
});
