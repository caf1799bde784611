import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems, signOffs, waivers, webhookDeliveries, webhooks } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { parseActivityQuery } from "@/lib/validation/activity";
import { recordEvidenceSchema, updateItemSchema } from "@/lib/validation/checklist";
import { revokeWaiverSchema, signOffItemSchema, waiveItemSchema } from "@/lib/validation/sign-offs";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { listActivity } from "./activity";
import { recordEvidence, updateItem } from "./checklist";
import { getSignOffPanel, revokeWaiver, signOffItem, waiveItem } from "./sign-offs";

// A session that signed in a minute ago, as getViewer() builds it for a request.
const fresh = (viewer: Viewer, id = "session-1"): Viewer => ({ ...viewer, session: { id, signedInAt: new Date(Date.now() - 60_000) } });

const demo = withDemoDatabase({ viewer: (viewer) => fresh(viewer) });
const { v } = demo;

const impl = seedId("impl:riverbend-appointments");
const item = (key: string) => seedId(`item:riverbend-appointments:${key}`);
const clientIds = item("epic-client-ids"); // ready for sign-off; engineer and customer IT sign

async function current(itemId: string) {
  const [row] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  return row!;
}

async function sign(viewer: Viewer, itemId: string, overrides: Record<string, string> = {}) {
  const panel = await getSignOffPanel(viewer, impl, itemId);
  return signOffItem(
    viewer,
    signOffItemSchema.parse({
      itemId,
      itemVersion: String(panel.version),
      snapshotDigest: panel.signing.snapshotDigest,
      decision: "approve",
      comment: "",
      ...overrides,
    }),
  );
}

