import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, permissionChecks, permissionRequirements } from "@/db/schema";
import { addInterfaceSchema } from "@/lib/validation/interfaces";
import {
  addCatalogRowsSchema,
  addInterfaceRowsSchema,
  addPermissionRowSchema,
  recordPermissionCheckSchema,
  removePermissionRowSchema,
  setPermissionColumnSchema,
  updatePermissionRowSchema,
} from "@/lib/validation/registers";
import { demoImpl, envId, MISSING_ID, withDemoDatabase } from "@/test/fixtures/demo";
import { listPortfolio } from "./implementations";
import { addInterface } from "./interfaces";
import {
  addCatalogRows,
  addInterfaceRows,
  addPermissionRow,
  getPermissionMatrix,
  recordPermissionCheck,
  removePermissionRow,
  setPermissionColumn,
  updatePermissionRow,
} from "./permissions";
import { getRegisterSummary } from "./registers";

const demo = withDemoDatabase();
const { v } = demo;

const { appointments, demographics, availability } = demoImpl;

async function rowId(implementationId: string, permission: string) {
  const [row] = await demo.db
    .select({ id: permissionRequirements.id, version: permissionRequirements.version })
    .from(permissionRequirements)
    .where(and(eq(permissionRequirements.implementationId, implementationId), eq(permissionRequirements.permission, permission)));
  return row!;
}

async function cell(requirementId: string, environmentId: string) {
  const [row] = await demo.db
    .select()
    .from(permissionChecks)
    .where(and(eq(permissionChecks.requirementId, requirementId), eq(permissionChecks.environmentId, environmentId)));
  return row;
}

describe("getPermissionMatrix", () => {
  it("shows a customer their own matrix with drift flagged per row", async () => {
    const m = await getPermissionMatrix(v.riverbend!, appointments);
    expect(m.environments.map((e) => e.kind)).toEqual(["sandbox", "test", "production"]);
    const appointment = m.rows.find((r) => r.permission === "patient/Appointment.rs")!;
    expect(appointment.cells.map((c) => c.result)).toEqual(["granted", "granted", "denied"]);
    expect(appointment.drift).toMatchObject({ grantedIn: ["sandbox", "test"], production: "denied" });
    expect(m.rows.find((r) => r.permission === "system/Schedule.rs")!.drift).toBeNull();
    expect(m.summary.drift.length).toBeGreaterThanOrEqual(5);
    expect(m.canRecord).toBe(true);
    expect(m.canManage).toBe(false);
  });

  it("answers another organization's, a missing and a malformed id with the same not found", async () => {
    for (const id of [appointments, MISSING_ID, "not-a-uuid"]) {
      await expect(getPermissionMatrix(v.lakeshore!, id), id).rejects.toMatchObject({ code: "not_found", message: "Implementation was not found." });
    }
  });
});

