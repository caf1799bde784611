import { createHash } from "node:crypto";
import { cutoverGateItems } from "@/lib/domain/cutover";
import type { Database } from "./index";
import * as s from "./schema";
import type { ItemCategory, Role } from "./schema";

// Reference data: what every Readyroom database needs, demo or not — the default go-live
// readiness template, the Epic one and the one with the cutover's items. Installed at every server start (lib/dal/startup.ts) and
// before the demo seed; idempotent (deterministic ids, ON CONFLICT DO NOTHING), so a revision an
// admin has since retired or replaced is never recreated or republished. The permission catalog
// and the vocabularies live in code (lib/registers/catalog.ts, lib/domain/vocabulary.ts).

// A stable UUID per name, so a second run targets the same rows (the demo seed's ids too).
export function seedId(name: string): string {
  const h = createHash("sha256").update(`readyroom-demo:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type TemplateItemSeed = {
  key: string;
  title: string;
  description: string;
  expectedOutcome: string;
  category: ItemCategory;
  roles: Role[];
  operational: boolean;
  // Signed on the signer's word alone (a runbook, named owners): may be signed without evidence.
  attestationOnly?: boolean;
};

export const goLiveTemplateItems: TemplateItemSeed[] = [
  {
    key: "non-production-testing",
    title: "Non-production testing",
    description: "End-to-end runs of every workflow in scope in the customer's test environment.",
    expectedOutcome: "Every in-scope workflow completes in test with the expected EHR change.",
    category: "validation",
    roles: ["engineer", "implementation_manager"],
    operational: false,
  },
  {
    key: "representative-test-patients",
    title: "Representative test patients",
    description: "Synthetic test patients that cover the edge cases of each workflow surface.",
    expectedOutcome: "Each workflow surface has at least one passing scenario in production.",
    category: "data_quality",
    roles: ["customer_it", "implementation_manager"],
    operational: true,
  },
  {
    key: "sample-payload-review",
    title: "Sample payload review",
    description: "HL7 v2 messages and FHIR resources reviewed field by field with the customer's analysts.",
    expectedOutcome: "Mappings agreed in writing; no unmapped required field.",
    category: "data_quality",
    roles: ["engineer", "customer_it"],
    operational: false,
  },
  {
    key: "api-permission-checks",
    title: "API permission checks",
    description: "Every scope and message type the integration needs, checked in each environment.",
    expectedOutcome: "Every required permission is granted in production.",
    category: "permissions",
    roles: ["engineer"],
    operational: false,
  },
  {
    key: "configuration-review",
    title: "Configuration review",
    description: "Interface, department and provider mappings reviewed against the go-live scope.",
    expectedOutcome: "Configuration matches the signed scope; differences are recorded.",
    category: "configuration",
    roles: ["customer_it", "engineer"],
    operational: false,
  },
  {
    key: "production-smoke-test",
    title: "Production smoke test",
    description: "A controlled change in production, observed from end to end.",
    expectedOutcome: "The change appears in the EHR and in Readyroom's integration within the agreed time.",
    category: "timing",
    roles: ["engineer", "customer_it"],
    operational: true,
  },
  {
    key: "monitoring-setup",
    title: "Monitoring setup",
    description: "Alerts on interface errors, queue depth and sync latency, routed to an on-call owner.",
    expectedOutcome: "A forced failure raises an alert that reaches the on-call owner.",
    category: "monitoring",
    roles: ["engineer"],
    operational: false,
  },
  {
    key: "manual-example-validation",
    title: "Manual example validation",
    description: "A person checks real examples end to end: the right appointment, patient or slot changed.",
    expectedOutcome: "The customer confirms the examples on their own screens.",
    category: "validation",
    roles: ["customer_it", "implementation_manager"],
    operational: true,
  },
  {
    key: "support-readiness",
    title: "Support readiness",
    description: "Runbook, escalation path and named owners on both sides for the first weeks live.",
    expectedOutcome: "Support knows whom to call, and the customer knows how to reach support.",
    category: "ownership",
    roles: ["implementation_manager", "customer_it"],
    operational: false,
    attestationOnly: true,
  },
];

const epicExtraItems: TemplateItemSeed[] = [
  {
    key: "epic-client-ids",
    title: "Separate non-production and production client IDs",
    description: "The app uses distinct client IDs per environment; none is shared.",
    expectedOutcome: "Each environment's client ID is recorded and verified.",
    category: "configuration",
    roles: ["engineer", "customer_it"],
    operational: false,
  },
  {
    key: "epic-client-record-downloaded",
    title: "Client record downloaded by the health system",
    description: "The health system has downloaded the app's client record into its Epic instance.",
    expectedOutcome: "The customer confirms the download in production.",
    category: "permissions",
    roles: ["customer_it"],
    operational: false,
  },
];

// The items through which the gate requires a cutover's rollback plan and support hand-off
// (lib/domain/cutover.ts): signed on attestation by the people who agreed them.
export const cutoverTemplateItems: TemplateItemSeed[] = cutoverGateItems;

export const referenceTemplates = [
  {
    key: "go-live-readiness",
    name: "Go-live readiness",
    description: "The default readiness checklist for any EHR integration go-live.",
    ehrVendor: null,
    items: goLiveTemplateItems,
  },
  {
    key: "epic-go-live-readiness",
    name: "Epic go-live readiness",
    description: "Go-live readiness with Epic's client ID and client record steps.",
    ehrVendor: "epic" as const,
    items: [...goLiveTemplateItems, ...epicExtraItems],
  },
  {
    key: "go-live-cutover-readiness",
    name: "Go-live readiness with cutover",
    description: "Go-live readiness plus the approved rollback plan and the accepted support hand-off the cutover depends on.",
    ehrVendor: null,
    items: [...goLiveTemplateItems, ...cutoverTemplateItems],
  },
];

export const templateId = (key: string) => seedId(`template:${key}:1`);
export const templateItemId = (key: string, item: string) => seedId(`template-item:${key}:1:${item}`);

export async function installReferenceData(db: Database): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    let created = false;
    for (const t of referenceTemplates) {
      const inserted = await tx
        .insert(s.checklistTemplates)
        .values({ id: templateId(t.key), key: t.key, revision: 1, name: t.name, description: t.description, ehrVendor: t.ehrVendor, status: "published" })
        .onConflictDoNothing()
        .returning({ id: s.checklistTemplates.id });
      // Items only with a template created now: a published revision is never changed in place.
      if (inserted.length === 0) continue;
      created = true;
      await tx.insert(s.checklistTemplateItems).values(
        t.items.map((item, position) => ({
          id: templateItemId(t.key, item.key),
          templateId: templateId(t.key),
          key: item.key,
          position,
          title: item.title,
          description: item.description,
          expectedOutcome: item.expectedOutcome,
          category: item.category,
          required: true,
          requiredSignOffRoles: item.roles,
          needsOperationalValidation: item.operational,
          attestationOnly: item.attestationOnly ?? false,
        })),
      );
    }
    return { created };
  });
}
