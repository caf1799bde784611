import { describe, expect, it } from "vitest";
import { apiMetricsSchema } from "@/lib/validation/api";
import { openApiDocument } from "./openapi";

// The published contract is generated from the schemas the routes parse with.
describe("the machine API's OpenAPI document", () => {
  const doc = openApiDocument("https://readyroom.example");
  const schemas = doc.components.schemas as Record<string, { properties: Record<string, { format?: string }>; required: string[]; additionalProperties?: boolean }>;

  it("is OpenAPI 3.1 with both POST routes and the problem responses", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(["/api/v1/implementations/{id}/evidence", "/api/v1/implementations/{id}/interfaces/{interfaceId}/metrics"]);
    expect(Object.keys(doc.paths["/api/v1/implementations/{id}/evidence"].post.responses)).toEqual(["201", "401", "403", "404", "409", "413", "422", "429"]);
  });

  it("describes the evidence body as the handler reads it: required fields, date-times, no unknown fields", () => {
    const evidence = schemas.EvidenceRequest!;
    expect(evidence.required.sort()).toEqual(["environment", "itemKey", "observedAt", "outcome", "whatWasTested"]);
    expect(evidence.properties.observedAt!.format).toBe("date-time");
    expect(evidence.additionalProperties).toBe(false);
  });

  it("has a metrics body with a fingerprint and no field for message content", () => {
    const metrics = schemas.MetricsRequest!;
    expect(Object.keys(metrics.properties).sort()).toEqual(["contentFingerprint", "environment", "errorCount", "lastMessageAt", "messageCount", "periodEnd", "periodStart"]);
    // The same schema refuses content a sender might try to add.
    const sent = { environment: "production", periodStart: "2026-11-30T09:00:00Z", periodEnd: "2026-11-30T10:00:00Z", messageCount: 3, errorCount: 0, content: "MSH|^~\\&|" };
    expect(apiMetricsSchema.safeParse(sent).success).toBe(false);
  });

  it("refuses a date-time without an offset or off the calendar, with a reason", () => {
    const base = { environment: "production", periodEnd: "2026-11-30T10:00:00Z", messageCount: 3, errorCount: 0 };
    const noOffset = apiMetricsSchema.safeParse({ ...base, periodStart: "2026-11-30T09:00:00" });
    expect(noOffset.error?.issues[0]?.message).toMatch(/with its offset/);
    const feb30 = apiMetricsSchema.safeParse({ ...base, periodStart: "2026-02-30T09:00:00Z" });
    expect(feb30.error?.issues[0]?.message).toMatch(/February 2026 has 28 days/);
    const backwards = apiMetricsSchema.safeParse({ ...base, periodStart: "2026-11-30T11:00:00Z" });
    expect(backwards.error?.issues.map((i) => i.message)).toContain("periodEnd must be after periodStart.");
  });
});