describe("adding and removing rows", () => {
  it("lets a manager add a workflow's catalog rows in one step, each with a cell per environment", async () => {
    const before = await getPermissionMatrix(v.manager!, demographics);
    expect(before.rows).toHaveLength(0);
    const group = before.catalog.find((g) => g.workflow === "appointment_sync")!;
    expect(group.inScope).toBe(false);
    expect(before.catalog[0]).toMatchObject({ workflow: "patient_demographics", inScope: true });

    const input = addCatalogRowsSchema.parse({ implementationId: demographics, workflow: "appointment_sync", rows: group.rows.map((r) => r.key) });
    const result = await addCatalogRows(v.manager!, input);
    expect(result.added).toBe(7);
    const after = await getPermissionMatrix(v.manager!, demographics);
    expect(after.rows).toHaveLength(7);
    expect(after.rows.every((r) => r.cells.every((c) => c.version === 1 && c.result === "unverified"))).toBe(true);
    expect(after.catalog.find((g) => g.workflow === "appointment_sync")).toBeUndefined();

    const audits = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.implementationId, demographics), eq(auditEvents.action, "permission_requirement.added")));
    expect(audits).toHaveLength(7);
    await expect(addCatalogRows(v.manager!, input)).rejects.toMatchObject({ code: "invalid", message: "Those rows are already in the matrix." });
  });

  it("refuses catalog keys the catalog does not propose", async () => {
    const input = addCatalogRowsSchema.parse({ implementationId: demographics, workflow: "patient_demographics", rows: ["fhir_api|system/*.cruds"] });
    await expect(addCatalogRows(v.manager!, input)).rejects.toMatchObject({ code: "invalid", fieldErrors: { rows: ["Choose rows from the catalog."] } });
  });

  it("lets engineers add a custom row, refuses a duplicate, and keeps customer IT to recording results", async () => {
    const input = addPermissionRowSchema.parse({ implementationId: demographics, interface: "hl7v2_feed", permission: " adt^a28 ", required: "on", note: "" });
    expect(input.permission).toBe("ADT^A28");
    await addPermissionRow(v.engineer!, input);
    await expect(addPermissionRow(v.engineer!, input)).rejects.toMatchObject({ code: "invalid", fieldErrors: { permission: ["This permission is already in the matrix."] } });
    await expect(addPermissionRow(v.riverbend!, { ...input, permission: "ADT^A31" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(addPermissionRow(v.manager!, { ...input, implementationId: MISSING_ID })).rejects.toMatchObject({ code: "not_found" });
  });

  it("checks the scope grammar before anything reaches the DAL", () => {
    const parsed = addPermissionRowSchema.safeParse({ implementationId: demographics, interface: "fhir_api", permission: "patient/Appointment.sr", note: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["permission"], message: expect.stringMatching(/in that order/) });
  });

  it("edits and removes a row with its version, audited, and refuses a stale one", async () => {
    const row = await rowId(demographics, "ADT^A28");
    const update = updatePermissionRowSchema.parse({ requirementId: row.id, version: String(row.version), note: "Only if the feed carries person records." });
    await expect(updatePermissionRow(v.riverbend!, update)).rejects.toMatchObject({ code: "forbidden" });
    const { version } = await updatePermissionRow(v.manager!, update);
    expect(version).toBe(row.version + 1);
    await expect(updatePermissionRow(v.manager!, update)).rejects.toMatchObject({ code: "conflict" });
    await expect(removePermissionRow(v.manager!, removePermissionRowSchema.parse({ requirementId: row.id, version: String(row.version) }))).rejects.toMatchObject({ code: "conflict" });
    await removePermissionRow(v.manager!, removePermissionRowSchema.parse({ requirementId: row.id, version: String(version) }));
    expect(await rowId(demographics, "ADT^A28")).toBeUndefined();
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, row.id), eq(auditEvents.action, "permission_requirement.removed")));
    expect(audit?.before).toMatchObject({ permission: "ADT^A28", cells: expect.any(Array) });
  });
});

