import { inArray } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { cutoverStepDefaults, defaultStepDueAt, phaseGuide, type StepOwnerHint } from "@/lib/domain/cutover";
import { buildItemSnapshot, signOffMeaning, snapshotDigest } from "@/lib/domain/sign-off-snapshot";
import { permissionCatalog } from "@/lib/registers/catalog";
import type { Database } from "./index";
import { goLiveTemplateItems, installReferenceData, referenceTemplates, seedId, templateId, templateItemId } from "./reference-data";
import * as s from "./schema";
import type {
  BlockerSeverity,
  EnvironmentKind,
  ItemStatus,
  PermissionResult,
  Role,
  Workflow,
} from "./schema";
import { seedHistory } from "./seed-history";

// Synthetic demo data. Every organization, person, patient and identifier below is fictional;
// no real patient data, ever. Idempotent: rows have deterministic ids and are inserted with
// ON CONFLICT DO NOTHING, so running it again changes nothing.

export const DEMO_PASSWORD = "readyroom-demo";

// Seeded rows keep the ids tests and links use.
export { seedId };

const DAY = 24 * 60 * 60 * 1000;
const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const demoOrganizations = [
  { key: "vendor", name: "Readyroom Demo Vendor", slug: "demo-vendor", kind: "vendor" },
  { key: "riverbend", name: "Riverbend Health (fictional)", slug: "riverbend", kind: "customer" },
  { key: "lakeshore", name: "Lakeshore Medical Group (fictional)", slug: "lakeshore", kind: "customer" },
] as const;

type OrgKey = (typeof demoOrganizations)[number]["key"];

export const demoUsers: {
  key: string;
  org: OrgKey;
  email: string;
  name: string;
  role: Role;
  disabled?: boolean;
}[] = [
  { key: "admin", org: "vendor", email: "admin@vendor.example", name: "Avery Stone", role: "admin" },
  { key: "manager", org: "vendor", email: "manager@vendor.example", name: "Maya Okafor", role: "implementation_manager" },
  { key: "manager2", org: "vendor", email: "manager2@vendor.example", name: "Leo Brandt", role: "implementation_manager" },
  { key: "engineer", org: "vendor", email: "engineer@vendor.example", name: "Erin Vasquez", role: "engineer" },
  { key: "engineer2", org: "vendor", email: "engineer2@vendor.example", name: "Sam Whitfield", role: "engineer" },
  { key: "riverbend-it", org: "riverbend", email: "it@riverbend.example", name: "Casey Lin", role: "customer_it" },
  { key: "riverbend-it2", org: "riverbend", email: "it2@riverbend.example", name: "Jordan Ames", role: "customer_it" },
  { key: "lakeshore-it", org: "lakeshore", email: "it@lakeshore.example", name: "Priya Raman", role: "customer_it" },
  { key: "lakeshore-former", org: "lakeshore", email: "former@lakeshore.example", name: "Rowan Hale", role: "customer_it", disabled: true },
];

type ItemPlan = {
  status?: ItemStatus;
  owner?: string;
  nextStep?: string;
  whatChanged?: string;
  whatWasTested?: string;
  whatNeedsProof?: string;
  dueInDays?: number;
  blocker?: { reason: string; severity: BlockerSeverity; ticket?: string; sinceDaysAgo: number; by: string };
  // Roles that have already approved an item still waiting on others.
  signedBy?: Role[];
};

type EvidencePlan = {
  item: string;
  env: EnvironmentKind;
  kind: "technical" | "operational";
  outcome: "pass" | "fail" | "inconclusive";
  what: string;
  daysAgo: number;
  by: string;
  link?: string;
};

// A phase of the plan, its dates in days from now, and how long ago its exit criteria were met.
type PhaseSeed = { phase: (typeof s.phases)[number]; start: number; end: number | null; metDaysAgo?: number };

// The cutover plan: the standard steps (dated from go-live), those already done, and any others.
type CutoverSeed = {
  standard: boolean;
  done?: string[] | "all";
  extra?: { key: string; title: string; detail: string; dueInDays: number; hourUtc: number; owner: StepOwnerHint; done?: boolean }[];
};

type ImplementationPlan = {
  key: string;
  customer: OrgKey;
  name: string;
  ehrVendor: (typeof s.ehrVendors)[number];
  workflows: (typeof s.workflows)[number][];
  interfaces: (typeof s.interfaceKinds)[number][];
  phase: (typeof s.phases)[number];
  status: (typeof s.implementationStatuses)[number];
  goLiveInDays: number | null;
  manager: string;
  engineer: string;
  template: string;
  // When the manager created it: before anything recorded on it (db/seed-history.ts dates the trail).
  startedDaysAgo: number;
  defaultStatus?: ItemStatus;
  // How long ago the seeded sign-offs were given.
  signedDaysAgo?: number;
  items: Record<string, ItemPlan>;
  evidence: EvidencePlan[];
  configChange?: { daysAgo: number; note: string; by: string };
  permissions: { iface: "fhir_api" | "hl7v2_feed"; permission: string; results: [PermissionResult, PermissionResult, PermissionResult]; by: string }[];
  patients: {
    label: string;
    identifier: string;
    env: EnvironmentKind;
    scenarios: { surface: (typeof s.workflows)[number]; scenario: string; expected: string; observed?: string; result: "not_run" | "pass" | "fail"; by?: string; daysAgo?: number }[];
  }[];
  phasePlan?: PhaseSeed[];
  cutover?: CutoverSeed;
};

