// What a sample payload review produces: findings a person acts on, and the payload's shape
// with every identifying value masked. The raw payload is never part of it.

export type FindingSeverity = "error" | "warning" | "info";

export type Finding = {
  severity: FindingSeverity;
  // Stable code for tests and filtering (`field_missing`, `segment_local`…).
  code: string;
  // Where: `PID-3`, `SCH-11`, `Appointment.status`, `entry[2] Patient.name`.
  path: string;
  // 1-based line of the pasted text, when the finding has one.
  line: number | null;
  message: string;
};

export type PayloadFormat = "hl7v2" | "fhir" | "unknown";

// One node of the stored structure: a segment with its valued fields, or a FHIR element path.
// `value` is kept only for values that identify nobody; otherwise `masked` is true.
export type StructureField = { path: string; valued: boolean; masked?: boolean; value?: string };
export type StructureNode = { name: string; line: number | null; fields: StructureField[] };

export type PayloadReview = {
  format: PayloadFormat;
  // `SIU^S12`, `ADT^A04` (trigger without its structure), `Appointment`, `Bundle`.
  messageType: string | null;
  // Messages in an HL7 batch, or resources in a FHIR Bundle (1 for a single one, 0 if unreadable).
  units: number;
  structure: StructureNode[];
  findings: Finding[];
  errors: number;
  warnings: number;
};

export const MAX_PAYLOAD_BYTES = 1_000_000;

export function tally(findings: Finding[]) {
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
  };
}
