import { Hl7Message, type Hl7Segment } from "@medplum/core";
import { isIdentifyingHl7Field, safeValue } from "./mask";
import { hl7HeaderRule, type RuleTable } from "./rules";
import type { Finding, PayloadReview, StructureField, StructureNode } from "./types";
import { tally } from "./types";

// HL7 v2 sample messages as real feeds deliver them. Medplum's Hl7Message parses one message;
// this wrapper does what it leaves out: MLLP frames, a byte-order mark, CR / LF / CRLF and
// mixed segment ends, FHS/BHS batch envelopes, lines that are not segments, wrong separators,
// unclosed escape sequences — each a finding with its line, never an exception.

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;
const ENVELOPE = new Set(["FHS", "BHS", "BTS", "FTS"]);

// HL7 v2.5 segment names a message may carry (Z-segments are local by definition).
const KNOWN_SEGMENTS = new Set(
  (
    "ABS ACC ADD AFF AIG AIL AIP AIS AL1 APR ARQ AUT BLC BLG BPO BPX BTX CDM CER CM0 CM1 CM2 CNS CON CSP CSR CSS CTD CTI DB1 DG1 DRG DSC DSP ECD ECR EDU EQP EQU ERR EVN FAC FT1 GOL GP1 GP2 GT1 IAM IIM IN1 IN2 IN3 INV IPC ISD LAN LCC LCH LDP LOC LRL MFA MFE MFI MRG MSA MSH NCK NDS NK1 NPU NSC NST NTE OBR OBX ODS ODT OM1 OM2 OM3 OM4 OM5 OM6 OM7 ORC ORG OVR PCR PD1 PDA PDC PEO PES PID PR1 PRA PRB PRC PRD PSH PTH PV1 PV2 QAK QID QPD QRD QRF QRI RCP RDF RDT RF1 RGS RMI ROL RQ1 RQD RXA RXC RXD RXE RXG RXO RXR SAC SCH SFT SID SPM SPR STF TCC TCD TQ1 TQ2 TXA UB1 UB2 URD URS VAR VTQ " +
    "ARV IAR ITM IVT PKG PCE PMT PYE IPR BUI CTR DEV DST"
  ).split(/\s+/).filter(Boolean),
);

type Line = { text: string; line: number };

export type Hl7Options = { rules: RuleTable };

// Strips a byte-order mark and MLLP frame characters; reports each.
function unframe(raw: string, findings: Finding[]): string {
  let text = raw;
  if (/[\x0b\x1c]/.test(text)) {
    text = text.replace(/\x0b/g, "").replace(/\x1c\r?/g, "\n");
    findings.push({ severity: "info", code: "mllp_unframed", path: "payload", line: null, message: "MLLP framing (start block 0x0B, end block 0x1C) was removed." });
  }
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
    findings.push({ severity: "info", code: "bom_removed", path: "payload", line: 1, message: "A byte-order mark at the start was removed." });
  }
  return text;
}

