import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reviewPayload } from "./review";
import { ruleTable } from "./rules";
import type { PayloadReview } from "./types";

// The payload review as an integration engineer reads it: field-level findings with their path
// and line, identifying values never kept, malformed input answered with findings.

const fixtures = join(__dirname, "..", "..", "test", "fixtures");
const rules = ruleTable();
const review = (text: string) => reviewPayload(text, rules);
const codes = (r: PayloadReview) => r.findings.map((f) => `${f.code} ${f.path}`);
const find = (r: PayloadReview, path: string) => r.findings.find((f) => f.path === path);
const stored = (r: PayloadReview) => JSON.stringify(r);

// A synthetic SIU^S12: ZZTEST names, an identifier that belongs to nobody.
const siu = [
  "MSH|^~\\&|EPIC|RIVERBEND|READYROOM|VENDOR|20261201093000||SIU^S12^SIU_S12|ZZ0001|T|2.5.1",
  "SCH|ZZAPPT1|ZZFILL1|||||ROUTINE^Routine|||60^MIN|^^60^20261210090000^20261210100000",
  "PID|1||ZZTEST1001^^^RIVERBEND^MR||ZZTEST^PATIENT^ONE||19800101|F|||1 TEST WAY^^SPRINGFIELD^IL^62701||(555) 010-0000|||||||987-65-4321",
  "RGS|1|A",
  "AIS|1|A|OFFICE^Office visit",
  "ZPI|1|local data",
].join("\r");

describe("HL7 v2 review", () => {
  it("reads a complete SIU^S12 with no errors, names its type without the structure, and flags the Z-segment as a local extension", () => {
    const r = review(siu);
    expect(r.format).toBe("hl7v2");
    expect(r.messageType).toBe("SIU^S12");
    expect(r.errors).toBe(0);
    const z = find(r, "ZPI")!;
    expect(z.message).toMatch(/not in the spec \(local extension\)/);
    expect(z.line).toBe(6);
  });

  it("reports PID-3 missing and SCH-11 empty with their lines", () => {
    const broken = siu.replace("|ZZTEST1001^^^RIVERBEND^MR|", "||").replace("|60^MIN|^^60^20261210090000^20261210100000", "|60^MIN|");
    const r = review(broken);
    const pid3 = find(r, "PID-3")!;
    expect(pid3.code).toBe("field_empty");
    expect(pid3.message).toMatch(/^PID-3 empty/);
    expect(pid3.line).toBe(3);
    expect(find(r, "SCH-11")!.message).toMatch(/^SCH-11 (empty|missing)/);
  });

  it("reports a missing segment and a missing group of resource segments", () => {
    const r = review(siu.split("\r").filter((l) => !l.startsWith("SCH") && !l.startsWith("AIS")).join("\r"));
    expect(codes(r)).toContain("segment_missing SCH");
    expect(codes(r)).toContain("segment_missing AIS or AIG or AIL or AIP");
  });

  it("never keeps PID-5 names, PID-7 birth date, PID-11 address, PID-13 phone or PID-19 SSN", () => {
    const r = review(siu);
    const s = stored(r);
    for (const secret of ["ZZTEST^PATIENT", "PATIENT", "19800101", "1 TEST WAY", "SPRINGFIELD", "010-0000", "987-65-4321", "ZZTEST1001"]) {
      expect(s, secret).not.toContain(secret);
    }
    const pid = r.structure.find((n) => n.name === "PID")!;
    expect(pid.fields.find((f) => f.path === "PID-5")).toEqual({ path: "PID-5", valued: true, masked: true });
    // A coded value that identifies nobody is kept.
    expect(r.structure.find((n) => n.name === "MSH")!.fields.find((f) => f.path === "MSH-9")!.value).toBe("SIU^S12^SIU_S12");
  });

  it("masks a value that looks like a person's details even in a field not known to hold them", () => {
    const r = review(siu.replace("ZPI|1|local data", "ZPI|1|call 555-010-9999"));
    expect(stored(r)).not.toContain("555-010-9999");
  });

  it("accepts the message type written with its structure (ADT^A04^ADT_A01) and applies ADT^A04's rules", () => {
    const r = review("MSH|^~\\&|A|B|C|D|20261201||ADT^A04^ADT_A01|ZZ2|T|2.5\rEVN|A04\rPID|1||ZZTEST2^^^H||ZZTEST^TWO");
    expect(r.messageType).toBe("ADT^A04");
    expect(codes(r)).toEqual(expect.arrayContaining(["segment_missing PV1"]));
    expect(find(r, "PID-5")).toBeUndefined();
  });

  it("unframes MLLP, strips a byte-order mark, and reads CRLF, LF and mixed segment ends", () => {
    const framed = `\x0b\uFEFF${siu.replaceAll("\r", "\r\n")}\x1c\r`;
    const r = review(framed);
    expect(r.errors).toBe(0);
    expect(codes(r)).toEqual(expect.arrayContaining(["mllp_unframed payload"]));
    const mixed = review(siu.split("\r").map((l, i) => l + (i % 2 ? "\n" : "\r")).join(""));
    expect(mixed.errors).toBe(0);
    expect(codes(mixed)).toContain("mixed_segment_ends payload");
  });

  it("reads the public ADT^A01 sample (LF segment ends) and checks it against ADT^A01's rules", () => {
    const r = review(readFileSync(join(fixtures, "hl7", "cdc-ti-mn-adt-a01.hl7"), "utf8"));
    expect(r.messageType).toBe("ADT^A01");
    expect(r.errors).toBe(0);
    expect(stored(r)).not.toContain("SMITH");
    expect(stored(r)).not.toContain("HIGHWAY");
  });

  it("splits an FHS/BHS batch, counts its messages against BTS-1, and prefixes findings by message", () => {
    const second = siu.replace("ZZ0001", "ZZ0002").replace("|ZZTEST1001^^^RIVERBEND^MR|", "||");
    const batch = ["FHS|^~\\&|EPIC", "BHS|^~\\&|EPIC", siu, second, "BTS|3", "FTS|1"].join("\r");
    const r = review(batch);
    expect(r.units).toBe(2);
    expect(codes(r)).toContain("batch_count BTS-1");
    expect(codes(r)).toContain("field_empty message 2 › PID-3");
    expect(find(r, "message 1 › PID-3")).toBeUndefined();
  });

  it("flags an escape sequence that is not closed, and accepts closed ones and repetitions", () => {
    const ok = review(siu.replace("ROUTINE^Routine", "ROUTINE\\T\\X^Routine~SECOND"));
    expect(codes(ok).some((c) => c.startsWith("escape_unclosed"))).toBe(false);
    const bad = review(siu.replace("ROUTINE^Routine", "ROUTINE\\T^Routine"));
    expect(codes(bad)).toContain("escape_unclosed SCH-7");
  });

  it("answers wrong separators, a truncated message, a wrapped line and a missing header with findings", () => {
    expect(codes(review("MSH|^~|A|B\rPID|1"))).toContain("separators MSH-2");
    expect(codes(review("MSH|^~\\&|A|B|C|D|20261201||SIU^S12|ZZ3|T|2.5"))).toContain("header_only MSH");
    const wrapped = review(siu.replace("RGS|1|A", "RGS|1|A\rcontinued text of a wrapped line"));
    expect(codes(wrapped)).toContain("not_a_segment line 5");
    expect(codes(review("PID|1||X"))).toContain("no_header MSH");
  });
});

