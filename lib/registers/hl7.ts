// HL7 v2 permissions are the message types and trigger events a feed carries (`SIU^S12`,
// `ADT^A08`): MSH-9's first two components. Checked by format, not against a list, since
// sites use Z-events and newer triggers.

const EVENT = /^[A-Z]{2}[A-Z0-9]\^[A-Z][0-9A-Z]{2}$/;
// MSH-9 as written, with its message structure: ADT^A04^ADT_A01.
const WITH_STRUCTURE = /^([A-Z]{2}[A-Z0-9]\^[A-Z][0-9A-Z]{2})\^[A-Z]{2}[A-Z0-9]_[A-Z0-9]{3}$/;

export type Hl7Check = { ok: true; value: string } | { ok: false; error: string };

// Lower case and stray spaces are forgiven; anything else must look like TYPE^EVENT, or MSH-9
// as written with its structure (ADT^A04^ADT_A01), of which the type and trigger are kept.
export function parseHl7Event(raw: string): Hl7Check {
  const written = raw.trim().toUpperCase();
  const value = WITH_STRUCTURE.exec(written)?.[1] ?? written;
  if (value === "") return { ok: false, error: "Enter a message type and trigger event, such as ADT^A08." };
  if (!EVENT.test(value)) {
    return { ok: false, error: "Write the message type, ^, and the trigger event, as in ADT^A08 or SIU^S12 (three letters or digits each), optionally with the structure (ADT^A04^ADT_A01)." };
  }
  return { ok: true, value };
}

const eventNames: Record<string, string> = {
  "ADT^A01": "admit / visit notification",
  "ADT^A04": "register a patient",
  "ADT^A08": "update patient information",
  "ADT^A28": "add person information",
  "ADT^A31": "update person information",
  "ADT^A40": "merge patient",
  "SIU^S12": "new appointment booking",
  "SIU^S13": "appointment rescheduling",
  "SIU^S14": "appointment modification",
  "SIU^S15": "appointment cancellation",
  "SIU^S26": "patient did not show up",
  "ORM^O01": "general order",
  "ORU^R01": "observation result",
  "MDM^T02": "original document with content",
  "MDM^T08": "document edit with content",
};

export function describeHl7Event(value: string): string {
  return eventNames[value] ?? "HL7 v2 message type and trigger event";
}