function segmentEnds(text: string, findings: Finding[]) {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const cr = (text.match(/\r(?!\n)/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  const kinds = [crlf && "CRLF", cr && "CR", lf && "LF"].filter(Boolean);
  if (kinds.length > 1) {
    findings.push({
      severity: "warning",
      code: "mixed_segment_ends",
      path: "payload",
      line: null,
      message: `Segments end with a mix of ${kinds.join(", ")}. The standard is CR; check what the interface engine sends.`,
    });
  } else if (kinds[0] === "LF") {
    findings.push({ severity: "info", code: "lf_segment_ends", path: "payload", line: null, message: "Segments end with LF, not the standard CR (read anyway)." });
  }
}

export function looksBinary(text: string): boolean {
  if (text.includes("\u0000") || text.includes("\uFFFD")) return true;
  const controls = (text.match(/[\x01-\x08\x0e-\x1a\x1d-\x1f\x7f]/g) ?? []).length;
  return controls > 0 && controls / Math.max(1, text.length) > 0.001;
}

function fieldValued(segment: Hl7Segment, n: number): "missing" | "empty" | "valued" {
  const count = segment.name === "MSH" ? segment.fields.length : segment.fields.length - 1;
  if (n > count) return "missing";
  if (segment.name === "MSH" && n <= 2) return "valued";
  const f = segment.getField(n);
  return f.components.some((rep) => rep.some((c) => c.trim() !== "" && c !== '""')) ? "valued" : "empty";
}

function rawField(segment: Hl7Segment, n: number): string {
  return segment.getField(n)?.toString() ?? "";
}

// One rule entry against one message: `SCH`, `PID-3`, `AIS|AIG|AIL|AIP`, `SCH-1|SCH-2`.
function checkEntry(entry: string, segments: { seg: Hl7Segment; line: number }[], prefix: string, findings: Finding[]) {
  const options = entry.split("|");
  const results = options.map((opt) => {
    const [name, num] = opt.split("-");
    const found = segments.find((s) => s.seg.name === name);
    if (!num) return { ok: Boolean(found), state: found ? "valued" : "missing", line: found?.line ?? null };
    if (!found) return { ok: false, state: "missing", line: null };
    const state = fieldValued(found.seg, Number(num));
    return { ok: state === "valued", state, line: found.line };
  });
  if (results.some((r) => r.ok)) return;
  const first = results[0]!;
  const isSegment = !options[0]!.includes("-");
  const what = options.length > 1 ? `${options.join(" or ")}` : entry;
  const state = isSegment || options.length > 1 ? "missing" : first.state;
  findings.push({
    severity: "error",
    code: state === "empty" ? "field_empty" : isSegment ? "segment_missing" : "field_missing",
    path: `${prefix}${what}`,
    line: first.line,
    message: isSegment
      ? `${what} missing: the ${options.length > 1 ? "message has none of these segments" : "segment is required for this message type"}.`
      : state === "empty"
        ? `${what} empty: the field is present but has no value.`
        : `${what} missing${first.line === null && !isSegment ? ` (no ${options[0]!.split("-")[0]} segment)` : ""}.`,
  });
}

function unclosedEscapes(segment: Hl7Segment, escape: string, line: number, prefix: string, findings: Finding[]) {
  if (!escape) return;
  const count = segment.name === "MSH" ? segment.fields.length : segment.fields.length - 1;
  for (let n = segment.name === "MSH" ? 3 : 1; n <= count; n++) {
    const raw = rawField(segment, n);
    const escapes = raw.split(escape).length - 1;
    if (escapes % 2 === 1) {
      findings.push({
        severity: "warning",
        code: "escape_unclosed",
        path: `${prefix}${segment.name}-${n}`,
        line,
        message: `${segment.name}-${n}: an escape sequence is not closed (an odd number of ${escape} characters).`,
      });
    }
  }
}

function structureOf(segment: Hl7Segment, line: number, secrets: Set<string>): StructureNode {
  const count = segment.name === "MSH" ? segment.fields.length : segment.fields.length - 1;
  const fields: StructureField[] = [];
  for (let n = 1; n <= count; n++) {
    const path = `${segment.name}-${n}`;
    if (segment.name === "MSH" && n <= 2) {
      fields.push({ path, valued: true, value: n === 1 ? segment.context.fieldSeparator : segment.context.getMsh2() });
      continue;
    }
    const state = fieldValued(segment, n);
    if (state !== "valued") continue;
    const raw = rawField(segment, n);
    if (isIdentifyingHl7Field(segment.name, n)) {
      secrets.add(raw);
      for (const rep of segment.getField(n).components) for (const c of rep) if (c) secrets.add(c);
      fields.push({ path, valued: true, masked: true });
      continue;
    }
    const kept = safeValue(raw);
    if (kept.masked) secrets.add(raw);
    fields.push({ path, valued: true, ...kept });
  }
  return { name: segment.name, line, fields };
}

// Separators declared in MSH-1 and MSH-2 must be usable: one field separator, then four (v2.7:
// five) distinct encoding characters, none of them a letter, digit or the field separator.
function separatorProblem(header: string): string | null {
  const fieldSep = header.charAt(3);
  if (!fieldSep || /[A-Za-z0-9\s]/.test(fieldSep)) return "MSH-1 (the field separator) is missing or is a letter, digit or space.";
  const end = header.indexOf(fieldSep, 4);
  const encoding = end < 0 ? header.slice(4) : header.slice(4, end);
  if (encoding.length < 4 || encoding.length > 5) return `MSH-2 must hold 4 encoding characters (such as ^~\\&); it holds ${encoding.length}.`;
  if (new Set(encoding).size !== encoding.length || encoding.includes(fieldSep) || /[A-Za-z0-9\s]/.test(encoding)) {
    return "MSH-2's encoding characters must be distinct symbols, none equal to the field separator.";
  }
  return null;
}

export function reviewHl7(raw: string, options: Hl7Options): PayloadReview & { secrets: Set<string> } {
  const findings: Finding[] = [];
  const secrets = new Set<string>();
  const text = unframe(raw, findings);
  segmentEnds(text, findings);

  const lines: Line[] = text
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ text: t, line: i + 1 }))
    .filter((l) => l.text.trim() !== "");

  // Group lines into messages (each starts with MSH), apart from the batch envelope.
  const messages: Line[][] = [];
  const envelope: Line[] = [];
  for (const l of lines) {
    const name = l.text.slice(0, 3);
    if (ENVELOPE.has(name)) {
      envelope.push(l);
      continue;
    }
    if (name === "MSH") {
      messages.push([l]);
      continue;
    }
    if (messages.length === 0) {
      findings.push({ severity: "error", code: "before_header", path: "payload", line: l.line, message: `Line ${l.line} comes before any MSH header: this is not where an HL7 v2 message starts.` });
      continue;
    }
    messages.at(-1)!.push(l);
  }

  if (messages.length === 0) {
    findings.push({ severity: "error", code: "no_header", path: "MSH", line: null, message: "No MSH segment: this is not an HL7 v2 message (or its header was cut off)." });
  }

  const batch = envelope.some((l) => l.text.startsWith("BHS") || l.text.startsWith("FHS"));
  if (batch) {
    findings.push({ severity: "info", code: "batch", path: "payload", line: envelope[0]!.line, message: `A batch of ${messages.length} ${messages.length === 1 ? "message" : "messages"} (FHS/BHS envelope).` });
    const bhs = envelope.some((l) => l.text.startsWith("BHS"));
    const bts = envelope.find((l) => l.text.startsWith("BTS"));
    if (bhs && !bts) {
      findings.push({ severity: "warning", code: "batch_unclosed", path: "BTS", line: null, message: "The batch has a BHS header but no BTS trailer: was it cut off?" });
    } else if (bts) {
      const declared = bts.text.split(bts.text.charAt(3) || "|")[1];
      if (declared && /^\d+$/.test(declared) && Number(declared) !== messages.length) {
        findings.push({ severity: "warning", code: "batch_count", path: "BTS-1", line: bts.line, message: `BTS-1 says ${declared} messages; the batch holds ${messages.length}.` });
      }
    }
  }

  const structure: StructureNode[] = [];
  const types: string[] = [];
  messages.forEach((msgLines, index) => {
    const prefix = messages.length > 1 ? `message ${index + 1} › ` : "";
    const header = msgLines[0]!;
    const problem = separatorProblem(header.text);
    if (problem) {
      findings.push({ severity: "error", code: "separators", path: `${prefix}MSH-2`, line: header.line, message: `Wrong separators: ${problem} The message was not read further.` });
      return;
    }
    const fieldSep = header.text.charAt(3);
    const kept: Line[] = [];
    for (const l of msgLines) {
      const name = l.text.slice(0, 3);
      if (!SEGMENT_NAME.test(name) || (l.text.length > 3 && l.text.charAt(3) !== fieldSep)) {
        findings.push({
          severity: "error",
          code: "not_a_segment",
          path: `${prefix}line ${l.line}`,
          line: l.line,
          message: `Line ${l.line} is not a segment (it does not start with a three-character segment name and ${fieldSep}): a wrapped or truncated line?`,
        });
        continue;
      }
      kept.push(l);
    }
    let parsed: Hl7Message;
    try {
      parsed = Hl7Message.parse(kept.map((l) => l.text).join("\r"));
    } catch {
      findings.push({ severity: "error", code: "unparsable", path: `${prefix}MSH`, line: header.line, message: "The message could not be read as HL7 v2." });
      return;
    }
    const segments = parsed.segments.map((seg, i) => ({ seg, line: kept[i]!.line }));
    const msh = segments[0]!.seg;
    const type = msh.getComponent(9, 1).trim().toUpperCase();
    const trigger = msh.getComponent(9, 2).trim().toUpperCase();
    const messageType = type && trigger ? `${type}^${trigger}` : type || null;
    if (messageType) types.push(messageType);

    if (segments.length === 1) {
      findings.push({ severity: "error", code: "header_only", path: `${prefix}MSH`, line: header.line, message: "The message has a header and nothing else: was it cut off?" });
    }
    for (const { seg, line } of segments) {
      if (seg.name.startsWith("Z")) {
        findings.push({ severity: "info", code: "segment_local", path: `${prefix}${seg.name}`, line, message: `Segment ${seg.name} is not in the spec (local extension): agree its content with the sender.` });
      } else if (!KNOWN_SEGMENTS.has(seg.name)) {
        findings.push({ severity: "warning", code: "segment_unknown", path: `${prefix}${seg.name}`, line, message: `Segment ${seg.name} is not an HL7 v2 segment: a typo, or a truncated line?` });
      }
      unclosedEscapes(seg, parsed.context.escapeCharacter, line, prefix, findings);
      structure.push(structureOf(seg, line, secrets));
    }

    const rules = [...hl7HeaderRule, ...(messageType ? (options.rules[messageType] ?? []) : [])];
    for (const entry of rules) checkEntry(entry, segments, prefix, findings);
    if (messageType && !options.rules[messageType]) {
      findings.push({ severity: "info", code: "no_rules", path: `${prefix}MSH-9`, line: header.line, message: `No field rules for ${messageType} yet: only the header was checked. Add rules for it on the review page.` });
    }
  });

  const distinct = [...new Set(types)];
  return {
    format: "hl7v2",
    messageType: distinct.length === 0 ? null : distinct.join(", ").slice(0, 200),
    units: messages.length,
    structure,
    findings,
    ...tally(findings),
    secrets,
  };
}
