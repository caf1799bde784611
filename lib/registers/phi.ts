// Readyroom holds no patient data: a test patient is named by a test label and the test
// system's identifier. These detectors refuse values that look like a real person's details,
// with a message that says which kind and what to use instead.

export type PhiKind = "ssn" | "phone" | "email" | "date";

const detectors: { kind: PhiKind; pattern: RegExp; message: string }[] = [
  {
    kind: "email",
    pattern: /[^\s@]+@[^\s@]+\.[^\s@]+/,
    message: "looks like an e-mail address. Use a synthetic test label and the test system's identifier (e.g. ZZTEST1001), never a real person's details.",
  },
  {
    kind: "ssn",
    // 123-45-6789, 123 45 6789, or nine digits standing alone.
    pattern: /(?<!\d)(\d{3}[-\s]\d{2}[-\s]\d{4}|\d{9})(?!\d)/,
    message: "looks like a US Social Security number. Use the test system's identifier for a synthetic patient (e.g. ZZTEST1001), never a real person's.",
  },
  {
    kind: "phone",
    // (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567, or ten digits standing alone.
    pattern: /(?<!\d)(\+?1[\s.-]?)?(\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\d)/,
    message: "looks like a phone number. Use the test system's identifier for a synthetic patient (e.g. ZZTEST1001), never a real person's details.",
  },
  {
    kind: "date",
    // A date in the label or identifier is most likely a date of birth.
    pattern: /(?<!\d)((19|20)\d{2}[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])|(0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])[-/.](19|20)?\d{2})(?!\d)/,
    message: "looks like a date (of birth?). Test patients carry no dates of birth here: use a synthetic label and test identifier only.",
  },
];

export function detectPhi(value: string): { kind: PhiKind; message: string } | null {
  for (const d of detectors) if (d.pattern.test(value)) return { kind: d.kind, message: d.message };
  return null;
}
