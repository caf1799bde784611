import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, testPatients, testPatientScenarios } from "@/db/schema";
import { addInterfaceSchema } from "@/lib/validation/interfaces";
import {
  addScenarioSchema,
  addTestPatientSchema,
  recordScenarioResultSchema,
  removeScenarioSchema,
  removeTestPatientSchema,
} from "@/lib/validation/registers";
import { demoImpl, envId, MISSING_ID, withDemoDatabase } from "@/test/fixtures/demo";
import { addInterface } from "./interfaces";
import { getRegisterSummary } from "./registers";
import { addScenario, addTestPatient, getTestPatientRegister, recordScenarioResult, removeScenario, removeTestPatient } from "./test-patients";

const demo = withDemoDatabase();
const { v } = demo;

const { appointments, demographics, documents } = demoImpl;

const patientInput = (overrides: Record<string, string> = {}) =>
  addTestPatientSchema.parse({
    implementationId: demographics,
    environmentId: envId("riverbend-demographics", "production"),
    label: "Test patient F (synthetic)",
    testIdentifier: "ZZTEST2001",
    note: "",
    ...overrides,
  });

async function scenarioRow(id: string) {
  const [row] = await demo.db.select().from(testPatientScenarios).where(eq(testPatientScenarios.id, id));
  return row;
}

describe("getTestPatientRegister", () => {
  it("shows coverage per surface in scope, flagging surfaces with no production pass", async () => {
    const r = await getTestPatientRegister(v.riverbend!, appointments);
    expect(r.coverage.uncovered).toEqual(["appointment_sync", "scheduling_availability"]);
    expect(r.coverage.productionFailed).toBe(1);
    expect(r.patients.find((p) => p.testIdentifier === "ZZTEST1001")!.scenarios).toHaveLength(2);
    const live = await getTestPatientRegister(v.lakeshore!, documents);
    expect(live.coverage.uncovered).toEqual([]);
    expect(live.coverage.productionPassed).toBe(2);
  });

  it("answers another organization's, a missing and a malformed id with the same not found", async () => {
    for (const id of [documents, MISSING_ID, "not-a-uuid"]) {
      await expect(getTestPatientRegister(v.riverbend!, id), id).rejects.toMatchObject({ code: "not_found", message: "Implementation was not found." });
    }
  });
});

describe("the no-real-patient-data rule", () => {
  it.each([
    ["testIdentifier", "123-45-6789", /Social Security number/],
    ["testIdentifier", "(555) 123-4567", /phone number/],
    ["label", "jane.doe@example.org", /e-mail address/],
    ["label", "Born 1984-03-07", /date \(of birth\?\)/],
    ["label", "Test patient\u202E", /invisible or direction-changing character/],
    ["testIdentifier", "ZZTEST\u200B2001", /invisible or direction-changing character/],
    ["label", "x".repeat(10_000), /too long/],
    ["testIdentifier", "ZZ\u0000", /not allowed/],
  ])("refuses %s %j with a message that says why", (field, value, message) => {
    const parsed = addTestPatientSchema.safeParse({ implementationId: demographics, environmentId: envId("riverbend-demographics", "production"), label: "Test patient", testIdentifier: "ZZTEST9", note: "", [field]: value });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.find((i) => i.path[0] === field)?.message).toMatch(message);
  });
});

