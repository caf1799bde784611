// The domain vocabularies. Each list is the single source for the database enums
// (db/schema/enums.ts), the zod schemas and the labels shown on screen (lib/format/labels.ts).
// Kept free of any database import so client components may use it.

export const organizationKinds = ["vendor", "customer"] as const;
export const roles = ["admin", "implementation_manager", "engineer", "customer_it"] as const;
export const ehrVendors = ["epic", "oracle_health", "meditech", "athenahealth", "other"] as const;
export const workflows = [
  "appointment_sync",
  "scheduling_availability",
  "patient_demographics",
  "documents",
  "orders_results",
  "other",
] as const;
export const interfaceKinds = [
  "hl7v2_feed",
  "fhir_api",
  "flat_file",
  "dicom",
  "sftp",
  "proprietary_api",
] as const;
export const phases = ["assessment", "pilot", "expansion", "operationalization"] as const;
export const implementationStatuses = ["active", "live", "paused", "cancelled"] as const;
export const environmentKinds = ["sandbox", "test", "production"] as const;
export const itemCategories = [
  "configuration",
  "data_quality",
  "permissions",
  "timing",
  "validation",
  "monitoring",
  "ownership",
] as const;
export const itemStatuses = [
  "not_started",
  "in_progress",
  "blocked",
  "ready_for_signoff",
  "signed_off",
  "waived",
] as const;
export const blockerSeverities = ["go_live", "post_live"] as const;
export const evidenceKinds = ["technical", "operational"] as const;
export const evidenceOutcomes = ["pass", "fail", "inconclusive"] as const;
export const signOffDecisions = ["approve", "reject"] as const;
export const permissionInterfaces = ["fhir_api", "hl7v2_feed", "proprietary_api"] as const;
export const permissionResults = ["unverified", "granted", "denied", "error"] as const;
export const scenarioResults = ["not_run", "pass", "fail"] as const;
export const templateStatuses = ["draft", "published", "retired"] as const;
export const gateVerdicts = ["go", "conditional_go", "no_go"] as const;
export const deliveryStatuses = ["pending", "delivered", "failed"] as const;

export type OrganizationKind = (typeof organizationKinds)[number];
export type Role = (typeof roles)[number];
export type EhrVendor = (typeof ehrVendors)[number];
export type Workflow = (typeof workflows)[number];
export type InterfaceKind = (typeof interfaceKinds)[number];
export type Phase = (typeof phases)[number];
export type ImplementationStatus = (typeof implementationStatuses)[number];
export type EnvironmentKind = (typeof environmentKinds)[number];
export type ItemCategory = (typeof itemCategories)[number];
export type ItemStatus = (typeof itemStatuses)[number];
export type BlockerSeverity = (typeof blockerSeverities)[number];
export type EvidenceKind = (typeof evidenceKinds)[number];
export type EvidenceOutcome = (typeof evidenceOutcomes)[number];
export type PermissionInterface = (typeof permissionInterfaces)[number];
export type PermissionResult = (typeof permissionResults)[number];
export type ScenarioResult = (typeof scenarioResults)[number];
export type GateVerdict = (typeof gateVerdicts)[number];
export type DeliveryStatus = (typeof deliveryStatuses)[number];

// People and sign-in (organizations, invitations, sign-in links, mail).
export const signInMethods = ["password", "email_link", "sso"] as const;
export const accountTokenKinds = ["invitation", "password_reset", "sign_in_link", "setup"] as const;
export const userStatuses = ["invited", "active", "disabled"] as const;
export type SignInMethod = (typeof signInMethods)[number];
export type AccountTokenKind = (typeof accountTokenKinds)[number];
export type UserStatus = (typeof userStatuses)[number];

// The in-app inbox and its mail (lib/dal/inbox.ts).
export const inboxKinds = [
  "sign_off_requested",
  "item_rejected",
  "blocker_assigned",
  "blocker_resolved",
  "item_due",
  "item_overdue",
  "verdict_changed",
  "sign_off_superseded",
  "mentioned",
  "hypercare_alert",
] as const;
export const mailModes = ["immediately", "daily", "off"] as const;
export type InboxKind = (typeof inboxKinds)[number];
export type MailMode = (typeof mailModes)[number];

// Lists a person can save a named view of (lib/dal/saved-views.ts).
export const savedViewLists = ["portfolio", "blockers"] as const;
export type SavedViewList = (typeof savedViewLists)[number];
