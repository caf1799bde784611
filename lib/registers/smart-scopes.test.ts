import { describe, expect, it } from "vitest";
import { describeScope, parseSmartScope } from "./smart-scopes";

describe("parseSmartScope", () => {
  it.each([
    ["patient/Appointment.rs", "patient", "Appointment", "rs"],
    ["system/Patient.r", "system", "Patient", "r"],
    ["user/Slot.rs", "user", "Slot", "rs"],
    ["system/Appointment.cruds", "system", "Appointment", "cruds"],
    ["patient/*.cud", "patient", "*", "cud"],
    ["user/Observation.s", "user", "Observation", "s"],
  ])("accepts the v2 scope %s", (raw, context, resourceType, permissions) => {
    const parsed = parseSmartScope(raw);
    expect(parsed).toEqual({ ok: true, scope: { kind: "resource", smartVersion: "v2", context, resourceType, permissions, query: null } });
  });

  it("accepts a v2 query and keeps it", () => {
    const parsed = parseSmartScope("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
    expect(parsed.ok && parsed.scope.kind === "resource" && parsed.scope.query).toBe(
      "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
    );
    expect(parseSmartScope("patient/Condition.rs?category=problem-list-item&clinical-status=active").ok).toBe(true);
  });

  it.each(["patient/*.read", "user/Appointment.write", "system/*.*"])("accepts the v1 scope %s and says it is v1", (raw) => {
    const parsed = parseSmartScope(raw);
    expect(parsed.ok && parsed.scope.kind === "resource" && parsed.scope.smartVersion).toBe("v1");
    if (parsed.ok) expect(describeScope(parsed.scope)).toMatch(/^SMART v1 scope/);
  });

  it.each(["openid", "fhirUser", "launch", "launch/patient", "offline_access", "online_access"])("accepts %s as a scope without a resource", (raw) => {
    expect(parseSmartScope(raw)).toEqual({ ok: true, scope: { kind: "non_resource", scope: raw } });
  });

  it.each([
    ["", /Enter a scope/],
    ["Appointment.rs", /starts with patient\/, user\/ or system\//],
    ["practitioner/Appointment.rs", /starts with patient\//],
    ["patient/Appointment", /dot and the permissions/],
    ["patient/appointment.rs", /not a FHIR R4 resource type/],
    ["patient/Appointment.sr", /c r u d s, in that order/],
    ["patient/Appointment.rr", /in that order/],
    ["patient/Appointment.", /at least one/],
    ["patient/Appointment.x", /c r u d s/],
    ["patient/Appointment.READ", /c r u d s/],
    ["patient/*.read?category=x", /v1 scope .* cannot carry/],
    ["patient/Observation.rs?category", /name=value/],
    ["patient/Observation.rs?", /name=value/],
    ["patient/Appointment.rs openid", /no spaces/],
    ["patient/Appoint\u200Bment.rs", /not a FHIR R4 resource type/],
    ["patient/Appointment.rs\u202E", /c r u d s/],
    ["<script>alert(1)</script>", /starts with/],
    ["' OR 1=1--", /no spaces/],
  ])("refuses %j with a reason", (raw, reason) => {
    const parsed = parseSmartScope(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  // SMART App Launch 2.2's own examples: misspelt or invented resource types were accepted.
  it.each(["patient/Apointment.rs", "user/Patients.rs", "system/Foo.cruds"])("refuses %s: not an R4 resource type", (raw) => {
    const parsed = parseSmartScope(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/not a FHIR R4 resource type/);
  });

  it.each(["launch/imagingstudy", "launch/list?role=https://example.org/worklist", "launch/practitionerrole"])("accepts the EHR-defined launch context %s, labelled as an extension", (raw) => {
    const parsed = parseSmartScope(raw);
    expect(parsed).toEqual({ ok: true, scope: { kind: "launch_extension", scope: raw } });
    if (parsed.ok) expect(describeScope(parsed.scope)).toMatch(/^Extension/);
  });

  it.each(["smart/orchestrate_launch", "need_patient_banner", "urn:example:scheduling.read"])("accepts the custom scope %s, labelled as custom", (raw) => {
    const parsed = parseSmartScope(raw);
    expect(parsed).toEqual({ ok: true, scope: { kind: "custom", scope: raw } });
    if (parsed.ok) expect(describeScope(parsed.scope)).toMatch(/^Custom scope/);
  });

  it("describes a v2 scope in words", () => {
    const parsed = parseSmartScope("patient/Appointment.rs");
    if (!parsed.ok) throw new Error("expected a scope");
    expect(describeScope(parsed.scope)).toBe("read, search Appointment for the patient in context");
  });
});