describe("FHIR R4 review", () => {
  const appointment = {
    resourceType: "Appointment",
    status: "booked",
    start: "2026-12-10T09:00:00Z",
    end: "2026-12-10T10:00:00Z",
    participant: [{ actor: { reference: "Patient/zztest-1", display: "Zztest Patient One" }, status: "accepted" }],
  };

  it("accepts a complete R4 Appointment", () => {
    const r = review(JSON.stringify(appointment, null, 2));
    expect(r.format).toBe("fhir");
    expect(r.messageType).toBe("Appointment");
    expect(r.errors).toBe(0);
    expect(stored(r)).not.toContain("Zztest Patient One");
  });

  it("says Appointment.status value not in its value set, with its line", () => {
    const r = review(JSON.stringify({ ...appointment, status: "confirmed" }, null, 2));
    const f = find(r, "Appointment.status")!;
    expect(f.message).toMatch(/^Appointment\.status value not in its value set/);
    expect(f.line).toBe(3);
  });

  it("reports required fields from the rule table (Patient: identifier, name) and masks what identifies", () => {
    const r = review(JSON.stringify({ resourceType: "Patient", birthDate: "1980-01-01", telecom: [{ system: "phone", value: "555-010-1234" }] }));
    expect(codes(r)).toEqual(expect.arrayContaining(["field_missing Patient.identifier", "field_missing Patient.name"]));
    expect(stored(r)).not.toContain("1980-01-01");
    expect(stored(r)).not.toContain("555-010-1234");
  });

  it("names a resource of another FHIR version: a STU3 example, a DSTU2 type", () => {
    const stu3 = review(readFileSync(join(fixtures, "fhir", "fhir-spec-appointment-example-stu3.json"), "utf8"));
    expect(stu3.errors).toBeGreaterThan(0);
    expect(stu3.findings.some((f) => f.path.startsWith("Appointment.serviceCategory"))).toBe(true);
    expect(stored(stu3)).not.toContain("Peter James Chalmers");
    expect(codes(review('{"resourceType":"ProcedureRequest","status":"active"}'))).toContain("fhir_version ProcedureRequest");
  });

  it("reviews each entry of a Bundle with an entry prefix", () => {
    const bundle = { resourceType: "Bundle", type: "collection", entry: [{ resource: appointment }, { resource: { resourceType: "Patient", name: [{ family: "Zztest" }] } }] };
    const r = review(JSON.stringify(bundle, null, 1));
    expect(r.units).toBe(2);
    expect(r.messageType).toBe("Bundle: Appointment, Patient");
    expect(codes(r)).toContain("field_missing entry[1] Patient.identifier");
  });

  it("answers invalid JSON with its line, and JSON that is no resource", () => {
    const r = review('{\n  "resourceType": "Patient",\n  "name": [\n');
    expect(r.findings[0]!.code).toBe("invalid_json");
    expect(r.findings[0]!.line).toBeGreaterThanOrEqual(3);
    expect(codes(review("[1,2]"))).toContain("not_a_resource payload");
    expect(codes(review('{"id":"x"}'))).toContain("no_resource_type resourceType");
  });
});

describe("malformed input", () => {
  it("answers binary, garbage, emptiness and an oversized payload with one finding each, never an exception", () => {
    expect(codes(review("\u0000\u0001PK\u0003\u0004binary"))).toEqual(["binary payload"]);
    expect(codes(review("x".repeat(1_000_001)))).toEqual(["too_large payload"]);
    expect(codes(review("   "))).toEqual(["empty payload"]);
    expect(codes(review("hello, this is not a message"))).toEqual(["unknown_format payload"]);
    const garbage = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join("");
    expect(() => review(garbage)).not.toThrow();
    expect(() => review(`MSH${garbage}`)).not.toThrow();
    expect(() => review(`{${garbage}`)).not.toThrow();
  });
});
