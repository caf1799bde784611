import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, checklistItems, evidence, payloadReviews } from "@/db/schema";
import { seedId } from "@/db/seed";
import {
  addInterfaceSchema,
  confirmInventorySchema,
  importInterfacesSchema,
  reviewPayloadSchema,
  savePayloadRuleSchema,
  setSourceOfTruthSchema,
  updateInterfaceSchema,
} from "@/lib/validation/interfaces";
import { envId, MISSING_ID, withDemoDatabase } from "@/test/fixtures/demo";
import { interfaceForm } from "@/test/fixtures/forms";
import { getGate } from "./gate";
import {
  addInterface,
  confirmInventory,
  getInterfaceInventory,
  getPayloadReview,
  importInterfaces,
  recordPayloadReview,
  savePayloadRule,
  setSourceOfTruth,
  updateInterface,
} from "./interfaces";

const demo = withDemoDatabase();
const { v } = demo;

// Riverbend's patient demographics feed (patient demographics in scope) starts with no inventory.
const demographics = seedId("impl:riverbend-demographics");
const lakeshoreDocs = seedId("impl:lakeshore-documents");


// A synthetic ADT^A08 with identifying values that must never be stored.
const adt = [
  "MSH|^~\\&|EPIC|RIVERBEND|READYROOM|VENDOR|20261201093000||ADT^A08^ADT_A01|ZZ0100|T|2.5.1",
  "EVN|A08|20261201093000",
  "PID|1||ZZTEST3001^^^RIVERBEND^MR||ZZQUILL^HARPER^J||19771231|F|||42 SYNTHETIC RD^^SPRINGFIELD^IL^62701||(555) 010-4242|||||||222-33-4444",
  "PV1|1|O",
].join("\r");

let interfaceId = "";

