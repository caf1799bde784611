import {
  blockerSeverities,
  environmentKinds,
  evidenceKinds,
  evidenceOutcomes,
  itemCategories,
  itemStatuses,
  phases,
  roles,
} from "@/lib/domain/vocabulary";
import { categoryLabel, environmentLabel, itemStatusLabel, phaseLabel, roleLabel, severityLabel } from "@/lib/format/labels";

// Turns audit events (action, before, after as stored JSON) into what a person reads in an
// activity timeline: a sentence for the action and a list of changed fields with labels and
// readable values. Pure, so the rules are unit-tested and every screen words them alike.

export type FieldChange = { field: string; label: string; before: string | null; after: string | null };

const fieldLabels: Record<string, string> = {
  ownerId: "Owner",
  status: "Status",
  nextStep: "Next step",
  expectedOutcome: "Expected outcome",
  dueDate: "Due date",
  whatChanged: "What changed",
  whatWasTested: "What was tested",
  whatNeedsProof: "What still needs proof",
  reason: "Blocker reason",
  severity: "Severity",
  ticketUrl: "Ticket link",
  since: "Blocked since",
  resolution: "Resolution",
  environment: "Environment",
  kind: "Kind",
  outcome: "Outcome",
  observedAt: "Observed at",
  linkUrl: "Link",
  title: "Title",
  description: "Description",
  category: "Category",
  required: "Required",
  requiredSignOffRoles: "Sign-off by",
  needsOperationalValidation: "Needs operational validation",
  name: "Name",
  goLiveDate: "Go-live date",
  phase: "Phase",
  freshnessWindowDays: "Freshness window (days)",
  url: "Webhook URL",
  enabled: "Enabled",
  decision: "Decision",
  meaning: "Meaning",
  comment: "Comment",
  note: "Note",
  itemId: "Item",
  mentioned: "Mentioned",
  plannedStart: "Planned start",
  plannedEnd: "Planned end",
  successSignal: "Success signal",
  exitCriteria: "Exit criteria",
  exitMetAt: "Exit criteria met at",
  detail: "Details",
  dueAt: "Due",
  doneAt: "Done at",
  standard: "Standard step",
};

// Fields never shown: ids that only link rows, and anything secret.
const hiddenFields = new Set(["itemId", "implementationId", "secret", "version", "snapshot", "snapshotSha256", "signed", "cause", "supersededBy"]);

const MAX_VALUE = 500;

function enumLabel(field: string, value: string): string | null {
  const is = <T extends readonly string[]>(list: T, v: string): v is T[number] => (list as readonly string[]).includes(v);
  if (field === "status" && is(itemStatuses, value)) return itemStatusLabel[value];
  if (field === "severity" && is(blockerSeverities, value)) return severityLabel[value];
  if (field === "environment" && is(environmentKinds, value)) return environmentLabel[value];
  if (field === "category" && is(itemCategories, value)) return categoryLabel[value];
  if (field === "phase" && is(phases, value)) return phaseLabel[value];
  if (field === "kind" && is(evidenceKinds, value)) return value === "operational" ? "Operational validation" : "Technical evidence";
  if (field === "outcome" && is(evidenceOutcomes, value)) return { pass: "Pass", fail: "Fail", inconclusive: "Inconclusive" }[value];
  return null;
}

