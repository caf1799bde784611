import { apiEvidenceSchema, apiMetricsSchema, evidenceCreatedSchema, metricsCreatedSchema, problemSchema } from "@/lib/validation/api";
import { z } from "@/lib/validation/zod";

// The OpenAPI 3.1 document of the machine API, built from the zod schemas the handlers parse
// with (zod 4's z.toJSONSchema; OpenAPI 3.1 schemas are JSON Schema 2020-12).

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  registry.add(apiEvidenceSchema, { id: "EvidenceRequest" });
  registry.add(apiMetricsSchema, { id: "MetricsRequest" });
  registry.add(evidenceCreatedSchema, { id: "EvidenceCreated" });
  registry.add(metricsCreatedSchema, { id: "MetricsCreated" });
  registry.add(problemSchema, { id: "Problem" });
  const { schemas } = z.toJSONSchema(registry, { io: "input", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  // Each component is a schema of its own; the dialect is the document's (OpenAPI 3.1).
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$schema" && k !== "id"))]));
}

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

const errors = {
  "401": problemResponse("No token, an unknown one, or one that expired or was revoked."),
  "403": problemResponse("The token is for another implementation, another environment, or may not post this."),
  "404": problemResponse("No such checklist item, interface or environment on this implementation."),
  "409": problemResponse("The Idempotency-Key was used with another body, or figures for this period were already posted."),
  "413": problemResponse("The body is larger than the limit."),
  "422": problemResponse("A field is missing or wrong; `errors` names each."),
  "429": problemResponse("The token's rate limit was reached; see Retry-After."),
};

const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Makes a retry safe: the same key with the same body answers the first result again (header Idempotent-Replayed: true).",
  schema: { type: "string", maxLength: 200 },
};
const implementationId = { name: "id", in: "path", required: true, description: "The implementation's id.", schema: { type: "string", format: "uuid" } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Readyroom machine API",
      version: "1",
      description:
        "Lets CI jobs, interface engines and monitors post technical evidence and interface traffic figures with a scoped API token. Evidence posted here is technical only: it never counts as a person's operational validation or sign-off.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/implementations/{id}/evidence": {
        post: {
          operationId: "postEvidence",
          summary: "Record technical evidence on a checklist item (token scope: evidence)",
          parameters: [implementationId, idempotencyKey],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/EvidenceRequest" } } } },
          responses: { "201": { description: "Recorded.", content: { "application/json": { schema: { $ref: "#/components/schemas/EvidenceCreated" } } } }, ...errors },
        },
      },
      "/api/v1/implementations/{id}/interfaces/{interfaceId}/metrics": {
        post: {
          operationId: "postInterfaceMetrics",
          summary: "Record an interface's traffic figures for one period (token scope: metrics)",
          parameters: [implementationId, { name: "interfaceId", in: "path", required: true, schema: { type: "string", format: "uuid" } }, idempotencyKey],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/MetricsRequest" } } } },
          responses: { "201": { description: "Recorded.", content: { "application/json": { schema: { $ref: "#/components/schemas/MetricsCreated" } } } }, ...errors },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token made on the implementation's API tokens page (rr_…)." } },
      schemas: componentSchemas(),
    },
  };
}