describe("interface inventory", () => {
  it("lets a manager add an interface, keeping MSH-9's type and trigger, and audits it", async () => {
    const out = await addInterface(v.manager!, addInterfaceSchema.parse(interfaceForm(demographics)), "test");
    interfaceId = out.interfaceId;
    const inv = await getInterfaceInventory(v.riverbend!, demographics);
    const row = inv.interfaces.find((i) => i.id === interfaceId)!;
    expect(row.messageTypes).toEqual(["ADT^A04", "ADT^A08"]);
    expect(row.endpoints).toEqual({ sandbox: "mllp://bridges-sbx.riverbend.example:6661", test: "", production: "" });
    const audit = await demo.db.select().from(auditEvents).where(eq(auditEvents.entityId, interfaceId));
    expect(audit.map((a) => a.action)).toEqual(["interface.added"]);
  });

  it("refuses an endpoint that holds a password or token, saying why", () => {
    for (const value of ["sftp://svc:Winter2026!@files.riverbend.example", "https://api.example/x?token=abcd1234efgh", "password=hunter22", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk"]) {
      const parsed = addInterfaceSchema.safeParse(interfaceForm(demographics, { endpointProduction: value }));
      expect(parsed.success, value).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).toMatch(/secrets manager/);
    }
  });

  it("refuses customer IT, a duplicate name, and another organization's implementation as not found", async () => {
    await expect(addInterface(v.riverbend!, addInterfaceSchema.parse(interfaceForm(demographics, { name: "Other" })))).rejects.toMatchObject({ code: "forbidden" });
    await expect(addInterface(v.manager!, addInterfaceSchema.parse(interfaceForm(demographics, { name: "adt FEED" })))).rejects.toMatchObject({ code: "invalid" });
    await expect(getInterfaceInventory(v.riverbend!, lakeshoreDocs)).rejects.toMatchObject({ code: "not_found", message: "Implementation was not found." });
    for (const id of [MISSING_ID, "not-a-uuid"]) await expect(getInterfaceInventory(v.riverbend!, id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("checks the version on update and names who changed it", async () => {
    const first = await updateInterface(v.engineer!, updateInterfaceSchema.parse({ ...interfaceForm(demographics, { status: "testing" }), interfaceId, version: 1 }));
    expect(first.version).toBe(2);
    await expect(updateInterface(v.manager!, updateInterfaceSchema.parse({ ...interfaceForm(demographics, { status: "live" }), interfaceId, version: 1 }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Erin Vasquez"),
    });
  });
});

describe("source of truth and the gate", () => {
  it("makes an unagreed domain a blocking gate reason when a workflow in scope needs it, and clears it once agreed", async () => {
    const before = await getGate(v.manager!, demographics);
    const patient = before.reasons.find((r) => r.key === "source-of-truth:patient")!;
    expect(patient.severity).toBe("blocking");
    expect(patient.message).toMatch(/No agreed source of truth for patient data/);
    const inv = await getInterfaceInventory(v.riverbend!, demographics);
    expect(inv.sourceOfTruth.find((d) => d.domain === "patient")).toMatchObject({ agreed: false, version: 0, neededBy: ["patient_demographics"], carriedBy: ["ADT feed"] });

    // Customer IT of the implementation's own organization records it.
    await setSourceOfTruth(
      v.riverbend!,
      setSourceOfTruthSchema.parse({ implementationId: demographics, domain: "patient", version: "0", authoritativeSystem: "Epic", conflictResolver: "HIM team", propagation: "ADT^A08 to the engine", agreed: "on" }),
    );
    const after = await getGate(v.manager!, demographics);
    expect(after.reasons.some((r) => r.key === "source-of-truth:patient")).toBe(false);
    expect(after.reasons.find((r) => r.key === "source-of-truth:encounter")?.severity).toBe("blocking");
  });

  it("refuses a stale version, and another organization's implementation as not found", async () => {
    const form = { implementationId: demographics, domain: "patient", version: "0", authoritativeSystem: "Epic", conflictResolver: "", propagation: "", agreed: "on" };
    await expect(setSourceOfTruth(v.manager!, setSourceOfTruthSchema.parse(form))).rejects.toMatchObject({ code: "conflict" });
    await expect(setSourceOfTruth(v.lakeshore!, setSourceOfTruthSchema.parse({ ...form, version: "1" }))).rejects.toMatchObject({ code: "not_found" });
    expect(setSourceOfTruthSchema.safeParse({ ...form, authoritativeSystem: "" }).success).toBe(false);
  });
});

describe("payload review", () => {
  const reviewForm = (overrides: Record<string, string> = {}) =>
    reviewPayloadSchema.parse({ interfaceId, environmentId: envId("riverbend-demographics", "test"), payload: adt, note: "", ...overrides });

  it("stores masked structure and findings, never the raw payload, and records evidence on the Sample payload review item", async () => {
    const itemId = seedId("item:riverbend-demographics:sample-payload-review");
    const [itemBefore] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
    const out = await recordPayloadReview(v.riverbend!, reviewForm(), "test");
    expect(out.errors).toBe(0);

    const [stored] = await demo.db.select().from(payloadReviews).where(eq(payloadReviews.id, out.reviewId));
    const everything = JSON.stringify(stored) + JSON.stringify(await demo.db.select().from(auditEvents).where(eq(auditEvents.entityId, out.reviewId)));
    for (const secret of ["ZZQUILL", "HARPER", "19771231", "SYNTHETIC RD", "010-4242", "222-33-4444", "ZZTEST3001"]) expect(everything, secret).not.toContain(secret);
    expect(stored!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const [ev] = await demo.db.select().from(evidence).where(eq(evidence.id, stored!.evidenceId!));
    expect(ev).toMatchObject({ kind: "technical", outcome: "pass", environmentId: envId("riverbend-demographics", "test") });
    expect(ev!.whatWasTested).toContain(stored!.sha256);
    const [itemAfter] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
    expect(itemAfter!.version).toBe(itemBefore!.version + 1);

    const detail = await getPayloadReview(v.riverbend!, demographics, out.reviewId);
    expect(detail.messageType).toBe("ADT^A08");
    expect(detail.staleness).toEqual({ stale: false });
    await expect(getPayloadReview(v.lakeshore!, demographics, out.reviewId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getPayloadReview(v.riverbend!, lakeshoreDocs, out.reviewId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers malformed payloads with failing findings, never an error", async () => {
    for (const payload of ["MSH|^~|broken", '{"resourceType": "Patient", "name": [', "\u0000\u0001\u0002binary", "x".repeat(500_000)]) {
      const out = await recordPayloadReview(v.engineer!, reviewForm({ payload }));
      expect(out.errors, payload.slice(0, 20)).toBeGreaterThan(0);
    }
  });

  it("applies the implementation's rules to the next review", async () => {
    await savePayloadRule(v.engineer!, savePayloadRuleSchema.parse({ implementationId: demographics, target: "ADT^A08", fields: "PID-3\nPID-5\nPV1\nPV1-19" }));
    const out = await recordPayloadReview(v.engineer!, reviewForm());
    const detail = await getPayloadReview(v.engineer!, demographics, out.reviewId);
    expect(detail.findings.map((f) => f.path)).toContain("PV1-19");
    await expect(savePayloadRule(v.riverbend!, savePayloadRuleSchema.parse({ implementationId: demographics, target: "ADT^A08", fields: "" }))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuses another organization's interface as not found, and another implementation's environment", async () => {
    await expect(recordPayloadReview(v.lakeshore!, reviewForm())).rejects.toMatchObject({ code: "not_found", message: "Interface was not found." });
    await expect(recordPayloadReview(v.manager!, reviewForm({ environmentId: envId("lakeshore-documents", "test") }))).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("CSV import", () => {
  const csv = (rows: string[]) => ["name,kind,direction,workflows,message_types,endpoint_production,status", ...rows].join("\r\n");

  it("writes nothing when any row has a problem, and says which line", async () => {
    const before = (await getInterfaceInventory(v.manager!, demographics)).interfaces.length;
    const bad = csv(["Good one,hl7v2_feed,inbound,Patient demographics,ADT^A31,,planned", "Leaky,fhir_api,inbound,,Patient,https://x.example/?token=abcdefgh123,planned"]);
    await expect(importInterfaces(v.manager!, importInterfacesSchema.parse({ implementationId: demographics, csv: bad }))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { csv: [expect.stringMatching(/^Line 3: endpoint production: /)] },
    });
    expect((await getInterfaceInventory(v.manager!, demographics)).interfaces).toHaveLength(before);
  });

  it("imports every row in one transaction, audited; refuses customer IT and another organization", async () => {
    const good = csv(["Person feed,HL7 v2 feed,Inbound,Patient demographics,ADT^A31,,Planned", "Patient API,FHIR API,both,,Patient;Encounter,,testing"]);
    const out = await importInterfaces(v.engineer!, importInterfacesSchema.parse({ implementationId: demographics, csv: good }), "test");
    expect(out.imported).toBe(2);
    const inv = await getInterfaceInventory(v.riverbend!, demographics);
    expect(inv.interfaces.find((i) => i.name === "Patient API")).toMatchObject({ kind: "fhir_api", direction: "both", messageTypes: ["Patient", "Encounter"], status: "testing" });
    await expect(importInterfaces(v.riverbend!, importInterfacesSchema.parse({ implementationId: demographics, csv: good }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(importInterfaces(v.manager!, importInterfacesSchema.parse({ implementationId: MISSING_ID, csv: good }))).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers CSV that does not parse with a message, not an error", async () => {
    await expect(importInterfaces(v.manager!, importInterfacesSchema.parse({ implementationId: demographics, csv: 'name,kind\r\n"unclosed,x' }))).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringMatching(/not valid CSV/),
    });
  });
});

describe("inventory confirmation", () => {
  it("binds customer IT's confirmation to the inventory as seen; an edit supersedes it; a stale page is refused", async () => {
    const inv = await getInterfaceInventory(v.riverbend!, demographics);
    expect(inv.canConfirm).toBe(true);
    await confirmInventory(v.riverbend!, confirmInventorySchema.parse({ implementationId: demographics, digest: inv.digest }), "test");
    const confirmed = await getInterfaceInventory(v.manager!, demographics);
    expect(confirmed.confirmations[0]).toMatchObject({ confirmedByName: "Casey Lin", current: true });

    const feed = confirmed.interfaces.find((i) => i.name === "ADT feed")!;
    await updateInterface(
      v.manager!,
      updateInterfaceSchema.parse({ ...interfaceForm(demographics, { status: "live" }), interfaceId: feed.id, version: String(feed.version) }),
    );
    const after = await getInterfaceInventory(v.riverbend!, demographics);
    expect(after.confirmations[0]!.current).toBe(false);
    await expect(confirmInventory(v.riverbend!, confirmInventorySchema.parse({ implementationId: demographics, digest: inv.digest }))).rejects.toMatchObject({ code: "conflict" });
  });

  it("is customer IT's alone, and only for their own organization", async () => {
    const inv = await getInterfaceInventory(v.manager!, demographics);
    await expect(confirmInventory(v.manager!, confirmInventorySchema.parse({ implementationId: demographics, digest: inv.digest }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(confirmInventory(v.lakeshore!, confirmInventorySchema.parse({ implementationId: demographics, digest: inv.digest }))).rejects.toMatchObject({ code: "not_found" });
  });
});