const implementationPlans: ImplementationPlan[] = [
  {
    key: "riverbend-appointments",
    startedDaysAgo: 30,
    customer: "riverbend",
    name: "Appointment sync",
    ehrVendor: "epic",
    workflows: ["appointment_sync", "scheduling_availability"],
    interfaces: ["fhir_api", "hl7v2_feed"],
    phase: "pilot",
    status: "active",
    goLiveInDays: 21,
    manager: "manager",
    engineer: "engineer",
    template: "epic-go-live-readiness",
    items: {
      "non-production-testing": {
        status: "ready_for_signoff",
        owner: "engineer",
        whatChanged: "Appointment booking and rescheduling flows wired to the test FHIR endpoint.",
        whatWasTested: "Book, reschedule and cancel for two departments in test.",
        whatNeedsProof: "Sign-off by engineering and the implementation manager.",
        nextStep: "Collect sign-offs.",
      },
      "representative-test-patients": {
        status: "in_progress",
        owner: "riverbend-it",
        nextStep: "Run the cross-department reschedule scenario in production.",
        whatNeedsProof: "A passing scenario per workflow surface in production.",
        dueInDays: 10,
      },
      "sample-payload-review": { status: "in_progress", owner: "riverbend-it2", nextStep: "Review SIU^S12 sample with the EHR analyst.", dueInDays: 5 },
      "api-permission-checks": {
        status: "blocked",
        owner: "engineer",
        nextStep: "Health system to add the scope to the production client.",
        blocker: {
          reason: "Production client lacks patient/Appointment.rs: booking calls return 403.",
          severity: "go_live",
          ticket: "https://tickets.example/browse/INT-142",
          sinceDaysAgo: 5,
          by: "engineer",
        },
      },
      "configuration-review": { status: "in_progress", owner: "engineer2", nextStep: "Confirm department mapping for the two pilot clinics.", dueInDays: 7 },
      "epic-client-ids": { status: "ready_for_signoff", owner: "engineer", whatWasTested: "Non-production and production client IDs differ and each authenticates in its environment." },
      "epic-client-record-downloaded": { status: "in_progress", owner: "riverbend-it", nextStep: "Download the client record in production." },
      "monitoring-setup": { status: "in_progress", owner: "engineer2", nextStep: "Route latency alerts to the on-call rotation." },
    },
    evidence: [
      { item: "non-production-testing", env: "sandbox", kind: "technical", outcome: "pass", what: "FHIR Appointment create/update against the vendor sandbox", daysAgo: 20, by: "engineer" },
      { item: "non-production-testing", env: "test", kind: "technical", outcome: "pass", what: "Book, reschedule, cancel: 42 requests, all 2xx, payloads parsed", daysAgo: 3, by: "engineer" },
      { item: "representative-test-patients", env: "test", kind: "operational", outcome: "pass", what: "Rescheduled ZZTEST-0001 across departments; change visible in the test EHR", daysAgo: 2, by: "riverbend-it" },
      { item: "api-permission-checks", env: "production", kind: "technical", outcome: "fail", what: "patient/Appointment.rs request with the production client", daysAgo: 5, by: "engineer" },
      { item: "epic-client-ids", env: "production", kind: "technical", outcome: "pass", what: "Production client ID token exchange", daysAgo: 4, by: "engineer" },
    ],
    configChange: { daysAgo: 4, note: "Production client ID rotated by the health system.", by: "engineer" },
    permissions: [
      { iface: "fhir_api", permission: "patient/Appointment.rs", results: ["granted", "granted", "denied"], by: "engineer" },
      { iface: "fhir_api", permission: "user/Slot.rs", results: ["granted", "unverified", "unverified"], by: "engineer" },
      { iface: "hl7v2_feed", permission: "SIU^S12", results: ["granted", "granted", "unverified"], by: "engineer2" },
    ],
    patients: [
      {
        label: "Synthetic patient A",
        identifier: "ZZTEST-0001",
        env: "test",
        scenarios: [
          { surface: "appointment_sync", scenario: "Appointment rescheduled across departments", expected: "New slot shown in both departments; old slot freed", observed: "As expected", result: "pass", by: "riverbend-it", daysAgo: 2 },
        ],
      },
      {
        label: "Synthetic patient B",
        identifier: "ZZTEST-0002",
        env: "production",
        scenarios: [
          { surface: "appointment_sync", scenario: "Appointment booked from the patient app", expected: "Appointment appears in the EHR within 60 s", result: "not_run" },
          { surface: "scheduling_availability", scenario: "Provider blocks an afternoon", expected: "Slots disappear from the booking page", result: "not_run" },
        ],
      },
    ],
    phasePlan: [
      { phase: "assessment", start: -30, end: -12, metDaysAgo: 12 },
      { phase: "pilot", start: -11, end: 20 },
      { phase: "expansion", start: 21, end: 55 },
      { phase: "operationalization", start: 56, end: 90 },
    ],
    cutover: { standard: true },
  },
  {
    key: "riverbend-demographics",
    startedDaysAgo: 14,
    customer: "riverbend",
    name: "Patient demographics feed",
    ehrVendor: "epic",
    workflows: ["patient_demographics"],
    interfaces: ["hl7v2_feed"],
    phase: "assessment",
    status: "active",
    goLiveInDays: 75,
    manager: "manager2",
    engineer: "engineer2",
    // The template with the cutover's items: the gate requires an approved rollback plan and
    // an accepted support hand-off here.
    template: "go-live-cutover-readiness",
    items: {
      "sample-payload-review": { status: "in_progress", owner: "riverbend-it", nextStep: "Send ADT^A08 samples with merged patients.", dueInDays: 14 },
      "monitoring-setup": {
        status: "blocked",
        owner: "engineer2",
        blocker: {
          reason: "Latency dashboard missing the second region.",
          severity: "post_live",
          ticket: "https://support.example/agent/tickets/8812",
          sinceDaysAgo: 9,
          by: "engineer2",
        },
      },
    },
    evidence: [],
    // No matrix yet: e2e/registers.spec.ts builds one from the catalog here.
    permissions: [],
    patients: [],
    // Early days: the phases are planned, no cutover step yet (e2e/cutover.spec.ts adds one).
    phasePlan: [
      { phase: "assessment", start: -14, end: 10 },
      { phase: "pilot", start: 11, end: 45 },
      { phase: "expansion", start: 46, end: 74 },
      { phase: "operationalization", start: 75, end: 110 },
    ],
  },
  {
    key: "lakeshore-availability",
    startedDaysAgo: 35,
    customer: "lakeshore",
    name: "Scheduling availability",
    ehrVendor: "oracle_health",
    workflows: ["scheduling_availability"],
    interfaces: ["fhir_api"],
    phase: "expansion",
    status: "active",
    goLiveInDays: 6,
    manager: "manager",
    engineer: "engineer2",
    template: "go-live-readiness",
    // Nearly ready, and honest about what is missing: the production smoke test has only
    // technical evidence (green logs), so it is not ready for sign-off until a person checks a
    // real example in production (docs/demo.md tells the story); manual example validation
    // waits on the customer's and the manager's signatures. Every signed-off item has evidence,
    // except support readiness, which the template marks attestation only.
    defaultStatus: "signed_off",
    signedDaysAgo: 2,
    items: {
      "production-smoke-test": {
        status: "in_progress",
        owner: "lakeshore-it",
        whatWasTested: "Blocked an afternoon for a test provider; the interface withdrew the slots from the booking API within 40 s.",
        whatNeedsProof: "A person at Lakeshore checks a real example in production: the blocked afternoon no longer offered on the booking page.",
        nextStep: "Customer IT to check a blocked afternoon on the production booking page and record it as an operational validation.",
      },
      "manual-example-validation": {
        status: "ready_for_signoff",
        owner: "lakeshore-it",
        whatWasTested: "Three real schedule changes checked with the front desk.",
        nextStep: "Customer IT and the implementation manager to sign off.",
      },
    },
    evidence: [
      { item: "non-production-testing", env: "test", kind: "technical", outcome: "pass", what: "Slot search for 12 providers in test", daysAgo: 8, by: "engineer2" },
      { item: "representative-test-patients", env: "production", kind: "operational", outcome: "pass", what: "ZZTEST-0100 booked into a freed slot; front desk confirmed", daysAgo: 3, by: "lakeshore-it" },
      { item: "api-permission-checks", env: "production", kind: "technical", outcome: "pass", what: "system/Slot.rs and system/Schedule.rs return 200", daysAgo: 3, by: "engineer2" },
      { item: "sample-payload-review", env: "test", kind: "technical", outcome: "pass", what: "Slot and Schedule resources for 12 providers reviewed field by field with the Oracle Health analyst", daysAgo: 12, by: "engineer2" },
      { item: "configuration-review", env: "production", kind: "technical", outcome: "pass", what: "Department and provider mappings match the signed scope (14 departments, 41 providers)", daysAgo: 6, by: "engineer2" },
      { item: "monitoring-setup", env: "production", kind: "technical", outcome: "pass", what: "Forced a sync failure; the latency alert reached the on-call engineer in 3 minutes", daysAgo: 5, by: "engineer2" },
      { item: "production-smoke-test", env: "production", kind: "technical", outcome: "pass", what: "Test provider blocked; interface log shows the slots withdrawn from the booking API in 40 s", daysAgo: 2, by: "engineer2" },
      { item: "manual-example-validation", env: "production", kind: "operational", outcome: "pass", what: "Three real schedule changes seen by the front desk as expected", daysAgo: 1, by: "lakeshore-it" },
    ],
    permissions: [
      { iface: "fhir_api", permission: "system/Slot.rs", results: ["granted", "granted", "granted"], by: "engineer2" },
      { iface: "fhir_api", permission: "system/Schedule.rs", results: ["granted", "granted", "granted"], by: "engineer2" },
    ],
    patients: [
      {
        label: "Synthetic patient C",
        identifier: "ZZTEST-0100",
        env: "production",
        scenarios: [
          { surface: "scheduling_availability", scenario: "Freed slot rebooked", expected: "Slot offered within 60 s of cancellation", observed: "Offered after 22 s", result: "pass", by: "lakeshore-it", daysAgo: 1 },
        ],
      },
    ],
    phasePlan: [
      { phase: "assessment", start: -35, end: -25, metDaysAgo: 25 },
      { phase: "pilot", start: -24, end: -8, metDaysAgo: 8 },
      { phase: "expansion", start: -7, end: 5 },
      { phase: "operationalization", start: 6, end: 40 },
    ],
    cutover: {
      standard: true,
      extra: [
        {
          key: "cutover-rehearsal",
          title: "Cutover rehearsal in test",
          detail: "The go-live runbook walked through in the test environment, timings noted.",
          dueInDays: -2,
          hourUtc: 14,
          owner: "engineer",
          done: true,
        },
      ],
    },
  },
  {
    key: "lakeshore-documents",
    startedDaysAgo: 75,
    customer: "lakeshore",
    name: "Clinical documents",
    ehrVendor: "oracle_health",
    workflows: ["documents"],
    interfaces: ["flat_file", "sftp"],
    phase: "operationalization",
    status: "live",
    goLiveInDays: -30,
    manager: "manager2",
    engineer: "engineer",
    template: "go-live-readiness",
    defaultStatus: "signed_off",
    items: {},
    // Went live after every item was shown: each has production evidence from before its
    // sign-offs, operational where the template asks for a person to check a real example.
    evidence: goLiveTemplateItems.map((item) => ({
      item: item.key,
      env: "production" as const,
      kind: item.operational ? ("operational" as const) : ("technical" as const),
      outcome: "pass" as const,
      what: item.operational
        ? `${item.title}: discharge summaries for ZZTEST-0200 checked on the chart by HIM staff`
        : `${item.title}: checked in production before go-live`,
      daysAgo: 33,
      by: item.operational ? "lakeshore-it" : "engineer",
    })),
    permissions: [],
    patients: [],
    phasePlan: [
      { phase: "assessment", start: -75, end: -62, metDaysAgo: 62 },
      { phase: "pilot", start: -61, end: -45, metDaysAgo: 45 },
      { phase: "expansion", start: -44, end: -31, metDaysAgo: 31 },
      { phase: "operationalization", start: -30, end: 14 },
    ],
    cutover: { standard: true, done: "all" },
  },
  {
    key: "lakeshore-orders",
    startedDaysAgo: 40,
    customer: "lakeshore",
    name: "Orders and results",
    ehrVendor: "oracle_health",
    workflows: ["orders_results"],
    interfaces: ["hl7v2_feed"],
    phase: "pilot",
    status: "paused",
    goLiveInDays: null,
    manager: "manager",
    engineer: "engineer",
    template: "go-live-readiness",
    items: {
      "configuration-review": { status: "in_progress", owner: "lakeshore-it", nextStep: "Paused until the lab system upgrade completes." },
    },
    evidence: [],
    permissions: [
      { iface: "hl7v2_feed", permission: "ORM^O01", results: ["unverified", "unverified", "unverified"], by: "engineer" },
    ],
    patients: [],
    // Paused in its pilot: the pilot has no end date until the lab system upgrade completes.
    phasePlan: [
      { phase: "assessment", start: -40, end: -21, metDaysAgo: 21 },
      { phase: "pilot", start: -20, end: null },
    ],
  },
];

