import "server-only";
import { canonicalJson, sha256Hex, type Json } from "@/lib/domain/sign-off-snapshot";
import { reviewFhir } from "./fhir";
import { looksBinary, reviewHl7 } from "./hl7";
import type { RuleTable } from "./rules";
import { MAX_PAYLOAD_BYTES, tally, type Finding, type PayloadReview } from "./types";

// One entry point for a pasted or uploaded sample: work out what it is (HL7 v2 or FHIR JSON),
// review it, and return only what may be stored — structure and findings with identifying
// values masked. Malformed input of any kind comes back as findings, never as an exception.

function unknown(findings: Finding[]): PayloadReview {
  return { format: "unknown", messageType: null, units: 0, structure: [], findings, ...tally(findings) };
}

export function detectFormat(text: string): "hl7v2" | "fhir" | "unknown" {
  const start = text.replace(/^[\uFEFF\x0b\s]+/, "");
  if (start.startsWith("{") || start.startsWith("[")) return "fhir";
  // A segment name and a field separator: HL7 v2, even if its header is missing.
  if (/^(MSH|FHS|BHS)/.test(start) || /^[A-Z][A-Z0-9]{2}\|/.test(start)) return "hl7v2";
  return "unknown";
}

export function reviewPayload(text: string, rules: RuleTable): PayloadReview {
  const bytes = Buffer.byteLength(text, "utf8");
  if (text.trim() === "") return unknown([{ severity: "error", code: "empty", path: "payload", line: null, message: "The payload is empty." }]);
  if (bytes > MAX_PAYLOAD_BYTES) {
    return unknown([{ severity: "error", code: "too_large", path: "payload", line: null, message: `The payload is ${bytes.toLocaleString("en-US")} bytes; a sample is at most ${MAX_PAYLOAD_BYTES.toLocaleString("en-US")}.` }]);
  }
  if (looksBinary(text)) {
    return unknown([{ severity: "error", code: "binary", path: "payload", line: null, message: "This looks like binary content, not an HL7 v2 message or FHIR JSON. Upload the text the interface sends." }]);
  }
  const format = detectFormat(text);
  try {
    if (format === "hl7v2" || format === "fhir") {
      const { secrets: _secrets, ...review } = format === "hl7v2" ? reviewHl7(text, { rules }) : reviewFhir(text, { rules });
      return review;
    }
  } catch {
    return unknown([{ severity: "error", code: "unreadable", path: "payload", line: null, message: "The payload could not be read." }]);
  }
  return unknown([
    {
      severity: "error",
      code: "unknown_format",
      path: "payload",
      line: 1,
      message: "Neither an HL7 v2 message (it would start with MSH, FHS or BHS) nor FHIR JSON (it would start with {).",
    },
  ]);
}

// The hash a sign-off on the review is bound to: of what is stored, never of the raw payload.
export function reviewDigest(review: PayloadReview): string {
  return sha256Hex(canonicalJson(review as unknown as Json));
}
