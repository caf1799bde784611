import { detectPhi } from "@/lib/registers/phi";

// Sample payloads carry people's details even in test systems. Detection knows which field it
// is looking at — PID-5 is a name whatever it contains — and patterns catch what free text
// leaks elsewhere. A value that is identifying, or might be, is never kept.

// HL7 v2 fields that identify a person (v2.5 numbering).
export const hl7IdentifyingFields: Record<string, number[]> = {
  // 2/3/4 ids, 5 name, 6 mother's maiden name, 7 birth date, 9 alias, 11 address, 13/14 phones
  // and e-mail, 18 account, 19 SSN, 20 driver's licence, 21 mother's id, 23 birth place.
  PID: [2, 3, 4, 5, 6, 7, 9, 11, 13, 14, 18, 19, 20, 21, 23],
  PD1: [3, 4],
  NK1: [2, 4, 5, 6, 30, 31, 32, 33, 37],
  GT1: [2, 3, 4, 5, 6, 7, 8, 12, 16, 17, 18, 19],
  IN1: [16, 18, 19, 36, 49],
  IN2: [1, 2, 8],
  MRG: [1, 2, 3, 4, 5, 6, 7],
  PV1: [19, 50],
  // Free text can say anything.
  NTE: [3],
  OBX: [5],
  TXA: [9, 10, 11],
  SCH: [7],
  AIP: [3],
  AIG: [3],
};

// Segments only ever holding free text are masked whole.
const freeTextSegments = new Set(["NTE"]);

export function isIdentifyingHl7Field(segment: string, field: number): boolean {
  if (freeTextSegments.has(segment)) return field > 0;
  return hl7IdentifyingFields[segment]?.includes(field) ?? false;
}

// FHIR element names that identify a person wherever they appear (Patient.name,
// RelatedPerson.telecom, a reference's display, an attachment's data, narrative).
export const fhirIdentifyingElements = new Set([
  "name",
  "birthDate",
  "telecom",
  "address",
  "identifier",
  "photo",
  "contact",
  "display",
  "div",
  "data",
  "text",
  "comment",
  "note",
  "description",
  "valueString",
  "deceasedDateTime",
  "multipleBirthInteger",
]);

// A value from a field not known to identify anyone, kept only if it does not look like a
// person's details either, and short.
export function safeValue(value: string): { value?: string; masked?: boolean } {
  if (value === "") return {};
  if (detectPhi(value)) return { masked: true };
  // Long free text is more likely to hold a name than a code.
  if (value.length > 60) return { masked: true };
  return { value };
}

// Removes from a message any value that was masked in the structure (a library's error
// message may quote the value it could not read).
export function scrub(message: string, secrets: Set<string>): string {
  let out = message;
  for (const s of secrets) if (s.length >= 3 && out.includes(s)) out = out.split(s).join("‹masked›");
  const phi = detectPhi(out);
  return phi ? out.replace(/"[^"]*"/g, '"‹masked›"') : out;
}
