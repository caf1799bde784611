import { describe, expect, it } from "vitest";
import { workflows } from "@/lib/vocabulary";
import { permissionCatalog, proposedRows } from "./catalog";
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