describe("signing off an item", () => {
  it("shows the signer the exact snapshot and refuses roles the item does not need", async () => {
    const panel = await getSignOffPanel(v.riverbend!, impl, clientIds);
    expect(panel.signing).toMatchObject({ role: "customer_it", canSign: true, reauthenticationRequired: false });
    expect(panel.signing.snapshot).toMatchObject({ itemId: clientIds, version: panel.version, title: "Separate non-production and production client IDs" });
    expect(panel.signing.snapshot.evidence.map((e) => e.whatWasTested)).toEqual(["Production client ID token exchange"]);
    expect(panel.signing.meaning.approve).toContain("approve");

    const manager = await getSignOffPanel(v.manager!, impl, clientIds);
    expect(manager.signing).toMatchObject({ role: null, canSign: false });
    await expect(sign(v.manager!, clientIds)).rejects.toMatchObject({ code: "forbidden" });
    await expect(sign(v.admin!, clientIds)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("answers another health system's customer IT with not found, for the panel and the signature", async () => {
    await expect(getSignOffPanel(v.lakeshore!, impl, clientIds)).rejects.toMatchObject({ code: "not_found" });
    const panel = await getSignOffPanel(v.riverbend!, impl, clientIds);
    const attempt = signOffItemSchema.parse({
      itemId: clientIds,
      itemVersion: String(panel.version),
      snapshotDigest: panel.signing.snapshotDigest,
      decision: "approve",
      comment: "",
    });
    await expect(signOffItem(v.lakeshore!, attempt)).rejects.toMatchObject({ code: "not_found" });
    expect(await demo.db.select().from(signOffs).where(eq(signOffs.checklistItemId, clientIds))).toHaveLength(0);
  });

  it("records who, role, organization, meaning, version and digest; the item is signed off once every role approved", async () => {
    const before = await current(clientIds);
    await sign(v.riverbend!, clientIds);
    expect((await current(clientIds)).status).toBe("ready_for_signoff");
    await sign(v.engineer!, clientIds);
    const after = await current(clientIds);
    expect(after).toMatchObject({ status: "signed_off", version: before.version });

    const rows = await demo.db.select().from(signOffs).where(eq(signOffs.checklistItemId, clientIds));
    const customer = rows.find((r) => r.signerRole === "customer_it")!;
    expect(customer).toMatchObject({
      signerName: "Casey Lin",
      signerOrganizationName: "Riverbend Health (fictional)",
      decision: "approve",
      itemVersion: before.version,
    });
    expect(customer.meaning).toContain("I have reviewed this item and its evidence as shown");
    expect(customer.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await demo.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "sign_off"), eq(auditEvents.entityId, customer.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("sign_off.approved");
  });

  it("supersedes every sign-off when the item is edited: signed v N, now v N+1, needs signing again", async () => {
    const signed = await current(clientIds);
    const input = updateItemSchema.parse({
      itemId: clientIds,
      version: String(signed.version),
      ownerId: signed.ownerId ?? "",
      status: signed.status,
      nextStep: "Confirm the production client again after rotation.",
      expectedOutcome: signed.expectedOutcome,
      dueDate: signed.dueDate ?? "",
      whatChanged: signed.whatChanged,
      whatWasTested: signed.whatWasTested,
      whatNeedsProof: signed.whatNeedsProof,
    });
    await updateItem(v.manager!, input);
    const edited = await current(clientIds);
    expect(edited).toMatchObject({ status: "ready_for_signoff", version: signed.version + 1 });
    const panel = await getSignOffPanel(v.riverbend!, impl, clientIds);
    expect(panel.roles.find((r) => r.role === "customer_it")).toMatchObject({ state: "superseded", signedVersion: signed.version });
    expect(panel.history.every((h) => h.superseded)).toBe(true);
    expect(panel.signing.canSign).toBe(true);

    // The trail names each cancelled signature, what it signed and whose edit cancelled it.
    const events = await demo.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sign_off.superseded"), sql`${auditEvents.after}->>'itemId' = ${clientIds}`));
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actorId === v.manager!.userId)).toBe(true);
    expect(events.map((e) => (e.after as { signerName: string }).signerName).sort()).toEqual(["Casey Lin", "Erin Vasquez"]);
    const { entries } = await listActivity(v.riverbend!, { implementationId: impl, itemId: clientIds }, parseActivityQuery({ kind: "sign_off" }));
    const line = entries.find((e) => e.action === "sign_off.superseded" && e.description.includes("Casey Lin"))!;
    expect(line.actorName).toBe("Maya Okafor");
    expect(line.description).toMatch(new RegExp(`^superseded the sign-off by Casey Lin \\(Customer IT\\) on v${signed.version} · [0-9a-f]{8} with their edit$`));
    expect(panel.history[0]!.signedName).toMatch(new RegExp(`^v${signed.version} · [0-9a-f]{8}$`));
  });

  it("refuses to approve an item with no evidence at all, unless the template marks it attestation only", async () => {
    const payloads = item("sample-payload-review"); // no evidence in the demo
    const [before] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, payloads));
    await demo.db.update(checklistItems).set({ status: "ready_for_signoff" }).where(eq(checklistItems.id, payloads));
    const panel = await getSignOffPanel(v.engineer!, impl, payloads);
    expect(panel.signing.approvalRefused).toContain("no evidence");
    await expect(sign(v.engineer!, payloads)).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("no evidence") });
    expect(await demo.db.select().from(signOffs).where(eq(signOffs.checklistItemId, payloads))).toHaveLength(0);
    // A rejection stays possible: it sends the item back for the evidence it lacks.
    await sign(v.engineer!, payloads, { decision: "reject", comment: "Record the payload review first." });

    const support = item("support-readiness"); // attestation only in the default templates
    await demo.db.update(checklistItems).set({ status: "ready_for_signoff" }).where(eq(checklistItems.id, support));
    const attest = await getSignOffPanel(v.riverbend!, impl, support);
    expect(attest).toMatchObject({ attestationOnly: true, signing: { approvalRefused: null } });
    expect(attest.signing.meaning.approve).toContain("I attest from my own knowledge");
    await sign(v.riverbend!, support);
    expect(await demo.db.select().from(signOffs).where(eq(signOffs.checklistItemId, support))).toHaveLength(1);
    expect(before!.attestationOnly).toBe(false);
  });

  it("refuses a sign-off for a version the signer did not see (replay after an edit)", async () => {
    const seen = await getSignOffPanel(v.riverbend!, impl, clientIds);
    const request = signOffItemSchema.parse({
      itemId: clientIds,
      itemVersion: String(seen.version),
      snapshotDigest: seen.signing.snapshotDigest,
      decision: "approve",
      comment: "",
    });
    await recordEvidence(
      v.engineer!,
      recordEvidenceSchema.parse({
        itemId: clientIds,
        environmentId: seedId("env:riverbend-appointments:production"),
        kind: "technical",
        whatWasTested: "Token exchange after rotation",
        outcome: "pass",
        observedAt: new Date(Date.now() - 60_000).toISOString().slice(0, 16),
        linkUrl: "",
      }),
    );
    await expect(signOffItem(v.riverbend!, request)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining(`You reviewed version ${seen.version} of this item; it is now version ${seen.version + 1}`),
    });
    // A forged digest for the right version is refused too.
    const now = await current(clientIds);
    await expect(
      signOffItem(v.riverbend!, { ...request, itemVersion: now.version, snapshotDigest: "0".repeat(64) }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("leaves exactly one sign-off when many signers of one role race for one version", async () => {
    const target = await current(clientIds);
    const panel = await getSignOffPanel(v.riverbend!, impl, clientIds);
    const request = signOffItemSchema.parse({
      itemId: clientIds,
      itemVersion: String(target.version),
      snapshotDigest: panel.signing.snapshotDigest,
      decision: "approve",
      comment: "",
    });
    const signers = [v.riverbend!, v.riverbend2!];
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => signOffItem(signers[i % 2]!, request)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "conflict" });
    const rows = await demo.db
      .select()
      .from(signOffs)
      .where(and(eq(signOffs.checklistItemId, clientIds), eq(signOffs.itemVersion, target.version), eq(signOffs.signerRole, "customer_it")));
    expect(rows).toHaveLength(1);
  });

  it("sends a rejected item back to in progress with the comment, which a rejection requires", async () => {
    expect(() =>
      signOffItemSchema.parse({ itemId: clientIds, itemVersion: "1", snapshotDigest: "a".repeat(64), decision: "reject", comment: " " }),
    ).toThrow(/Say why you reject it/);
    const before = await current(clientIds);
    await sign(v.engineer!, clientIds, { decision: "reject", comment: "The rotated client ID is not recorded yet." });
    const after = await current(clientIds);
    expect(after).toMatchObject({ status: "in_progress", version: before.version + 1 });
    const panel = await getSignOffPanel(v.engineer!, impl, clientIds);
    expect(panel.rejection).toMatchObject({ signerName: "Erin Vasquez", comment: "The rotated client ID is not recorded yet." });
  });

  it("needs a recent sign-in: an old session must re-enter the password, a wrong one is refused", async () => {
    const target = item("non-production-testing"); // engineer and manager sign
    const old: Viewer = { ...v.engineer!, session: { id: "old-session", signedInAt: new Date(Date.now() - 3 * 60 * 60_000) } };
    const panel = await getSignOffPanel(old, impl, target);
    expect(panel.signing.reauthenticationRequired).toBe(true);
    const base = { itemId: target, itemVersion: String(panel.version), snapshotDigest: panel.signing.snapshotDigest, decision: "approve", comment: "" };
    await expect(signOffItem(old, signOffItemSchema.parse(base))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { password: [expect.stringContaining("Enter your password")] },
    });
    await expect(signOffItem(old, signOffItemSchema.parse({ ...base, password: "wrong-password" }))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { password: [expect.stringContaining("not right")] },
    });
    const signed = await signOffItem(old, signOffItemSchema.parse({ ...base, password: "readyroom-demo" }));
    expect(signed.signOffId).toBeTruthy();
    // The re-entered password now counts for that session (and only that one).
    expect((await getSignOffPanel(old, impl, target)).signing.reauthenticationRequired).toBe(false);
    const other: Viewer = { ...old, session: { id: "another-session", signedInAt: old.session!.signedInAt } };
    expect((await getSignOffPanel(other, impl, target)).signing.reauthenticationRequired).toBe(true);
  });

  it("queues a webhook delivery for each sign-off and each supersede", async () => {
    const db = demo.db;
    await db.insert(webhooks).values({ implementationId: impl, url: "http://127.0.0.1:9/hook", secret: "s" });
    const target = item("non-production-testing");
    await sign(v.manager!, target);
    const events = (await db.select({ event: webhookDeliveries.event }).from(webhookDeliveries)).map((e) => e.event);
    expect(events).toContain("sign_off.recorded");
    const row = await current(target);
    expect(row.status).toBe("signed_off");
    await recordEvidence(
      v.engineer!,
      recordEvidenceSchema.parse({
        itemId: target,
        environmentId: seedId("env:riverbend-appointments:test"),
        kind: "technical",
        whatWasTested: "Re-ran the booking suite",
        outcome: "pass",
        observedAt: new Date(Date.now() - 60_000).toISOString().slice(0, 16),
        linkUrl: "",
      }),
    );
    const after = (await db.select({ event: webhookDeliveries.event, payload: webhookDeliveries.payload }).from(webhookDeliveries)).filter(
      (e) => e.event === "sign_off.superseded",
    );
    expect(after).toHaveLength(1);
    expect(after[0]!.payload).toMatchObject({ data: { itemId: target, signedVersion: row.version, currentVersion: row.version + 1 } });
    expect((await current(target)).status).toBe("ready_for_signoff");
  });
});

