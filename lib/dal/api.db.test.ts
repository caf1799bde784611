import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as postEvidenceRoute } from "@/app/api/v1/implementations/[id]/evidence/route";
import { POST as postMetricsRoute } from "@/app/api/v1/implementations/[id]/interfaces/[interfaceId]/metrics/route";
import { apiTokens, auditEvents, checklistItems, evidence, interfaceMetrics, organizations, users } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validation/api-tokens";
import { addInterfaceSchema } from "@/lib/validation/interfaces";
import { signOffItemSchema } from "@/lib/validation/sign-offs";
import { demoImpl, withDemoDatabase } from "@/test/fixtures/demo";
import { createApiToken, hashApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { getItem } from "./checklist";
import { getGate } from "./gate";
import { addInterface } from "./interfaces";
import { getSignOffPanel, signOffItem } from "./sign-offs";

// Machines post evidence and traffic figures with a scoped token, through the route handlers
// as a CI job's request reaches them. A refused token writes nothing and leaves an audit
// event naming it; token evidence is technical and never stands in for a person.

const recently = (viewer: Viewer): Viewer => ({ ...viewer, session: { id: "api-test", signedInAt: new Date(Date.now() - 60_000) } });
const demo = withDemoDatabase({ viewer: recently });
const { v } = demo;

const { appointments, documents } = demoImpl;
const itemKey = "representative-test-patients";
const itemId = seedId(`item:riverbend-appointments:${itemKey}`);
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

async function token(overrides: Record<string, unknown> = {}, viewer = v.manager) {
  return createApiToken(
    viewer,
    createApiTokenSchema.parse({ implementationId: appointments, name: "CI pipeline", environments: ["test", "production"], scopes: ["evidence", "metrics"], expiresInDays: "30", ...overrides }),
  );
}

function post(route: (request: Request, context: never) => Promise<Response>, path: string, params: Record<string, string>, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const request = new Request(`http://localhost${path}`, { method: "POST", body: text, headers: { "content-type": "application/json", ...headers } });
  return route(request, { params: Promise.resolve(params) } as never);
}

const evidenceBody = (overrides: Record<string, unknown> = {}) => ({
  itemKey,
  environment: "production",
  outcome: "pass",
  observedAt: hourAgo(),
  whatWasTested: "Nightly sync job: 42 appointments round-tripped, 0 errors (synthetic)",
  link: "https://ci.example/jobs/1",
  ...overrides,
});

const postEvidence = (bearer: string, body: unknown, headers: Record<string, string> = {}, implementationId = appointments) =>
  post(postEvidenceRoute, `/api/v1/implementations/${implementationId}/evidence`, { id: implementationId }, body, { authorization: `Bearer ${bearer}`, ...headers });

async function evidenceCount() {
  const [row] = await demo.db.select({ n: count() }).from(evidence).where(eq(evidence.checklistItemId, itemId));
  return row!.n;
}

async function refusals(tokenId: string) {
  return demo.db.select({ after: auditEvents.after, implementationId: auditEvents.implementationId }).from(auditEvents).where(and(eq(auditEvents.action, "api_token.refused"), eq(auditEvents.entityId, tokenId)));
}

describe("API tokens", () => {
  it("are shown once and stored only as a hash, listed with scope, expiry and last use", async () => {
    const made = await token({ name: "Shown once" });
    expect(made.token).toMatch(/^rr_[A-Za-z0-9_-]{43}$/);
    const [row] = await demo.db.select().from(apiTokens).where(eq(apiTokens.id, made.tokenId));
    expect(row!.tokenHash).toBe(hashApiToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);
    const listed = (await listApiTokens(v.engineer, appointments)).find((t) => t.id === made.tokenId);
    expect(listed).toMatchObject({ name: "Shown once", state: "active", environments: ["test", "production"], scopes: ["evidence", "metrics"], lastUsedAt: null, createdByName: expect.any(String) });
  });

  it("are made by the vendor team only; customer IT is refused (policy table)", async () => {
    await expect(token({}, v.riverbend)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listApiTokens(v.riverbend, appointments)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("POST /api/v1/implementations/{id}/evidence", () => {
  it("records technical evidence that names its token, audited, and a retry with the same key answers the first result", async () => {
    const { token: bearer, tokenId } = await token({ name: "Nightly CI" });
    const before = await evidenceCount();
    const body = evidenceBody();
    const first = await postEvidence(bearer, body, { "idempotency-key": "run-1" });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ kind: "technical", token: "Nightly CI" });
    const again = await postEvidence(bearer, body, { "idempotency-key": "run-1" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(created);
    expect(await evidenceCount()).toBe(before + 1);

    const [row] = await demo.db.select().from(evidence).where(eq(evidence.id, created.evidenceId));
    expect(row).toMatchObject({ kind: "technical", apiTokenId: tokenId, note: "Posted by API token “Nightly CI”." });
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.action, "evidence.recorded"), eq(auditEvents.entityId, created.evidenceId)));
    expect(audit!.after).toMatchObject({ kind: "technical", apiToken: { id: tokenId, name: "Nightly CI" } });
    const [used] = await demo.db.select({ lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(used!.lastUsedAt).not.toBeNull();

    const otherBody = await postEvidence(bearer, evidenceBody({ outcome: "fail" }), { "idempotency-key": "run-1" });
    expect(otherBody.status).toBe(409);
    expect(otherBody.headers.get("content-type")).toBe("application/problem+json");
    expect(await evidenceCount()).toBe(before + 1);
  });

  it("never satisfies operational validation or a sign-off: a signed item on token evidence still blocks", async () => {
    const { token: bearer } = await token({ name: "Log watcher" });
    expect((await postEvidence(bearer, evidenceBody())).status).toBe(201);
    await demo.db.update(checklistItems).set({ status: "ready_for_signoff" }).where(eq(checklistItems.id, itemId));
    for (const signer of [v.riverbend, v.manager]) {
      const panel = await getSignOffPanel(signer, appointments, itemId);
      await signOffItem(signer, signOffItemSchema.parse({ itemId, itemVersion: String(panel.version), snapshotDigest: panel.signing.snapshotDigest, decision: "approve", comment: "" }));
    }
    const gate = await getGate(v.manager, appointments);
    expect(gate.reasons.find((r) => r.key === `validation:${itemId}`)?.message).toBe(
      "“Representative test patients” is signed, but no fresh passing production validation: only technical evidence stands behind it.",
    );
    // More token evidence does not sign anything either: it asks for the item to be signed again.
    expect((await postEvidence(bearer, evidenceBody({ whatWasTested: "Second run" }))).status).toBe(201);
    const [item] = await demo.db.select({ status: checklistItems.status }).from(checklistItems).where(eq(checklistItems.id, itemId));
    expect(item!.status).toBe("ready_for_signoff");
    expect((await getGate(v.manager, appointments)).reasons.find((r) => r.key === `item:${itemId}`)?.message).toContain("re-sign needed");
  });

  it("goes stale like any evidence: observed before the freshness window, it counts as stale", async () => {
    const { token: bearer } = await token({ name: "Old run" });
    const old = new Date(Date.now() - 40 * 24 * 3_600_000).toISOString();
    const res = await postEvidence(bearer, evidenceBody({ observedAt: old, environment: "test" }));
    expect(res.status).toBe(201);
    const { evidenceId } = await res.json();
    const detail = await getItem(v.manager, appointments, itemId);
    const posted = detail.evidence.find((e) => e.id === evidenceId);
    expect(posted).toMatchObject({ kind: "technical", apiTokenName: "Old run", staleness: { stale: true, reason: "older_than_window" } });
  });

  it("refuses wrong scope, another implementation, another environment, expired and revoked tokens: audited by name, nothing written", async () => {
    const metricsOnly = await token({ name: "Metrics only", scopes: ["metrics"] });
    const testOnly = await token({ name: "Test only", environments: ["test"] });
    const expired = await token({ name: "Expired" });
    await demo.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.tokenId));
    const revoked = await token({ name: "Revoked" });
    await revokeApiToken(v.engineer, revokeApiTokenSchema.parse({ implementationId: appointments, tokenId: revoked.tokenId, version: "1" }));
    const good = await token({ name: "Good" });

    const before = await evidenceCount();
    const cases = [
      { t: metricsOnly, res: await postEvidence(metricsOnly.token, evidenceBody()), status: 403, reason: "scope" },
      { t: testOnly, res: await postEvidence(testOnly.token, evidenceBody()), status: 403, reason: "environment" },
      { t: expired, res: await postEvidence(expired.token, evidenceBody()), status: 401, reason: "expired" },
      { t: revoked, res: await postEvidence(revoked.token, evidenceBody()), status: 401, reason: "revoked" },
      { t: good, res: await postEvidence(good.token, evidenceBody(), {}, documents), status: 403, reason: "other_implementation" },
    ];
    for (const c of cases) {
      expect(c.res.status, c.reason).toBe(c.status);
      expect(c.res.headers.get("content-type")).toBe("application/problem+json");
      const audits = await refusals(c.t.tokenId);
      expect(audits.map((a) => a.after), c.reason).toEqual([expect.objectContaining({ token: c.t.name, reason: c.reason })]);
      expect(audits[0]!.implementationId).toBe(appointments);
    }
    expect(await evidenceCount()).toBe(before);
    const [{ n }] = (await demo.db.select({ n: count() }).from(evidence).where(eq(evidence.implementationId, documents))) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    const documentsTokenEvidence = await demo.db.select().from(evidence).where(and(eq(evidence.implementationId, documents), eq(evidence.apiTokenId, good.tokenId)));
    expect(documentsTokenEvidence).toEqual([]);
  });

  it("stops working when the person who made it is disabled or their organization deactivated, and works again when restored", async () => {
    const made = await token({ name: "Made by the engineer" }, v.engineer);
    const engineerId = v.engineer.userId;
    const before = await evidenceCount();
    await demo.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, engineerId));
    const disabled = await postEvidence(made.token, evidenceBody());
    await demo.db.update(users).set({ disabledAt: null }).where(eq(users.id, engineerId));
    expect(disabled.status).toBe(401);
    expect((await disabled.json()).type).toMatch(/token-inactive$/);
    await demo.db.update(organizations).set({ deactivatedAt: new Date() }).where(eq(organizations.id, v.engineer.organizationId));
    const deactivated = await postEvidence(made.token, evidenceBody());
    await demo.db.update(organizations).set({ deactivatedAt: null }).where(eq(organizations.id, v.engineer.organizationId));
    expect(deactivated.status).toBe(401);
    expect((await refusals(made.tokenId)).map((a) => a.after)).toEqual([
      expect.objectContaining({ token: made.name, reason: "creator_inactive" }),
      expect.objectContaining({ token: made.name, reason: "creator_inactive" }),
    ]);
    expect(await evidenceCount()).toBe(before);
    expect((await postEvidence(made.token, evidenceBody())).status).toBe(201);
  });

  it("answers no token, a made-up token, bad fields, unknown items, malformed JSON and an oversized body with problem details", async () => {
    const { token: bearer } = await token({ name: "Checks" });
    expect((await post(postEvidenceRoute, "/x", { id: appointments }, evidenceBody())).status).toBe(401);
    expect((await postEvidence("rr_madeup", evidenceBody())).status).toBe(401);
    const bad = await postEvidence(bearer, evidenceBody({ observedAt: "2026-02-30T10:00:00Z", outcome: "great", extra: 1 }));
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(problem.errors).toMatchObject({ observedAt: ["observedAt is not a real date-time: February 2026 has 28 days."], outcome: [expect.stringContaining("pass, fail, inconclusive")] });
    expect((await postEvidence(bearer, evidenceBody({ itemKey: "no-such-item" }))).status).toBe(404);
    expect((await postEvidence(bearer, "{not json")).status).toBe(400);
    expect((await postEvidence(bearer, evidenceBody({ whatWasTested: "x".repeat(20_000) }))).status).toBe(413);
  });
});

describe("POST /api/v1/implementations/{id}/interfaces/{interfaceId}/metrics", () => {
  it("records a period's figures once, refuses a second post of the period and impossible counts", async () => {
    const { interfaceId } = await addInterface(
      v.manager,
      addInterfaceSchema.parse({
        implementationId: appointments, name: "SIU feed (API test)", kind: "hl7v2_feed", direction: "inbound", sourceSystem: "", targetSystem: "",
        workflows: [], messageTypes: "SIU^S12", endpointSandbox: "", endpointTest: "", endpointProduction: "", vendorOwner: "", customerOwner: "", status: "live", note: "",
      }),
    );
    const { token: bearer, tokenId } = await token({ name: "Engine monitor", scopes: ["metrics"] });
    const path = `/api/v1/implementations/${appointments}/interfaces/${interfaceId}/metrics`;
    const send = (body: unknown) => post(postMetricsRoute, path, { id: appointments, interfaceId }, body, { authorization: `Bearer ${bearer}` });
    const figures = { environment: "production", periodStart: "2026-11-30T09:00:00Z", periodEnd: "2026-11-30T10:00:00Z", messageCount: 120, errorCount: 2, lastMessageAt: "2026-11-30T09:59:30Z", contentFingerprint: "sha256:3f2a9c1e" };
    expect((await send(figures)).status).toBe(201);
    const [row] = await demo.db.select().from(interfaceMetrics).where(eq(interfaceMetrics.interfaceId, interfaceId));
    expect(row).toMatchObject({ messageCount: 120, errorCount: 2, contentFingerprint: "sha256:3f2a9c1e", apiTokenId: tokenId });
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.action, "interface_metrics.posted"), eq(auditEvents.entityId, interfaceId)));
    expect(audit!.after).toMatchObject({ apiToken: { name: "Engine monitor" }, messageCount: 120 });

    const twice = await send(figures);
    expect(twice.status).toBe(409);
    expect((await twice.json()).detail).toContain("already posted");
    expect((await send({ ...figures, periodStart: "2026-11-30T10:00:00Z", periodEnd: "2026-11-30T11:00:00Z", errorCount: 500 })).status).toBe(422);
    // The evidence scope is not this one.
    const evidenceOnly = await token({ name: "Evidence only", scopes: ["evidence"] });
    const refused = await post(postMetricsRoute, path, { id: appointments, interfaceId }, { ...figures, periodStart: "2026-11-30T11:00:00Z", periodEnd: "2026-11-30T12:00:00Z" }, { authorization: `Bearer ${evidenceOnly.token}` });
    expect(refused.status).toBe(403);
    const all = await demo.db.select().from(interfaceMetrics).where(eq(interfaceMetrics.interfaceId, interfaceId));
    expect(all).toHaveLength(1);
  });
});
