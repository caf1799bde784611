import { parse } from "csv-parse/browser/esm/sync";
import { describe, expect, it } from "vitest";
import { evaluateGate, gateContext, sourceOfTruthReasons, type GateDataDomainInput } from "@/lib/domain/gate-rules";
import { parseMessageTypes } from "@/lib/validation/interfaces";
import { inventoryCsv, previewInventoryImport } from "./csv";
import { gateDataDomains } from "./domains";
import { detectSecret } from "./secrets";

const IMPL = "3f0c5c1e-1c1a-4c1a-8c1a-1c1a1c1a1c1a";
const records = (text: string) => parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];

describe("endpoint descriptions refuse secrets", () => {
  it.each([
    ["sftp://svc:Winter2026!@files.example/in", /user name and password/],
    ["https://api.example/fhir?access_token=abcdef123456", /secret or token|signed or keyed URL/],
    ["password=hunter22 host=db", /a password/],
    ["client_secret: 9f8e7d", /secret or token/],
    ["Authorization: Bearer abcdefghijklmnop", /bearer token|secret or token/],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU", /JSON web token/],
    ["AKIAABCDEFGHIJKLMNOP", /cloud access key/],
    ["key Zx8Qw2Lm9Rt4Yp7Vb3Nc6Kd1Hg5Jf0Ts2Ae", /random-looking/],
  ])("refuses %s", (value, reason) => {
    expect(detectSecret(value)).toMatch(reason);
  });

  it.each(["mllp://engine.riverbend.example:6661", "https://fhir.example.org/api/FHIR/R4", "SFTP files.example /inbound/siu, nightly 02:00", "channel ADT_IN_PROD on Rhapsody"])(
    "accepts %s",
    (value) => {
      expect(detectSecret(value)).toBeNull();
    },
  );
});

describe("message types", () => {
  it("keeps HL7 type and trigger (dropping the structure), FHIR R4 resources, once each", () => {
    expect(parseMessageTypes("ADT^A04^ADT_A01, siu^s12; Appointment ADT^A04")).toEqual({ ok: true, values: ["ADT^A04", "SIU^S12", "Appointment"] });
  });
  it("names a bad entry by position without echoing it", () => {
    const r = parseMessageTypes("SIU^S12, Apointment");
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^Entry 2 is neither/) });
    expect(JSON.stringify(r)).not.toContain("Apointment");
  });
});

// The source-of-truth reasons of an implementation whose only facts are these domains.
function sourceOfTruthFor(dataDomains: GateDataDomainInput) {
  return sourceOfTruthReasons(
    gateContext({ implementationId: "x", status: "active", workflows: [], freshnessWindowDays: 14, now: new Date("2026-12-01T00:00:00Z"), items: [], permissions: [], productionScenarios: [], dataDomains }),
  );
}

describe("source of truth in the gate", () => {
  const inventory = [{ name: "Lab feed", workflows: ["orders_results"], status: "building", kind: "hl7v2_feed" }];

  it("weighs no domain before an inventory exists, so a checklist-only implementation is unchanged", () => {
    expect(gateDataDomains(["orders_results"], [], [])).toEqual([]);
  });

  it("blocks on a domain a workflow in scope needs, and only risks one an interface alone carries", () => {
    const domains = gateDataDomains(["patient_demographics"], inventory, [{ domain: "patient", agreed: true }]);
    const reasons = sourceOfTruthFor(domains);
    expect(reasons.map((r) => [r.key, r.severity])).toEqual([
      ["source-of-truth:encounter", "blocking"],
      ["source-of-truth:orders", "risk"],
      ["source-of-truth:results", "risk"],
    ]);
    expect(reasons[1]!.message).toContain("carried by Lab feed");
  });

  it("counts a domain put on the map without agreement, and none once agreed", () => {
    expect(sourceOfTruthFor(gateDataDomains([], [], [{ domain: "billing", agreed: false }]))).toHaveLength(1);
    expect(sourceOfTruthFor(gateDataDomains([], [], [{ domain: "billing", agreed: true }]))).toHaveLength(0);
  });

  it("turns the verdict to No-go through evaluateGate", () => {
    const gate = evaluateGate({
      implementationId: "x",
      status: "active",
      workflows: [],
      freshnessWindowDays: 14,
      now: new Date("2026-12-01T00:00:00Z"),
      items: [],
      permissions: [],
      productionScenarios: [],
      dataDomains: [{ domain: "scheduling", agreed: false, neededBy: ["appointment_sync"], carriedBy: [] }],
    });
    expect(gate.verdict).toBe("no_go");
    expect(gate.reasons[0]!.href).toBe("/implementations/x/interfaces#source-of-truth");
  });
});

describe("CSV import preview", () => {
  it("reads labels or codes in any case, and reports each row's problems with its line before anything is written", () => {
    const csv = [
      "Name,Kind,Direction,Workflows,Message Types,Endpoint Production,Status",
      "SIU feed,HL7 v2 feed,Inbound,Appointment sync;scheduling_availability,SIU^S12;SIU^S15,mllp://engine.example:6661,Testing",
      "FHIR API,fhir_api,both,,Appointment;Slot,,",
      "Bad row,carrier pigeon,sideways,,SIU^S99X,sftp://u:p@host/x,",
      "siu FEED,flat_file,outbound,,,,",
    ].join("\r\n");
    const preview = previewInventoryImport(records(csv), IMPL, []);
    expect(preview.problems).toEqual([]);
    expect(preview.rows.map((r) => [r.line, r.problems.length === 0])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
    ]);
    expect(preview.rows[0]!.input).toMatchObject({ kind: "hl7v2_feed", direction: "inbound", status: "testing", workflows: ["appointment_sync", "scheduling_availability"] });
    expect(preview.rows[1]!.input!.status).toBe("planned");
    expect(preview.rows[2]!.problems.join(" ")).toMatch(/kind: .*direction: .*message types: .*endpoint production: /s);
    expect(preview.rows[3]!.problems).toContain("name: the file names this interface twice.");
  });

  it("refuses a file without the required columns, and a name the inventory already has", () => {
    expect(previewInventoryImport(records("title,type\r\nx,y"), IMPL, []).problems).toEqual(expect.arrayContaining(['The header has no "name" column.']));
    const dup = previewInventoryImport(records("name,kind,direction\r\nADT feed,hl7v2_feed,inbound"), IMPL, ["adt FEED"]);
    expect(dup.rows[0]!.problems).toEqual(["name: the inventory already has an interface of that name."]);
  });

  it("round-trips: the export's columns are the import's", () => {
    const exported = inventoryCsv([
      {
        name: "SIU feed",
        kind: "hl7v2_feed",
        direction: "inbound",
        sourceSystem: "Epic",
        targetSystem: "Engine",
        workflows: ["appointment_sync"],
        messageTypes: ["SIU^S12", "SIU^S15"],
        endpoints: { sandbox: "", test: "", production: "mllp://engine.example:6661" },
        vendorOwner: "Erin",
        customerOwner: "Casey",
        status: "live",
        note: "Synthetic",
      },
    ]);
    const back = previewInventoryImport(records(exported), IMPL, []);
    expect(back.problems).toEqual([]);
    expect(back.rows[0]!.input).toMatchObject({ name: "SIU feed", messageTypes: ["SIU^S12", "SIU^S15"], endpointProduction: "mllp://engine.example:6661", status: "live" });
  });
});