describe("waivers", () => {
  const target = item("monitoring-setup");

  it("lets only a manager waive a required item with a reason, an approver and an expiry", async () => {
    const row = await current(target);
    const input = waiveItemSchema.parse({
      itemId: target,
      version: String(row.version),
      reason: "Monitoring moves to the customer's NOC after go-live.",
      approverName: "Dana Cole, CIO (fictional)",
      expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    await expect(waiveItem(v.engineer!, input)).rejects.toMatchObject({ code: "forbidden" });
    await expect(waiveItem(v.riverbend!, input)).rejects.toMatchObject({ code: "forbidden" });
    await waiveItem(v.manager!, input);
    expect(await current(target)).toMatchObject({ status: "waived", version: row.version + 1 });
    const panel = await getSignOffPanel(v.riverbend!, impl, target);
    expect(panel.waiver).toMatchObject({ approverName: "Dana Cole, CIO (fictional)", expired: false, grantedByName: "Maya Okafor" });
    await expect(waiveItem(v.manager!, { ...input, version: row.version + 1 })).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses an expiry in the past", () => {
    expect(() =>
      waiveItemSchema.parse({ itemId: target, version: "1", reason: "x", approverName: "y", expiresOn: "2020-01-01" }),
    ).toThrow(/cannot be in the past/);
  });

  it("stops counting an expired waiver, and a revoked one puts the item back in progress", async () => {
    await demo.db.update(waivers).set({ expiresOn: "2026-01-01" }).where(eq(waivers.checklistItemId, target));
    const panel = await getSignOffPanel(v.manager!, impl, target);
    expect(panel.waiver?.expired).toBe(true);
    const row = await current(target);
    await revokeWaiver(v.manager!, revokeWaiverSchema.parse({ itemId: target, version: String(row.version), reason: "Customer wants monitoring at go-live after all." }));
    expect(await current(target)).toMatchObject({ status: "in_progress", version: row.version + 1 });
    expect((await getSignOffPanel(v.manager!, impl, target)).waiver).toBeNull();
  });
});
