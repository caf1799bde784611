import { pgEnum } from "drizzle-orm/pg-core";
import {
  organizationKinds,
  roles,
  ehrVendors,
  workflows,
  interfaceKinds,
  phases,
  implementationStatuses,
  environmentKinds,
  itemCategories,
  itemStatuses,
  blockerSeverities,
  evidenceKinds,
  evidenceOutcomes,
  signOffDecisions,
  permissionInterfaces,
  permissionResults,
  scenarioResults,
  templateStatuses,
  gateVerdicts,
  deliveryStatuses,
} from "@/lib/domain/vocabulary";

export * from "@/lib/domain/vocabulary";

export const organizationKind = pgEnum("organization_kind", organizationKinds);
export const role = pgEnum("role", roles);
export const ehrVendor = pgEnum("ehr_vendor", ehrVendors);
export const workflow = pgEnum("workflow", workflows);
export const interfaceKind = pgEnum("interface_kind", interfaceKinds);
export const phase = pgEnum("phase", phases);
export const implementationStatus = pgEnum("implementation_status", implementationStatuses);
export const environmentKind = pgEnum("environment_kind", environmentKinds);
export const itemCategory = pgEnum("item_category", itemCategories);
export const itemStatus = pgEnum("item_status", itemStatuses);
export const blockerSeverity = pgEnum("blocker_severity", blockerSeverities);
export const evidenceKind = pgEnum("evidence_kind", evidenceKinds);
export const evidenceOutcome = pgEnum("evidence_outcome", evidenceOutcomes);
export const signOffDecision = pgEnum("sign_off_decision", signOffDecisions);
export const permissionInterface = pgEnum("permission_interface", permissionInterfaces);
export const permissionResult = pgEnum("permission_result", permissionResults);
export const scenarioResult = pgEnum("scenario_result", scenarioResults);
export const templateStatus = pgEnum("template_status", templateStatuses);
export const gateVerdict = pgEnum("gate_verdict", gateVerdicts);
export const deliveryStatus = pgEnum("delivery_status", deliveryStatuses);
