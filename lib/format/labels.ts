import type {
  BlockerSeverity,
  EhrVendor,
  EnvironmentKind,
  GateVerdict,
  ImplementationStatus,
  InterfaceKind,
  ItemCategory,
  ItemStatus,
  PermissionInterface,
  PermissionResult,
  Phase,
  Role,
  ScenarioResult,
  Workflow,
} from "@/lib/domain/vocabulary";

// How each domain value reads on screen.

export const roleLabel: Record<Role, string> = {
  admin: "Admin",
  implementation_manager: "Implementation manager",
  engineer: "Engineer",
  customer_it: "Customer IT",
};

export const ehrVendorLabel: Record<EhrVendor, string> = {
  epic: "Epic",
  oracle_health: "Oracle Health",
  meditech: "MEDITECH",
  athenahealth: "athenahealth",
  other: "Other EHR",
};

export const phaseLabel: Record<Phase, string> = {
  assessment: "Assessment",
  pilot: "Pilot",
  expansion: "Expansion",
  operationalization: "Operationalization",
};

export const implementationStatusLabel: Record<ImplementationStatus, string> = {
  active: "Active",
  live: "Live",
  paused: "Paused",
  cancelled: "Cancelled",
};

export const itemStatusLabel: Record<ItemStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  blocked: "Blocked",
  ready_for_signoff: "Ready for sign-off",
  signed_off: "Signed off",
  waived: "Waived",
};

export const categoryLabel: Record<ItemCategory, string> = {
  configuration: "Configuration",
  data_quality: "Data quality",
  permissions: "Permissions",
  timing: "Timing",
  validation: "Validation",
  monitoring: "Monitoring",
  ownership: "Ownership",
};

export const workflowLabel: Record<Workflow, string> = {
  appointment_sync: "Appointment sync",
  scheduling_availability: "Scheduling availability",
  patient_demographics: "Patient demographics",
  documents: "Documents",
  orders_results: "Orders and results",
  other: "Other",
};

export const interfaceLabel: Record<InterfaceKind, string> = {
  hl7v2_feed: "HL7 v2 feed",
  fhir_api: "FHIR API",
  flat_file: "Flat file",
  dicom: "DICOM",
  sftp: "SFTP",
  proprietary_api: "Proprietary API",
};

export const environmentLabel: Record<EnvironmentKind, string> = {
  sandbox: "Sandbox",
  test: "Test",
  production: "Production",
};

export const severityLabel: Record<BlockerSeverity, string> = {
  go_live: "Go-live blocker",
  post_live: "Post-live",
};

export const gateVerdictLabel: Record<GateVerdict, string> = {
  go: "Go",
  conditional_go: "Conditional go",
  no_go: "No-go",
};

export const signOffDecisionLabel = { approve: "Approved", reject: "Rejected" } as const;

export const permissionInterfaceLabel: Record<PermissionInterface, string> = {
  fhir_api: "FHIR API",
  hl7v2_feed: "HL7 v2 feed",
  proprietary_api: "Proprietary API",
};

export const permissionResultLabel: Record<PermissionResult, string> = {
  unverified: "Unverified",
  granted: "Granted",
  denied: "Denied",
  error: "Error",
};

export const scenarioResultLabel: Record<ScenarioResult, string> = {
  not_run: "Not run",
  pass: "Pass",
  fail: "Fail",
};