export function formatValue(field: string, value: unknown, names: Record<string, string> = {}): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value
      .map((v) => (typeof v === "string" && (roles as readonly string[]).includes(v) ? roleLabel[v as (typeof roles)[number]] : formatValue(field, v, names) ?? ""))
      .join(", ");
  }
  if (typeof value === "string") {
    if (field.endsWith("Id")) return names[value] ?? "someone no longer listed";
    const label = enumLabel(field, value);
    if (label) return label;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return `${value.slice(0, 16).replace("T", " ")} UTC`;
    return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  }
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE)}…` : json;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

// Every field whose readable value differs between before and after, in a stable order:
// known fields in the order people think of them, then any others alphabetically.
export function diffAudit(before: unknown, after: unknown, names: Record<string, string> = {}): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const order = Object.keys(fieldLabels);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((f) => !hiddenFields.has(f))
    .sort((x, y) => {
      const ix = order.indexOf(x);
      const iy = order.indexOf(y);
      if (ix >= 0 && iy >= 0) return ix - iy;
      if (ix >= 0) return -1;
      if (iy >= 0) return 1;
      return x.localeCompare(y);
    });
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = formatValue(field, b[field], names);
    const to = formatValue(field, a[field], names);
    if (from === to) continue;
    changes.push({ field, label: fieldLabels[field] ?? humanize(field), before: from, after: to });
  }
  return changes;
}

function humanize(field: string): string {
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const actionText: Record<string, string> = {
  "checklist_item.updated": "updated an item",
  "checklist_item.blocked": "blocked an item",
  "checklist_item.unblocked": "resolved a blocker",
  "checklist_item.added": "added an item",
  "evidence.recorded": "recorded evidence",
  "configuration_change.recorded": "recorded a configuration change",
  "implementation.created": "created the implementation",
  "implementation.updated": "updated the implementation",
  "sign_off.recorded": "signed off an item",
  "sign_off.approved": "approved an item (sign-off)",
  "sign_off.rejected": "rejected an item (sign-off)",
  "waiver.granted": "waived an item",
  "comment.added": "commented on an item",
  "webhook.configured": "configured the webhook",
  "webhook.secret_rotated": "rotated the webhook secret",
  "webhook.enabled": "enabled the webhook",
  "webhook.disabled": "disabled the webhook",
  "phase.planned": "planned a phase",
  "phase.updated": "changed a phase's plan",
  "phase.exit_met": "marked a phase's exit criteria met",
  "phase.exit_reopened": "said a phase's exit criteria are not met after all",
  "cutover_step.added": "added a cutover step",
  "cutover_step.updated": "changed a cutover step",
  "cutover_step.done": "marked a cutover step done",
  "cutover_step.reopened": "marked a cutover step not done",
  "cutover_step.removed": "removed a cutover step",
};

const causeText: Record<string, string> = {
  edit: "edit",
  evidence: "new evidence",
  block: "block",
  unblock: "blocker resolution",
  waiver: "waiver",
  change: "change",
};

// `after` lets an event that concerns someone else say whom: a superseded sign-off names its
// signer and what they signed ("superseded Priya Raman's sign-off on v4 · 1a2b3c4d by an edit").
export function describeAction(action: string, after?: unknown): string {
  if (action === "sign_off.superseded") {
    const a = asRecord(after);
    const role = typeof a.signerRole === "string" && (roles as readonly string[]).includes(a.signerRole) ? ` (${roleLabel[a.signerRole as (typeof roles)[number]]})` : "";
    const signed = typeof a.signed === "string" ? a.signed : `v${String(a.signedVersion ?? "?")}`;
    const cause = causeText[String(a.cause)] ?? "change";
    return `superseded the sign-off by ${String(a.signerName ?? "someone")}${role} on ${signed} with their ${cause}`;
  }
  if (actionText[action]) return actionText[action];
  const [entity, verb] = action.split(".");
  return `${(verb ?? action).replaceAll("_", " ")} ${entity ? `(${entity.replaceAll("_", " ")})` : ""}`.trim();
}

// The kinds a timeline can be filtered by: the entity part of the action ("checklist_item.*").
export const activityKinds = {
  checklist_item: "Checklist items",
  evidence: "Evidence",
  sign_off: "Sign-offs",
  waiver: "Waivers",
  configuration_change: "Configuration changes",
  implementation: "Implementation",
  webhook: "Notifications",
  comment: "Comments",
  phase: "Phases",
  cutover_step: "Cutover plan",
} as const;

export type ActivityKind = keyof typeof activityKinds;
