import type { Workflow } from "@/lib/domain/vocabulary";

// The vocabularies of the interface inventory and the source-of-truth map. Client-safe.

export const interfaceDirections = ["inbound", "outbound", "both"] as const;
export const interfaceStatuses = ["planned", "building", "testing", "live", "retired"] as const;
export const dataDomains = ["patient", "encounter", "scheduling", "orders", "results", "billing", "documents", "imaging"] as const;
export const payloadFormats = ["hl7v2", "fhir", "unknown"] as const;

export type InterfaceDirection = (typeof interfaceDirections)[number];
export type InterfaceStatus = (typeof interfaceStatuses)[number];
export type DataDomain = (typeof dataDomains)[number];

export const interfaceDirectionLabel: Record<InterfaceDirection, string> = { inbound: "Inbound", outbound: "Outbound", both: "Both ways" };
export const interfaceStatusLabel: Record<InterfaceStatus, string> = {
  planned: "Planned",
  building: "Building",
  testing: "Testing",
  live: "Live",
  retired: "Retired",
};
export const dataDomainLabel: Record<DataDomain, string> = {
  patient: "Patient",
  encounter: "Encounter",
  scheduling: "Scheduling",
  orders: "Orders",
  results: "Results",
  billing: "Billing",
  documents: "Documents",
  imaging: "Imaging",
};

// The data domains each workflow surface reads or writes: a domain a workflow in scope needs
// must have an agreed source of truth before go-live.
export const workflowDomains: Record<Workflow, DataDomain[]> = {
  appointment_sync: ["scheduling", "patient"],
  scheduling_availability: ["scheduling"],
  patient_demographics: ["patient", "encounter"],
  documents: ["documents", "patient"],
  orders_results: ["orders", "results", "patient"],
  other: [],
};
