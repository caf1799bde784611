import type { Workflow } from "@/lib/domain/vocabulary";
import { r4ResourceTypes } from "@/lib/registers/fhir-resource-types";

// Which fields a sample payload must carry, valued, for each message type or resource, and the
// workflow surface that needs them. An implementation may replace a target's list (an Epic site
// may not send SCH-11, another needs PV1-19): the review reads the implementation's table.
//
// HL7 v2 entries: `SCH` (segment present), `PID-3` (field present and valued),
// `AIS|AIG|AIL|AIP` (at least one of these segments). FHIR entries: element paths under the
// resource, `status`, `participant.actor` (present and non-empty).

export type PayloadRule = { target: string; workflows: Workflow[]; fields: string[] };

export const defaultPayloadRules: PayloadRule[] = [
  // HL7 v2 scheduling: the appointment, the patient, and the resources booked.
  { target: "SIU^S12", workflows: ["appointment_sync"], fields: ["SCH", "SCH-1|SCH-2", "SCH-11", "PID-3", "RGS", "AIS|AIG|AIL|AIP"] },
  { target: "SIU^S13", workflows: ["appointment_sync"], fields: ["SCH", "SCH-1|SCH-2", "SCH-11", "PID-3", "RGS", "AIS|AIG|AIL|AIP"] },
  { target: "SIU^S14", workflows: ["appointment_sync"], fields: ["SCH", "SCH-1|SCH-2", "PID-3", "RGS"] },
  { target: "SIU^S15", workflows: ["appointment_sync"], fields: ["SCH", "SCH-1|SCH-2", "PID-3"] },
  // HL7 v2 demographics.
  { target: "ADT^A01", workflows: ["patient_demographics"], fields: ["PID-3", "PID-5", "PV1", "PV1-2"] },
  { target: "ADT^A04", workflows: ["patient_demographics"], fields: ["PID-3", "PID-5", "PV1"] },
  { target: "ADT^A08", workflows: ["patient_demographics"], fields: ["PID-3", "PID-5", "PV1"] },
  { target: "ADT^A31", workflows: ["patient_demographics"], fields: ["PID-3", "PID-5"] },
  { target: "ADT^A40", workflows: ["patient_demographics"], fields: ["PID-3", "MRG", "MRG-1"] },
  // Orders, results, documents.
  { target: "ORM^O01", workflows: ["orders_results"], fields: ["PID-3", "ORC", "ORC-1", "OBR", "OBR-4"] },
  { target: "ORU^R01", workflows: ["orders_results"], fields: ["PID-3", "OBR", "OBR-4", "OBX", "OBX-3", "OBX-11"] },
  { target: "MDM^T02", workflows: ["documents"], fields: ["PID-3", "TXA", "TXA-2", "TXA-12", "OBX"] },
  // FHIR R4 resources.
  { target: "Appointment", workflows: ["appointment_sync"], fields: ["status", "participant", "start", "end"] },
  { target: "Slot", workflows: ["scheduling_availability"], fields: ["schedule", "status", "start", "end"] },
  { target: "Schedule", workflows: ["scheduling_availability"], fields: ["actor"] },
  { target: "Patient", workflows: ["patient_demographics"], fields: ["identifier", "name"] },
  { target: "Encounter", workflows: ["patient_demographics"], fields: ["status", "class", "subject"] },
  { target: "DocumentReference", workflows: ["documents"], fields: ["status", "subject", "content"] },
  { target: "ServiceRequest", workflows: ["orders_results"], fields: ["status", "intent", "subject", "code"] },
  { target: "DiagnosticReport", workflows: ["orders_results"], fields: ["status", "code", "subject"] },
  { target: "Observation", workflows: ["orders_results"], fields: ["status", "code", "subject"] },
];

// Every message type's header needs these, whatever the workflow.
export const hl7HeaderRule = ["MSH-9", "MSH-10", "MSH-12"];

export type RuleTable = Record<string, string[]>;

// The defaults with an implementation's replacements laid over them.
export function ruleTable(overrides: { target: string; fields: string[] }[] = []): RuleTable {
  const table: RuleTable = Object.fromEntries(defaultPayloadRules.map((r) => [r.target, r.fields]));
  for (const o of overrides) table[o.target] = o.fields;
  return table;
}

const HL7_ENTRY = /^[A-Z][A-Z0-9]{2}(-\d{1,3})?(\|[A-Z][A-Z0-9]{2}(-\d{1,3})?)*$/;
const FHIR_ENTRY = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/;
const HL7_TARGET = /^[A-Z]{2}[A-Z0-9]\^[A-Z0-9]{3}$/;
const FHIR_TARGET = /^[A-Z][A-Za-z]{1,63}$/;

// A rule entry typed by a person, checked before it is saved.
export function checkRuleEntry(target: string, entry: string): string | null {
  if (HL7_TARGET.test(target)) return HL7_ENTRY.test(entry) ? null : "not a segment or field such as PID-3, SCH or AIS|AIG.";
  if (FHIR_TARGET.test(target)) return FHIR_ENTRY.test(entry) ? null : "not an element path such as status or participant.actor.";
  return "The target is a message type such as SIU^S12 or a FHIR resource type such as Appointment.";
}

export function isRuleTarget(target: string): boolean {
  return HL7_TARGET.test(target) || (FHIR_TARGET.test(target) && r4ResourceTypes.has(target));
}
