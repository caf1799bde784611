import { describe, expect, it } from "vitest";
import { workflows } from "@/lib/domain/vocabulary";
import { interfaceProposedRows, permissionCatalog, proposedRows } from "./catalog";
import { checkPermission } from "./permission-format";

describe("permission catalog", () => {
  it.each(workflows)("proposes only valid permissions for %s", (workflow) => {
    for (const row of permissionCatalog[workflow]) {
      const check = checkPermission(row.interface, row.permission);
      expect(check, row.permission).toMatchObject({ ok: true, value: row.permission });
    }
  });

  it("proposes Appointment, Schedule, Slot and SIU^S12–S15 for appointment sync", () => {
    expect(permissionCatalog.appointment_sync.map((r) => r.permission)).toEqual([
      "system/Appointment.crus",
      "system/Schedule.rs",
      "system/Slot.rs",
      "SIU^S12",
      "SIU^S13",
      "SIU^S14",
      "SIU^S15",
    ]);
  });

  it("leaves out rows the matrix already has", () => {
    const rows = proposedRows("scheduling_availability", [{ interface: "fhir_api", permission: "system/Slot.rs" }]);
    expect(rows.map((r) => r.permission)).toEqual(["system/Schedule.rs", "system/Practitioner.rs", "system/Location.rs"]);
  });
});

describe("checkPermission", () => {
  it("says a v1 scope is v1", () => {
    expect(checkPermission("fhir_api", "patient/*.read")).toMatchObject({ ok: true, smartV1: true });
  });
  it("refuses control and invisible characters in a proprietary permission", () => {
    expect(checkPermission("proprietary_api", "appointments:write\u202E").ok).toBe(false);
    expect(checkPermission("proprietary_api", "appointments:\u200Bwrite").ok).toBe(false);
    expect(checkPermission("proprietary_api", "appointments:write")).toMatchObject({ ok: true });
    expect(checkPermission("proprietary_api", "x".repeat(10_000)).ok).toBe(false);
  });
});

describe("interfaceProposedRows", () => {
  const feed = { name: "SIU feed", kind: "hl7v2_feed" as const, workflows: ["appointment_sync" as const], messageTypes: ["SIU^S12", "adt^a04^ADT_A01", "not an event"] };

  it("proposes one HL7 row per event of a feed, with the catalog's note where it has one", () => {
    const rows = interfaceProposedRows(feed, []);
    expect(rows.map((r) => `${r.interface} ${r.permission}`)).toEqual(["hl7v2_feed SIU^S12", "hl7v2_feed ADT^A04"]);
    expect(rows[0]!.note).toBe("New appointment booking.");
  });

  it("proposes a system scope per FHIR resource, using the catalog's operations when it knows the resource", () => {
    const api = { name: "Scheduling API", kind: "fhir_api" as const, workflows: [], messageTypes: ["Appointment", "Encounter", "Appointment", "bad resource"] };
    expect(interfaceProposedRows(api, []).map((r) => r.permission)).toEqual(["system/Appointment.crus", "system/Encounter.rs"]);
  });

  it("skips rows the matrix already holds, and proposes nothing for kinds without permissions", () => {
    expect(interfaceProposedRows(feed, [{ interface: "hl7v2_feed", permission: "SIU^S12" }]).map((r) => r.permission)).toEqual(["ADT^A04"]);
    expect(interfaceProposedRows({ ...feed, kind: "sftp" }, [])).toEqual([]);
  });
});
