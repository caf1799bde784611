import { machineRoute } from "@/lib/api/machine-route";
import { postApiEvidence } from "@/lib/dal/api-writes";
import { apiEvidenceSchema } from "@/lib/validation/api";

// POST technical evidence on a checklist item (docs/webhooks-and-api.md).
export const POST = machineRoute({
  name: "evidence",
  scope: "evidence",
  schema: apiEvidenceSchema,
  environmentOf: (input) => input.environment,
  run: (token, input, _params: { id: string }, { idempotency, requestId }) => postApiEvidence(token, input, idempotency, requestId),
});