describe("recording results", () => {
  it("lets customer IT of the same organization record a cell, with who and when", async () => {
    const row = await rowId(demographics, "system/Slot.rs");
    const environmentId = envId("riverbend-demographics", "sandbox");
    const input = recordPermissionCheckSchema.parse({ requirementId: row.id, environmentId, version: "1", result: "granted", note: "200 on search" });
    const { version } = await recordPermissionCheck(v.riverbend!, input);
    expect(version).toBe(2);
    const c = await cell(row.id, environmentId);
    expect(c).toMatchObject({ result: "granted", note: "200 on search", checkedById: v.riverbend!.userId });
    expect(c?.checkedAt).toBeInstanceOf(Date);
    // The same form again is out of date: who changed it is named.
    await expect(recordPermissionCheck(v.engineer!, input)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Casey Lin set this cell to granted") });
  });

  it("hides another organization's row and refuses another implementation's environment", async () => {
    const row = await rowId(demographics, "system/Slot.rs");
    const base = { requirementId: row.id, environmentId: envId("riverbend-demographics", "test"), version: "1", result: "denied", note: "" };
    await expect(recordPermissionCheck(v.lakeshore!, recordPermissionCheckSchema.parse(base))).rejects.toMatchObject({ code: "not_found", message: "Permission row was not found." });
    await expect(recordPermissionCheck(v.engineer!, recordPermissionCheckSchema.parse({ ...base, environmentId: envId("riverbend-appointments", "test") }))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { environmentId: ["Choose one of this implementation's environments."] },
    });
    await expect(recordPermissionCheck(v.engineer!, { ...recordPermissionCheckSchema.parse(base), requirementId: "x' OR 1=1--" })).rejects.toMatchObject({ code: "not_found" });
    await expect(recordPermissionCheck(v.admin!, recordPermissionCheckSchema.parse(base))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("sets a whole column after a check run, refusing it when a cell changed since the page was read", async () => {
    const before = await getPermissionMatrix(v.engineer!, demographics);
    const columnIndex = before.environments.findIndex((e) => e.kind === "sandbox");
    const cells = before.rows.map((r) => `${r.id}:${r.cells[columnIndex]!.version}`);
    const input = setPermissionColumnSchema.parse({ implementationId: demographics, environmentId: envId("riverbend-demographics", "sandbox"), result: "granted", note: "Check run 42", onlyUnverified: "on", cells });
    const { updated } = await setPermissionColumn(v.engineer!, input);
    expect(updated).toBe(before.rows.length - 1);
    await expect(setPermissionColumn(v.engineer!, input)).rejects.toMatchObject({ code: "conflict" });

    const after = await getPermissionMatrix(v.engineer!, demographics);
    expect(after.rows.every((r) => r.cells[columnIndex]!.result === "granted")).toBe(true);
    // Granted in sandbox, unverified in production: every row now drifts.
    expect(after.summary.drift).toHaveLength(after.rows.length);
    await expect(setPermissionColumn(v.lakeshore!, { ...input, cells: input.cells })).rejects.toMatchObject({ code: "not_found" });
  });

  it("counts drift in the portfolio and the register summary, and a production grant clears it", async () => {
    const portfolio = (await listPortfolio(v.manager!)).rows;
    const row = portfolio.find((r) => r.id === demographics)!;
    expect(row.permissionDrift).toBe(7);
    expect(portfolio.find((r) => r.id === availability)!.permissionDrift).toBe(0);

    const slot = await rowId(demographics, "system/Slot.rs");
    const prod = envId("riverbend-demographics", "production");
    await recordPermissionCheck(v.engineer!, recordPermissionCheckSchema.parse({ requirementId: slot.id, environmentId: prod, version: "1", result: "granted", note: "" }));
    const summary = await getRegisterSummary(v.riverbend!, demographics);
    expect(summary.permissions.drift).toHaveLength(6);
    expect(summary.permissions.productionGranted).toBe(1);
    expect(((await listPortfolio(v.riverbend!)).rows).find((r) => r.id === demographics)!.permissionDrift).toBe(6);
    await expect(getRegisterSummary(v.lakeshore!, demographics)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("rows that name their interface", () => {
  const ifaceForm = (implementationId: string, name: string, kind: string, messageTypes: string, workflows: string[] = []) =>
    addInterfaceSchema.parse({
      implementationId,
      name,
      kind,
      direction: "outbound",
      sourceSystem: "",
      targetSystem: "",
      workflows,
      messageTypes,
      endpointSandbox: "",
      endpointTest: "",
      endpointProduction: "",
      vendorOwner: "",
      customerOwner: "",
      status: "building",
      note: "",
    });
  let api: string;
  let otherOrg: string;
  let otherImpl: string;

  it("proposes an interface's rows on the matrix and adds them in one audited step, skipping rows already there", async () => {
    api = (await addInterface(v.manager!, ifaceForm(appointments, "Scheduling FHIR API", "fhir_api", "Appointment, Encounter, Coverage", ["appointment_sync"]))).interfaceId;
    otherOrg = (await addInterface(v.manager!, ifaceForm(availability, "Lakeshore SIU feed", "hl7v2_feed", "SIU^S26"))).interfaceId;
    otherImpl = (await addInterface(v.manager!, ifaceForm(demographics, "Demographics SIU feed", "hl7v2_feed", "SIU^S26"))).interfaceId;
    // The seed holds system/Appointment.crus and someone typed Encounter's in by hand: neither is proposed again.
    await addPermissionRow(v.manager!, addPermissionRowSchema.parse({ implementationId: appointments, interface: "fhir_api", permission: "system/Encounter.rs", required: "on", note: "" }));

    const before = await getPermissionMatrix(v.manager!, appointments);
    expect(before.interfaces.map((i) => i.name)).toEqual(["Scheduling FHIR API"]);
    const proposal = before.interfaceProposals.find((p) => p.interfaceId === api)!;
    expect(proposal.rows.map((r) => r.permission)).toEqual(["system/Coverage.rs"]);

    const input = addInterfaceRowsSchema.parse({ implementationId: appointments, interfaceId: api });
    await expect(addInterfaceRows(v.riverbend!, input)).rejects.toMatchObject({ code: "forbidden" });
    expect(await addInterfaceRows(v.engineer!, input)).toMatchObject({ added: 1 });
    const after = await getPermissionMatrix(v.riverbend!, appointments);
    const added = after.rows.find((r) => r.permission === "system/Coverage.rs")!;
    expect(added).toMatchObject({ interfaceId: api, interfaceName: "Scheduling FHIR API" });
    expect(added.cells.map((c) => c.result)).toEqual(["unverified", "unverified", "unverified"]);
    expect(after.interfaceProposals).toEqual([]);
    const [audit] = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, added.id), eq(auditEvents.action, "permission_requirement.added")));
    expect(audit?.after).toMatchObject({ permission: "system/Coverage.rs", interfaceId: api });
    await expect(addInterfaceRows(v.engineer!, input)).rejects.toMatchObject({ code: "invalid", fieldErrors: { interfaceId: [expect.stringContaining("already has every row")] } });
  });

  it("refuses another organization's or implementation's interface on every write, linking nothing", async () => {
    for (const foreign of [otherOrg, otherImpl, MISSING_ID]) {
      const refused = { code: "invalid", fieldErrors: { interfaceId: ["Choose one of this implementation's interfaces."] } };
      await expect(addInterfaceRows(v.manager!, addInterfaceRowsSchema.parse({ implementationId: appointments, interfaceId: foreign })), foreign).rejects.toMatchObject(refused);
      await expect(
        addPermissionRow(v.manager!, addPermissionRowSchema.parse({ implementationId: appointments, interface: "hl7v2_feed", permission: "SIU^S26", interfaceId: foreign, required: "on", note: "" })),
      ).rejects.toMatchObject(refused);
      const row = await rowId(appointments, "system/Encounter.rs");
      await expect(updatePermissionRow(v.manager!, updatePermissionRowSchema.parse({ requirementId: row.id, version: String(row.version), interfaceId: foreign, required: "on", note: "" }))).rejects.toMatchObject(refused);
    }
    // Through the other organization's implementation, the other side's customer sees not found.
    await expect(addInterfaceRows(v.lakeshore!, addInterfaceRowsSchema.parse({ implementationId: appointments, interfaceId: otherOrg }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await rowId(appointments, "SIU^S26")).toBeUndefined();
    expect((await rowId(appointments, "system/Encounter.rs")).version).toBe(1);
  });

  it("links and unlinks a row's interface on edit, audited", async () => {
    const row = await rowId(appointments, "system/Encounter.rs");
    const { version } = await updatePermissionRow(v.manager!, updatePermissionRowSchema.parse({ requirementId: row.id, version: String(row.version), interfaceId: api, required: "on", note: "" }));
    expect((await getPermissionMatrix(v.manager!, appointments)).rows.find((r) => r.id === row.id)).toMatchObject({ interfaceName: "Scheduling FHIR API" });
    await updatePermissionRow(v.manager!, updatePermissionRowSchema.parse({ requirementId: row.id, version: String(version), interfaceId: "", required: "on", note: "" }));
    expect((await getPermissionMatrix(v.manager!, appointments)).rows.find((r) => r.id === row.id)).toMatchObject({ interfaceId: null, interfaceName: null });
    const audits = await demo.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, row.id), eq(auditEvents.action, "permission_requirement.updated")));
    expect(audits.map((a) => a.after)).toEqual(expect.arrayContaining([expect.objectContaining({ interfaceId: api }), expect.objectContaining({ interfaceId: null })]));
  });
});
