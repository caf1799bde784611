import { interfaceKinds, workflows } from "@/lib/domain/vocabulary";
import { detectSecret } from "@/lib/interfaces/secrets";
import { dataDomains, interfaceDirections, interfaceStatuses } from "@/lib/interfaces/vocabulary";
import { checkRuleEntry, isRuleTarget } from "@/lib/payloads/rules";
import { MAX_PAYLOAD_BYTES } from "@/lib/payloads/types";
import { r4ResourceTypes } from "@/lib/registers/fhir-resource-types";
import { parseHl7Event } from "@/lib/registers/hl7";
import { checkbox, checkboxList, id, nameText, text, version } from "./common";
import { z } from "./zod";

// Forms of the interface inventory, the source-of-truth map and the sample payload review.

// An endpoint says where, never how to get in.
const endpoint = (label: string) =>
  text(500, label).superRefine((v, ctx) => {
    const secret = detectSecret(v);
    if (secret) ctx.addIssue({ code: "custom", message: `${label} ${secret}` });
  });

// One message type or resource per line or comma: `SIU^S12`, `ADT^A04^ADT_A01` (kept as
// ADT^A04), or a FHIR R4 resource type.
export function parseMessageTypes(raw: string): { ok: true; values: string[] } | { ok: false; error: string } {
  const values: string[] = [];
  for (const [i, token] of raw.split(/[\s,;]+/).filter(Boolean).entries()) {
    if (r4ResourceTypes.has(token)) values.push(token);
    else {
      const hl7 = parseHl7Event(token);
      // The entry is named by position, never echoed back.
      if (!hl7.ok) return { ok: false, error: `Entry ${i + 1} is neither an HL7 message type (SIU^S12, ADT^A04^ADT_A01) nor a FHIR R4 resource type (Appointment).` };
      values.push(hl7.value);
    }
  }
  if (values.length > 50) return { ok: false, error: "At most 50 message types or resources." };
  return { ok: true, values: [...new Set(values)] };
}

const messageTypes = z
  .string()
  .max(2000, "Message types is too long (at most 2,000 characters).")
  .transform((v, ctx) => {
    const parsed = parseMessageTypes(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.values;
  });

const interfaceFields = {
  name: nameText(200, "Name"),
  kind: z.enum(interfaceKinds, { error: "Choose a kind of interface." }),
  direction: z.enum(interfaceDirections, { error: "Choose inbound, outbound or both." }),
  sourceSystem: text(200, "Source system"),
  targetSystem: text(200, "Target system"),
  workflows: checkboxList(workflows, "workflows"),
  messageTypes,
  endpointSandbox: endpoint("Sandbox endpoint"),
  endpointTest: endpoint("Test endpoint"),
  endpointProduction: endpoint("Production endpoint"),
  vendorOwner: text(200, "Vendor owner"),
  customerOwner: text(200, "Customer owner"),
  status: z.enum(interfaceStatuses, { error: "Choose a status." }),
  note: text(2000, "Note"),
};

export const addInterfaceSchema = z.object({ implementationId: id("Implementation"), ...interfaceFields });
export type AddInterfaceInput = z.output<typeof addInterfaceSchema>;

export const updateInterfaceSchema = z.object({ interfaceId: id("Interface"), version, ...interfaceFields });
export type UpdateInterfaceInput = z.output<typeof updateInterfaceSchema>;

// A domain never recorded has version 0.
export const setSourceOfTruthSchema = z
  .object({
    implementationId: id("Implementation"),
    domain: z.enum(dataDomains, { error: "Choose a data domain." }),
    version: z.coerce.number({ error: "The form is out of date. Reload the page." }).int().min(0),
    authoritativeSystem: text(200, "Authoritative system"),
    conflictResolver: text(200, "Who resolves conflicts"),
    propagation: text(2000, "How corrections propagate"),
    agreed: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.agreed && v.authoritativeSystem === "") {
      ctx.addIssue({ code: "custom", path: ["authoritativeSystem"], message: "Name the authoritative system before marking the domain agreed." });
    }
  });
export type SetSourceOfTruthInput = z.output<typeof setSourceOfTruthSchema>;

// The raw payload: checked for size only. Whatever it holds is answered with findings, and it
// is never stored (nor echoed back).
export const reviewPayloadSchema = z.object({
  interfaceId: id("Interface"),
  environmentId: id("Environment"),
  payload: z
    .string({ error: "Paste or upload a sample payload." })
    .refine((v) => v.trim() !== "", "Paste or upload a sample payload.")
    .refine((v) => Buffer.byteLength(v, "utf8") <= MAX_PAYLOAD_BYTES, `A sample is at most ${MAX_PAYLOAD_BYTES.toLocaleString("en-US")} bytes.`),
  note: text(2000, "Note"),
});
export type ReviewPayloadInput = z.output<typeof reviewPayloadSchema>;

// The fields a message type or resource must carry, one per line; empty restores the default.
export const savePayloadRuleSchema = z
  .object({
    implementationId: id("Implementation"),
    target: z.string().trim().max(64, "Choose a message type or resource.").refine(isRuleTarget, "Choose a message type (SIU^S12) or FHIR resource (Appointment)."),
    fields: z.string().max(2000, "Fields is too long (at most 2,000 characters)."),
  })
  .transform((v, ctx) => {
    const entries = [...new Set(v.fields.split(/[\s,;]+/).filter(Boolean))];
    for (const [i, e] of entries.entries()) {
      const problem = checkRuleEntry(v.target, e);
      if (problem) {
        ctx.addIssue({ code: "custom", path: ["fields"], message: `Line ${i + 1}: ${problem}` });
        return z.NEVER;
      }
    }
    return { implementationId: v.implementationId, target: v.target, fields: entries };
  });
export type SavePayloadRuleInput = z.output<typeof savePayloadRuleSchema>;

// A spreadsheet of interfaces (CSV text, read in the browser from an upload or pasted).
export const importInterfacesSchema = z.object({
  implementationId: id("Implementation"),
  csv: z
    .string({ error: "Choose a CSV file." })
    .max(200_000, "The file is too large (at most 200,000 characters).")
    .refine((v) => !v.includes("\u0000"), "The file is not text.")
    .refine((v) => v.trim() !== "", "Choose a CSV file."),
});
export type ImportInterfacesInput = z.output<typeof importInterfacesSchema>;

export const confirmInventorySchema = z.object({
  implementationId: id("Implementation"),
  digest: z.string().regex(/^[0-9a-f]{64}$/, "The page is out of date. Reload it, then confirm again."),
});
export type ConfirmInventoryInput = z.output<typeof confirmInventorySchema>;