describe("writes", () => {
  let patientId: string;

  it("lets customer IT of the same organization add a test patient, audited; the other organization gets not found", async () => {
    await expect(addTestPatient(v.lakeshore!, patientInput())).rejects.toMatchObject({ code: "not_found" });
    const { testPatientId } = await addTestPatient(v.riverbend!, patientInput());
    patientId = testPatientId;
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, patientId), eq(auditEvents.action, "test_patient.added")));
    expect(audit?.after).toMatchObject({ environment: "production", testIdentifier: "ZZTEST2001" });
  });

  it("refuses a duplicate identifier in one environment and another implementation's environment", async () => {
    await expect(addTestPatient(v.engineer!, patientInput())).rejects.toMatchObject({ code: "invalid", fieldErrors: { testIdentifier: [expect.stringContaining("already has")] } });
    await expect(addTestPatient(v.engineer!, patientInput({ environmentId: envId("riverbend-appointments", "test") }))).rejects.toMatchObject({ code: "invalid", fieldErrors: { environmentId: [expect.any(String)] } });
    await expect(addTestPatient(v.engineer!, { ...patientInput(), environmentId: "not-a-uuid" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("records a scenario passing in production and coverage updates", async () => {
    expect((await getRegisterSummary(v.riverbend!, demographics)).testPatients.uncovered).toEqual(["patient_demographics"]);
    const input = addScenarioSchema.parse({
      testPatientId: patientId,
      workflowSurface: "patient_demographics",
      scenario: "Patient with inactive contacts reloaded",
      expectedOutcome: "Inactive contacts stay inactive",
      observedOutcome: "",
      result: "not_run",
    });
    await expect(addScenario(v.lakeshore!, input)).rejects.toMatchObject({ code: "not_found", message: "Test patient was not found." });
    const { scenarioId } = await addScenario(v.riverbend!, input);
    const row = await scenarioRow(scenarioId);
    expect(row).toMatchObject({ result: "not_run", validatedById: null });

    const record = recordScenarioResultSchema.parse({ scenarioId, version: String(row!.version), result: "pass", observedOutcome: "Inactive contacts stayed inactive" });
    await recordScenarioResult(v.riverbend!, record);
    expect(await scenarioRow(scenarioId)).toMatchObject({ result: "pass", validatedById: v.riverbend!.userId });
    const summary = await getRegisterSummary(v.riverbend!, demographics);
    expect(summary.testPatients.uncovered).toEqual([]);
    expect(summary.testPatients.surfaces[0]).toMatchObject({ surface: "patient_demographics", productionPassed: 1, covered: true });

    await expect(recordScenarioResult(v.engineer!, record)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Casey Lin changed this scenario to pass") });
    await expect(recordScenarioResult(v.lakeshore!, { ...record, version: 2 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("asks for what was observed before a pass or a fail", () => {
    const parsed = recordScenarioResultSchema.safeParse({ scenarioId: MISSING_ID, version: "1", result: "fail", observedOutcome: "  " });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["observedOutcome"], message: expect.stringMatching(/what you observed/) });
  });

  it("lets only managers remove scenarios and patients, with the version they saw", async () => {
    const [scenario] = await demo.db.select().from(testPatientScenarios).where(eq(testPatientScenarios.testPatientId, patientId));
    const removeInput = removeScenarioSchema.parse({ scenarioId: scenario!.id, version: String(scenario!.version) });
    await expect(removeScenario(v.riverbend!, removeInput)).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeScenario(v.engineer!, removeInput)).rejects.toMatchObject({ code: "forbidden" });
    await removeScenario(v.manager!, removeInput);
    expect(await scenarioRow(scenario!.id)).toBeUndefined();

    const [patient] = await demo.db.select().from(testPatients).where(eq(testPatients.id, patientId));
    await expect(removeTestPatient(v.manager!, removeTestPatientSchema.parse({ testPatientId: patientId, version: String(patient!.version - 1) }))).rejects.toMatchObject({ code: "conflict" });
    await removeTestPatient(v.manager!, removeTestPatientSchema.parse({ testPatientId: patientId, version: String(patient!.version) }));
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, patientId), eq(auditEvents.action, "test_patient.removed")));
    expect(audit?.before).toMatchObject({ testIdentifier: "ZZTEST2001" });
    await expect(removeTestPatient(v.manager!, removeTestPatientSchema.parse({ testPatientId: MISSING_ID, version: "1" }))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a scenario names its interface", () => {
  const iface = async (implementationId: string, name: string) =>
    (
      await addInterface(
        v.manager!,
        addInterfaceSchema.parse({
          implementationId,
          name,
          kind: "hl7v2_feed",
          direction: "inbound",
          sourceSystem: "",
          targetSystem: "",
          workflows: ["patient_demographics"],
          messageTypes: "ADT^A08",
          endpointSandbox: "",
          endpointTest: "",
          endpointProduction: "",
          vendorOwner: "",
          customerOwner: "",
          status: "building",
          note: "",
        }),
      )
    ).interfaceId;

  it("links one of the implementation's interfaces and refuses another implementation's or organization's", async () => {
    const own = await iface(demographics, "Linked ADT feed");
    const sameOrgOtherImpl = await iface(appointments, "Appointments ADT feed");
    const otherOrg = await iface(documents, "Lakeshore ADT feed");
    const { testPatientId } = await addTestPatient(v.riverbend!, patientInput({ testIdentifier: "ZZTEST2002", label: "Test patient G (synthetic)" }));
    const form = (interfaceId: string) =>
      addScenarioSchema.parse({ testPatientId, workflowSurface: "patient_demographics", interfaceId, scenario: "Address update flows", expectedOutcome: "Address updated", observedOutcome: "", result: "not_run" });

    for (const foreign of [otherOrg, sameOrgOtherImpl, MISSING_ID]) {
      await expect(addScenario(v.riverbend!, form(foreign)), foreign).rejects.toMatchObject({ code: "invalid", fieldErrors: { interfaceId: ["Choose one of this implementation's interfaces."] } });
    }
    expect(await demo.db.select().from(testPatientScenarios).where(eq(testPatientScenarios.testPatientId, testPatientId))).toEqual([]);

    const { scenarioId } = await addScenario(v.riverbend!, form(own));
    expect(await scenarioRow(scenarioId)).toMatchObject({ interfaceId: own });
    const register = await getTestPatientRegister(v.riverbend!, demographics);
    expect(register.interfaces.map((i) => i.name)).toEqual(["Linked ADT feed"]);
    const scenario = register.patients.find((p) => p.id === testPatientId)!.scenarios[0]!;
    expect(scenario).toMatchObject({ interfaceId: own, interfaceName: "Linked ADT feed" });

    // Without an interface (the select left on None, or an older form without the field).
    const { scenarioId: none } = await addScenario(v.riverbend!, addScenarioSchema.parse({ ...form(""), interfaceId: undefined }));
    expect(await scenarioRow(none)).toMatchObject({ interfaceId: null });
  });
});
