import { workflows as allWorkflows, type InterfaceKind, type PermissionInterface, type Workflow } from "@/lib/domain/vocabulary";
import { checkPermission } from "./permission-format";

// The permissions an integration usually needs for each workflow, so a manager adds the usual
// rows in one step instead of typing scopes from memory. Backend integrations call FHIR as a
// system (SMART Backend Services), hence `system/` scopes; a site that uses a user or patient
// launch adds its own rows.

export type CatalogRow = { interface: PermissionInterface; permission: string; required: boolean; note: string };

const fhir = (permission: string, note: string, required = true): CatalogRow => ({ interface: "fhir_api", permission, required, note });
const hl7 = (permission: string, note: string, required = true): CatalogRow => ({ interface: "hl7v2_feed", permission, required, note });

export const permissionCatalog: Record<Workflow, CatalogRow[]> = {
  appointment_sync: [
    fhir("system/Appointment.crus", "Book, read, reschedule and search appointments."),
    fhir("system/Schedule.rs", "Find the schedule an appointment belongs to."),
    fhir("system/Slot.rs", "Find the slot being booked."),
    hl7("SIU^S12", "New appointment booking."),
    hl7("SIU^S13", "Appointment rescheduling."),
    hl7("SIU^S14", "Appointment modification."),
    hl7("SIU^S15", "Appointment cancellation."),
  ],
  scheduling_availability: [
    fhir("system/Slot.rs", "Open and busy slots."),
    fhir("system/Schedule.rs", "Provider and resource schedules."),
    fhir("system/Practitioner.rs", "Who the schedule belongs to."),
    fhir("system/Location.rs", "Where the slot is."),
  ],
  patient_demographics: [
    fhir("system/Patient.rs", "Read and match patients."),
    fhir("system/RelatedPerson.rs", "Contacts and guarantors.", false),
    hl7("ADT^A04", "Patient registered."),
    hl7("ADT^A08", "Patient information updated."),
    hl7("ADT^A31", "Person information updated."),
    hl7("ADT^A40", "Patients merged."),
  ],
  documents: [
    fhir("system/DocumentReference.crs", "File and find documents."),
    fhir("system/Binary.r", "Document content."),
    hl7("MDM^T02", "Original document notification with content.", false),
  ],
  orders_results: [
    fhir("system/ServiceRequest.rs", "Orders."),
    fhir("system/DiagnosticReport.rs", "Result reports."),
    fhir("system/Observation.rs", "Result values."),
    hl7("ORM^O01", "Order message."),
    hl7("ORU^R01", "Unsolicited result."),
  ],
  other: [],
};

export const catalogKey = (row: { interface: PermissionInterface; permission: string }) => `${row.interface}|${row.permission}`;

// The catalog's rows for one workflow that the matrix does not hold yet.
export function proposedRows(workflow: Workflow, existing: { interface: PermissionInterface; permission: string }[]): CatalogRow[] {
  const have = new Set(existing.map(catalogKey));
  return permissionCatalog[workflow].filter((row) => !have.has(catalogKey(row)));
}

export function findCatalogRow(workflow: Workflow, key: string): CatalogRow | undefined {
  return permissionCatalog[workflow].find((row) => catalogKey(row) === key);
}

export type CatalogInterface = { name: string; kind: InterfaceKind; workflows: Workflow[]; messageTypes: string[] };

// The catalog row for a permission, looked for in the interface's workflows first, so a
// proposed row carries the catalog's operations and note (`system/Appointment.crus`).
function catalogMatch(iface: CatalogInterface, match: (row: CatalogRow) => boolean): CatalogRow | undefined {
  const order = [...iface.workflows, ...allWorkflows.filter((w) => !iface.workflows.includes(w))];
  for (const w of order) {
    const row = permissionCatalog[w].find(match);
    if (row) return row;
  }
  return undefined;
}

// The permission rows an interface of the inventory needs, from its message types (HL7 v2
// feed: one row per event) or resources (FHIR API: one `system/` scope per resource, as
// backend integrations call FHIR), less those the matrix already holds. Other kinds of
// interface name no permission the catalog knows.
export function interfaceProposedRows(iface: CatalogInterface, existing: { interface: PermissionInterface; permission: string }[]): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const raw of iface.messageTypes) {
    if (iface.kind === "hl7v2_feed") {
      // The inventory may name the message structure too (`ADT^A04^ADT_A01`); the permission is the event.
      const check = checkPermission("hl7v2_feed", raw.split("^").slice(0, 2).join("^"));
      if (!check.ok) continue;
      const known = catalogMatch(iface, (r) => r.interface === "hl7v2_feed" && r.permission === check.value);
      const what = check.description.charAt(0).toUpperCase() + check.description.slice(1);
      rows.push(known ?? hl7(check.value, `${what} (${iface.name}).`));
    } else if (iface.kind === "fhir_api") {
      const resource = /^\s*([A-Z][A-Za-z]{1,63})\b/.exec(raw)?.[1];
      if (!resource) continue;
      const known = catalogMatch(iface, (r) => r.interface === "fhir_api" && r.permission.startsWith(`system/${resource}.`));
      const row = known ?? fhir(`system/${resource}.rs`, `Read and search ${resource} (${iface.name}).`);
      if (checkPermission("fhir_api", row.permission).ok) rows.push(row);
    }
  }
  const have = new Set(existing.map(catalogKey));
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = catalogKey(row);
    if (have.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