export async function seedDemo(db: Database, now = new Date()): Promise<{ created: boolean }> {
  const orgId = (k: string) => seedId(`org:${k}`);
  const userId = (k: string) => seedId(`user:${k}`);

  // The templates the plans are copied from are reference data, on every database.
  await installReferenceData(db);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(s.organizations)
      .values(demoOrganizations.map((o) => ({ id: orgId(o.key), name: o.name, slug: o.slug, kind: o.kind })))
      .onConflictDoNothing()
      .returning({ id: s.organizations.id });

    // Hash only for users that do not exist yet: a restart should not spend seconds on bcrypt.
    const existing = new Set(
      (
        await tx
          .select({ id: s.users.id })
          .from(s.users)
          .where(inArray(s.users.id, demoUsers.map((u) => userId(u.key))))
      ).map((r) => r.id),
    );
    const missing = demoUsers.filter((u) => !existing.has(userId(u.key)));
    if (missing.length > 0) {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await tx
        .insert(s.users)
        .values(
          missing.map((u) => ({
            id: userId(u.key),
            organizationId: orgId(u.org),
            email: u.email,
            name: u.name,
            role: u.role,
            passwordHash,
            disabledAt: u.disabled ? now : null,
          })),
        )
        .onConflictDoNothing();
    }

    for (const plan of implementationPlans) {
      const implId = seedId(`impl:${plan.key}`);
      const template = referenceTemplates.find((t) => t.key === plan.template);
      if (!template) throw new Error(`seed: unknown template ${plan.template}`);
      const createdNow = await tx
        .insert(s.implementations)
        .values({
          id: implId,
          customerOrganizationId: orgId(plan.customer),
          name: plan.name,
          ehrVendor: plan.ehrVendor,
          workflows: plan.workflows,
          interfaces: plan.interfaces,
          phase: plan.phase,
          status: plan.status,
          goLiveDate: plan.goLiveInDays === null ? null : isoDate(daysFrom(now, plan.goLiveInDays)),
          implementationManagerId: userId(plan.manager),
          engineeringOwnerId: userId(plan.engineer),
          templateId: templateId(plan.template),
          createdAt: daysFrom(now, -plan.startedDaysAgo),
          createdById: userId(plan.manager),
        })
        .onConflictDoNothing()
        .returning({ id: s.implementations.id });

      const envId = (kind: EnvironmentKind) => seedId(`env:${plan.key}:${kind}`);
      await tx
        .insert(s.environments)
        .values(
          s.environmentKinds.map((kind) => ({
            id: envId(kind),
            implementationId: implId,
            kind,
            name: { sandbox: "Vendor sandbox", test: "Customer test (non-prod)", production: "Production" }[kind],
          })),
        )
        .onConflictDoNothing();

      if (plan.configChange) {
        await tx
          .insert(s.configurationChanges)
          .values({
            id: seedId(`config:${plan.key}`),
            implementationId: implId,
            environmentId: envId("production"),
            changedAt: daysFrom(now, -plan.configChange.daysAgo),
            note: plan.configChange.note,
            recordedById: userId(plan.configChange.by),
          })
          .onConflictDoNothing();
      }

      const itemId = (key: string) => seedId(`item:${plan.key}:${key}`);
      const itemRows = template.items.map((t, position) => {
        const p = plan.items[t.key] ?? {};
        const status = p.status ?? plan.defaultStatus ?? "not_started";
        return {
          id: itemId(t.key),
          implementationId: implId,
          templateItemId: templateItemId(template.key, t.key),
          key: t.key,
          position,
          title: t.title,
          description: t.description,
          category: t.category,
          required: true,
          requiredSignOffRoles: t.roles,
          needsOperationalValidation: t.operational,
          attestationOnly: t.attestationOnly ?? false,
          ownerId: p.owner ? userId(p.owner) : status === "not_started" ? null : userId(plan.engineer),
          status,
          nextStep: p.nextStep ?? "",
          expectedOutcome: t.expectedOutcome,
          dueDate: p.dueInDays === undefined ? null : isoDate(daysFrom(now, p.dueInDays)),
          whatChanged: p.whatChanged ?? "",
          whatWasTested: p.whatWasTested ?? "",
          whatNeedsProof: p.whatNeedsProof ?? "",
          blockerReason: p.blocker?.reason ?? null,
          blockerSeverity: p.blocker?.severity ?? null,
          blockerTicketUrl: p.blocker?.ticket ?? null,
          blockedSince: p.blocker ? isoDate(daysFrom(now, -p.blocker.sinceDaysAgo)) : null,
          blockedById: p.blocker ? userId(p.blocker.by) : null,
        };
      });
      // An implementation seeded on an earlier start keeps the checklist it was created with: a
      // template item added to the demo since is not slipped in behind the write path.
      if (createdNow.length > 0) await tx.insert(s.checklistItems).values(itemRows).onConflictDoNothing();

      const evidenceRows = plan.evidence.map((e, i) => ({
        id: seedId(`evidence:${plan.key}:${i}`),
        checklistItemId: itemId(e.item),
        implementationId: implId,
        environmentId: envId(e.env),
        kind: e.kind,
        whatWasTested: e.what,
        outcome: e.outcome,
        observedAt: daysFrom(now, -e.daysAgo),
        recordedById: userId(e.by),
        linkUrl: e.link ?? null,
      }));
      if (evidenceRows.length > 0) await tx.insert(s.evidence).values(evidenceRows).onConflictDoNothing();

      // Items seeded as signed off carry a real sign-off per required role, bound to version 1.
      const signers: Record<Role, string | undefined> = {
        admin: undefined,
        implementation_manager: plan.manager,
        engineer: plan.engineer,
        customer_it: demoUsers.find((u) => u.org === plan.customer && u.role === "customer_it" && !u.disabled)?.key,
      };
      const signOffRows = itemRows
        .filter((row) => row.status === "signed_off" || (plan.items[row.key]?.signedBy?.length ?? 0) > 0)
        .flatMap((row) => {
          const snapshot = buildItemSnapshot({
            item: { ...row, implementationId: implId, version: 1 },
            evidence: evidenceRows
              .map((e, i) => ({ row: e, source: plan.evidence[i]! }))
              .filter(({ row: e }) => e.checklistItemId === row.id)
              .map(({ row: e, source }) => ({
                id: e.id,
                kind: e.kind,
                environment: source.env,
                whatWasTested: e.whatWasTested,
                outcome: e.outcome,
                observedAt: e.observedAt,
                recordedBy: demoUsers.find((u) => u.key === source.by)!.name,
                linkUrl: e.linkUrl,
              })),
          });
          const signedRoles = row.status === "signed_off" ? row.requiredSignOffRoles : (plan.items[row.key]?.signedBy ?? []);
          return signedRoles.map((signerRole) => {
            const signerKey = signers[signerRole];
            const signer = demoUsers.find((u) => u.key === signerKey);
            if (!signer) throw new Error(`seed: no ${signerRole} to sign ${row.key}`);
            const org = demoOrganizations.find((o) => o.key === signer.org)!;
            return {
              id: seedId(`signoff:${row.id}:${signerRole}`),
              checklistItemId: row.id,
              implementationId: implId,
              signerId: userId(signer.key),
              signerName: signer.name,
              signerOrganizationId: orgId(org.key),
              signerOrganizationName: org.name,
              signerRole,
              decision: "approve" as const,
              meaning: signOffMeaning("approve", row.needsOperationalValidation, row.attestationOnly),
              signedAt: daysFrom(now, -(plan.signedDaysAgo ?? 31)),
              itemVersion: 1,
              snapshotSha256: snapshotDigest(snapshot),
              snapshot,
            };
          });
        });
      if (signOffRows.length > 0) await tx.insert(s.signOffs).values(signOffRows).onConflictDoNothing();

      for (const [i, perm] of plan.permissions.entries()) {
        const requirementId = seedId(`perm:${plan.key}:${i}`);
        await tx
          .insert(s.permissionRequirements)
          .values({ id: requirementId, implementationId: implId, interface: perm.iface, permission: perm.permission, required: true })
          .onConflictDoNothing();
        await tx
          .insert(s.permissionChecks)
          .values(
            s.environmentKinds.map((kind, k) => {
              const result = perm.results[k]!;
              return {
                id: seedId(`perm-check:${plan.key}:${i}:${kind}`),
                requirementId,
                implementationId: implId,
                environmentId: envId(kind),
                result,
                checkedAt: result === "unverified" ? null : daysFrom(now, -(6 - k)),
                checkedById: result === "unverified" ? null : userId(perm.by),
              };
            }),
          )
          .onConflictDoNothing();
      }

      for (const [i, patient] of plan.patients.entries()) {
        const patientId = seedId(`patient:${plan.key}:${i}`);
        await tx
          .insert(s.testPatients)
          .values({ id: patientId, implementationId: implId, environmentId: envId(patient.env), label: patient.label, testIdentifier: patient.identifier, note: "Synthetic test patient; not a real person." })
          .onConflictDoNothing();
        await tx
          .insert(s.testPatientScenarios)
          .values(
            patient.scenarios.map((sc, j) => ({
              id: seedId(`scenario:${plan.key}:${i}:${j}`),
              testPatientId: patientId,
              implementationId: implId,
              workflowSurface: sc.surface,
              scenario: sc.scenario,
              expectedOutcome: sc.expected,
              observedOutcome: sc.observed ?? "",
              result: sc.result,
              validatedById: sc.by ? userId(sc.by) : null,
              validatedAt: sc.daysAgo === undefined ? null : daysFrom(now, -sc.daysAgo),
            })),
          )
          .onConflictDoNothing();
      }
    }

    await seedPlans(tx, now);
    await seedRegisters(tx, now);
    // The trail is append-only: written once, with the demo it describes.
    if (inserted.length > 0) await seedHistory(tx, implementationPlans.map((plan) => seedId(`impl:${plan.key}`)));

    return { created: inserted.length > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Phase plans and cutover plans (docs/cutover.md): the standard steps dated from each go-live,
// owned by the people each usually falls to; the live implementation did every one of them.

async function seedPlans(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], now: Date) {
  const userId = (k: string) => seedId(`user:${k}`);
  const day = (days: number) => isoDate(daysFrom(now, days));
  for (const plan of implementationPlans) {
    const implId = seedId(`impl:${plan.key}`);
    // Planned in the project's first hours (db/seed-history.ts dates the trail from these).
    const started = daysFrom(now, -plan.startedDaysAgo);
    const plannedAt = new Date(started.getTime() + 60 * 60 * 1000);
    if (plan.phasePlan?.length) {
      await tx
        .insert(s.implementationPhases)
        .values(
          plan.phasePlan.map((p) => ({
            id: seedId(`phase:${plan.key}:${p.phase}`),
            implementationId: implId,
            phase: p.phase,
            plannedStart: day(p.start),
            plannedEnd: p.end === null ? null : day(p.end),
            successSignal: phaseGuide[p.phase].successSignal,
            exitCriteria: phaseGuide[p.phase].exitCriteria,
            exitMetAt: p.metDaysAgo === undefined ? null : daysFrom(now, -p.metDaysAgo),
            exitMetById: p.metDaysAgo === undefined ? null : userId(plan.manager),
            updatedById: userId(plan.manager),
            createdAt: plannedAt,
            updatedAt: p.metDaysAgo === undefined ? plannedAt : daysFrom(now, -p.metDaysAgo),
          })),
        )
        .onConflictDoNothing();
    }
    if (!plan.cutover || plan.goLiveInDays === null) continue;
    const goLive = day(plan.goLiveInDays);
    const customer = demoUsers.find((u) => u.org === plan.customer && u.role === "customer_it" && !u.disabled)?.key ?? plan.manager;
    const owners: Record<StepOwnerHint, string> = { manager: plan.manager, engineer: plan.engineer, customer };
    const done = plan.cutover.done;
    const steps = [
      ...(plan.cutover.standard
        ? cutoverStepDefaults.map((d) => ({ key: d.key, title: d.title, detail: d.detail, owner: d.owner, dueAt: defaultStepDueAt(goLive, d), done: done === "all" || (done?.includes(d.key) ?? false) }))
        : []),
      ...(plan.cutover.extra ?? []).map((e) => ({
        key: e.key,
        title: e.title,
        detail: e.detail,
        owner: e.owner,
        // Dated from today, not from go-live.
        dueAt: defaultStepDueAt(day(e.dueInDays), { dayOffset: 0, hourUtc: e.hourUtc }),
        done: e.done ?? false,
      })),
    ];
    await tx
      .insert(s.cutoverSteps)
      .values(
        steps.map((step) => {
          // Done a little before it was due, by its owner.
          const doneAt = step.done ? new Date(Math.min(step.dueAt.getTime() - 30 * 60 * 1000, now.getTime())) : null;
          return {
            id: seedId(`cutover:${plan.key}:${step.key}`),
            implementationId: implId,
            key: step.key,
            title: step.title,
            detail: step.detail,
            ownerId: userId(owners[step.owner]),
            dueAt: step.dueAt,
            doneAt,
            doneById: doneAt ? userId(owners[step.owner]) : null,
            createdById: userId(plan.manager),
            updatedById: doneAt ? userId(owners[step.owner]) : userId(plan.manager),
            createdAt: plannedAt,
            updatedAt: doneAt ?? plannedAt,
          };
        }),
      )
      .onConflictDoNothing();
  }
}

// ---------------------------------------------------------------------------------------------
// Permission matrices and test-patient registers beyond the plans' first rows (issue 5): the
// catalog rows of riverbend-appointments, proven in sandbox and test but only partly in
// production, so drift shows; lakeshore-documents, live, with everything granted and passed
// in production. Identifiers are ZZTEST values of synthetic patients.

type RegisterSeed = {
  impl: string;
  rows: { workflow: Workflow; permission: string; results: [PermissionResult, PermissionResult, PermissionResult]; checkedDaysAgo: [number, number, number]; by: string }[];
  patients: {
    key: string;
    label: string;
    identifier: string;
    env: EnvironmentKind;
    scenarios: { surface: Workflow; scenario: string; expected: string; observed?: string; result: "not_run" | "pass" | "fail"; by?: string; daysAgo?: number }[];
  }[];
};

const granted3 = ["granted", "granted", "granted"] as [PermissionResult, PermissionResult, PermissionResult];

const registerSeeds: RegisterSeed[] = [
  {
    impl: "riverbend-appointments",
    rows: [
      { workflow: "appointment_sync", permission: "system/Appointment.crus", results: ["granted", "granted", "unverified"], checkedDaysAgo: [12, 3, 0], by: "engineer" },
      { workflow: "appointment_sync", permission: "system/Schedule.rs", results: granted3, checkedDaysAgo: [12, 3, 2], by: "engineer" },
      { workflow: "appointment_sync", permission: "system/Slot.rs", results: granted3, checkedDaysAgo: [12, 3, 2], by: "engineer" },
      { workflow: "appointment_sync", permission: "SIU^S13", results: granted3, checkedDaysAgo: [12, 3, 2], by: "engineer2" },
      { workflow: "appointment_sync", permission: "SIU^S14", results: ["granted", "granted", "unverified"], checkedDaysAgo: [12, 3, 0], by: "engineer2" },
      { workflow: "appointment_sync", permission: "SIU^S15", results: ["granted", "granted", "error"], checkedDaysAgo: [12, 3, 1], by: "engineer2" },
      { workflow: "scheduling_availability", permission: "system/Practitioner.rs", results: granted3, checkedDaysAgo: [12, 3, 2], by: "engineer" },
      { workflow: "scheduling_availability", permission: "system/Location.rs", results: ["granted", "unverified", "unverified"], checkedDaysAgo: [12, 0, 0], by: "engineer" },
    ],
    patients: [
      {
        key: "c",
        label: "Test patient C (synthetic)",
        identifier: "ZZTEST1001",
        env: "production",
        scenarios: [
          { surface: "appointment_sync", scenario: "Appointment rescheduled across departments", expected: "New slot shown in both departments; old slot freed", result: "not_run" },
          { surface: "scheduling_availability", scenario: "Provider blocks an afternoon", expected: "Slots withdrawn from the booking page within 5 minutes", observed: "Slots still offered 10 minutes later", result: "fail", by: "riverbend-it", daysAgo: 1 },
        ],
      },
      {
        key: "d",
        label: "Test patient D (synthetic)",
        identifier: "ZZTEST1002",
        env: "test",
        scenarios: [
          { surface: "scheduling_availability", scenario: "Provider blocks an afternoon", expected: "Slots withdrawn from the booking page within 5 minutes", observed: "Withdrawn after 40 s", result: "pass", by: "riverbend-it", daysAgo: 3 },
        ],
      },
    ],
  },
  {
    impl: "lakeshore-documents",
    rows: permissionCatalog.documents.map((row) => ({ workflow: "documents" as const, permission: row.permission, results: granted3, checkedDaysAgo: [5, 4, 3] as [number, number, number], by: "engineer" })),
    patients: [
      {
        key: "e",
        label: "Test patient E (synthetic)",
        identifier: "ZZTEST1200",
        env: "production",
        scenarios: [
          { surface: "documents", scenario: "Discharge summary filed to the chart", expected: "Summary visible in the chart within 5 minutes", observed: "Visible after 2 minutes; HIM confirmed", result: "pass", by: "lakeshore-it", daysAgo: 3 },
          { surface: "documents", scenario: "Corrected document replaces the original", expected: "Chart shows the correction, original marked superseded", observed: "As expected", result: "pass", by: "lakeshore-it", daysAgo: 3 },
        ],
      },
    ],
  },
];

async function seedRegisters(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], now: Date) {
  const userId = (k: string) => seedId(`user:${k}`);
  for (const plan of registerSeeds) {
    const implId = seedId(`impl:${plan.impl}`);
    const envId = (kind: EnvironmentKind) => seedId(`env:${plan.impl}:${kind}`);
    for (const row of plan.rows) {
      const entry = permissionCatalog[row.workflow].find((r) => r.permission === row.permission);
      if (!entry) throw new Error(`seed: ${row.permission} is not in the ${row.workflow} catalog`);
      const requirementId = seedId(`register-perm:${plan.impl}:${entry.interface}:${entry.permission}`);
      await tx
        .insert(s.permissionRequirements)
        .values({ id: requirementId, implementationId: implId, interface: entry.interface, permission: entry.permission, required: entry.required, note: entry.note })
        .onConflictDoNothing();
      await tx
        .insert(s.permissionChecks)
        .values(
          s.environmentKinds.map((kind, k) => {
            const result = row.results[k]!;
            return {
              id: seedId(`register-perm-check:${plan.impl}:${entry.interface}:${entry.permission}:${kind}`),
              requirementId,
              implementationId: implId,
              environmentId: envId(kind),
              result,
              checkedAt: result === "unverified" ? null : daysFrom(now, -row.checkedDaysAgo[k]!),
              checkedById: result === "unverified" ? null : userId(row.by),
              note: result === "error" ? "Check run returned HTTP 500 from the interface engine; retry after their patch." : "",
            };
          }),
        )
        .onConflictDoNothing();
    }
    for (const patient of plan.patients) {
      const patientId = seedId(`register-patient:${plan.impl}:${patient.key}`);
      await tx
        .insert(s.testPatients)
        .values({ id: patientId, implementationId: implId, environmentId: envId(patient.env), label: patient.label, testIdentifier: patient.identifier, note: "Synthetic test patient; not a real person." })
        .onConflictDoNothing();
      await tx
        .insert(s.testPatientScenarios)
        .values(
          patient.scenarios.map((sc, j) => ({
            id: seedId(`register-scenario:${plan.impl}:${patient.key}:${j}`),
            testPatientId: patientId,
            implementationId: implId,
            workflowSurface: sc.surface,
            scenario: sc.scenario,
            expectedOutcome: sc.expected,
            observedOutcome: sc.observed ?? "",
            result: sc.result,
            validatedById: sc.by ? userId(sc.by) : null,
            validatedAt: sc.daysAgo === undefined ? null : daysFrom(now, -sc.daysAgo),
          })),
        )
        .onConflictDoNothing();
    }
  }
}
