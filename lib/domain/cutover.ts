import { isoDay } from "@/lib/format/dates";
import type { ItemCategory, Phase, Role } from "./vocabulary";

// The phased rollout and the cutover plan of one implementation (docs/cutover.md), as pure rules
// the pages, the timeline and the demo seed share: what each phase is for, the standard cutover
// steps and when each falls relative to go-live, and how a step or a phase stands at a moment.
// Dates are UTC, like every other date in the product.

const DAY_MS = 24 * 60 * 60 * 1000;

// ---- Phases: what each is for, offered as the starting text of an implementation's plan.

export const phaseGuide: Record<Phase, { successSignal: string; exitCriteria: string }> = {
  assessment: {
    successSignal: "Scope, interfaces and owners agreed with the health system: every workflow in scope has a named owner on both sides.",
    exitCriteria: "Interface inventory confirmed by the customer; permission matrix drafted; go-live date agreed.",
  },
  pilot: {
    successSignal: "One site or department runs the workflow in production on real schedules for a week without manual fix-ups.",
    exitCriteria: "Customer accepts the pilot in writing; no open go-live blocker; production permissions granted for the pilot scope.",
  },
  expansion: {
    successSignal: "Every site in scope is live; errors and sync latency stay within the agreed limits.",
    exitCriteria: "Every in-scope workflow has a passing production scenario; alerts reach the on-call owner; rollback plan approved.",
  },
  operationalization: {
    successSignal: "Support runs the integration day to day; the project team is no longer called for routine issues.",
    exitCriteria: "Hypercare closed with no open post-live blocker; support hand-off accepted.",
  },
};

export type PhasePlanRow = {
  phase: Phase;
  plannedStart: string | null;
  plannedEnd: string | null;
  exitMetAt: Date | null;
};

// How a phase stands today: its exit criteria met; past its planned end without them; the
// implementation's current phase; planned (dated); or not planned yet.
export type PhaseStanding = "exit_met" | "overdue" | "current" | "planned" | "not_planned";

export function phaseStanding(row: PhasePlanRow, currentPhase: Phase, today: string): PhaseStanding {
  if (row.exitMetAt) return "exit_met";
  if (row.plannedEnd && row.plannedEnd < today) return "overdue";
  if (row.phase === currentPhase) return "current";
  if (row.plannedStart || row.plannedEnd) return "planned";
  return "not_planned";
}

export const phaseStandingLabel: Record<PhaseStanding, string> = {
  exit_met: "Exit criteria met",
  overdue: "Past its planned end, exit criteria not met",
  current: "Current phase",
  planned: "Planned",
  not_planned: "Not planned yet",
};

// ---- Cutover steps.

// Who a standard step goes to first: the implementation's manager, its engineering owner, or a
// person of the health system (the manager when the implementation has none of them).
export type StepOwnerHint = "manager" | "engineer" | "customer";

export type CutoverStepDefault = {
  key: string;
  title: string;
  detail: string;
  // Days from go-live (negative: before) and the hour, UTC, the step is due.
  dayOffset: number;
  hourUtc: number;
  owner: StepOwnerHint;
};

// The steps every cutover has, offered to a manager as a starting plan.
export const cutoverStepDefaults: CutoverStepDefault[] = [
  {
    key: "change-freeze",
    title: "Change freeze",
    detail: "No configuration change in production on either side until the rollback decision point, except to fix a go-live blocker.",
    dayOffset: -3,
    hourUtc: 17,
    owner: "engineer",
  },
  {
    key: "production-smoke-test",
    title: "Production smoke test",
    detail: "A controlled change in production, followed end to end on the EHR's screens.",
    dayOffset: -1,
    hourUtc: 15,
    owner: "customer",
  },
  {
    key: "command-centre-staffing",
    title: "Command centre staffed",
    detail: "The go-live bridge is open with named people from the vendor and the health system, and the escalation list is posted.",
    dayOffset: 0,
    hourUtc: 7,
    owner: "manager",
  },
  {
    key: "first-real-patient-check",
    title: "First real patient check",
    detail: "A person checks the first real patient's change in the EHR, end to end, and says what they saw.",
    dayOffset: 0,
    hourUtc: 10,
    owner: "customer",
  },
  {
    key: "rollback-decision-point",
    title: "Rollback decision point",
    detail: "Stay live or roll back, decided by the named people against the rollback plan; the decision is recorded.",
    dayOffset: 0,
    hourUtc: 16,
    owner: "manager",
  },
  {
    key: "support-hand-off",
    title: "Hand-off to support",
    detail: "Hypercare ends: open issues, runbook and contacts handed to support, who accept them.",
    dayOffset: 14,
    hourUtc: 17,
    owner: "engineer",
  },
];

// When a standard step falls for a go-live date (YYYY-MM-DD).
export function defaultStepDueAt(goLiveDate: string, step: Pick<CutoverStepDefault, "dayOffset" | "hourUtc">): Date {
  return new Date(Date.parse(`${goLiveDate}T00:00:00Z`) + step.dayOffset * DAY_MS + step.hourUtc * 60 * 60 * 1000);
}

// Where a moment falls relative to go-live: "3 days before go-live", "go-live day", "14 days
// after go-live", with the usual "D-3" / "D+14" shorthand. Null when no go-live date is set.
export function goLiveOffset(at: Date, goLiveDate: string | null): { days: number; short: string; text: string } | null {
  if (!goLiveDate) return null;
  const day = Date.parse(`${isoDay(at)}T00:00:00Z`);
  const days = Math.round((day - Date.parse(`${goLiveDate}T00:00:00Z`)) / DAY_MS);
  if (days === 0) return { days, short: "D", text: "go-live day" };
  const n = Math.abs(days);
  const count = `${n} day${n === 1 ? "" : "s"}`;
  return days < 0 ? { days, short: `D-${n}`, text: `${count} before go-live` } : { days, short: `D+${n}`, text: `${count} after go-live` };
}

export type CutoverStepFacts = { id: string; title: string; dueAt: Date; doneAt: Date | null };

export type CutoverStepState = "done" | "overdue" | "open";

export function cutoverStepState(step: Pick<CutoverStepFacts, "dueAt" | "doneAt">, now: Date): CutoverStepState {
  if (step.doneAt) return "done";
  return step.dueAt.getTime() < now.getTime() ? "overdue" : "open";
}

export const cutoverStepStateLabel: Record<CutoverStepState, string> = {
  done: "Done",
  overdue: "Overdue",
  open: "Not done",
};

// The plan in one line's worth of facts: how many steps, done, overdue, and the next one due.
export function cutoverSummary<S extends CutoverStepFacts>(steps: S[], now: Date): { total: number; done: number; overdue: number; next: S | null } {
  const open = steps.filter((s) => !s.doneAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.title.localeCompare(b.title));
  return {
    total: steps.length,
    done: steps.length - open.length,
    overdue: open.filter((s) => cutoverStepState(s, now) === "overdue").length,
    next: open[0] ?? null,
  };
}

// Steps in the order a cutover runs: by due time, then title.
export function orderSteps<S extends Pick<CutoverStepFacts, "dueAt" | "title">>(steps: S[]): S[] {
  return [...steps].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.title.localeCompare(b.title));
}

// ---- The checklist items that let the gate require a cutover's rollback plan and hand-off.
// Ordinary required items (the gate's rules are unchanged): a template includes them, or a
// manager adds them to one implementation's checklist. Their keys are what the title slugs to,
// so an admin who types the same title in a template gets the same key.

export type StandardItem = {
  key: string;
  title: string;
  description: string;
  expectedOutcome: string;
  category: ItemCategory;
  roles: Role[];
  operational: boolean;
  attestationOnly: boolean;
};

export const cutoverGateItems: StandardItem[] = [
  {
    key: "rollback-plan-approved",
    title: "Rollback plan approved",
    description: "How to undo the go-live, who decides at the rollback decision point and by when, agreed by both sides.",
    expectedOutcome: "The manager and the health system approve the rollback plan and know who makes the call.",
    category: "ownership",
    roles: ["implementation_manager", "customer_it"],
    operational: false,
    attestationOnly: true,
  },
  {
    key: "support-hand-off-accepted",
    title: "Support hand-off accepted",
    description: "Support takes over from the project team: open issues, runbook and contacts handed over at the end of hypercare.",
    expectedOutcome: "Support accepts the hand-off and the health system knows how to reach support.",
    category: "ownership",
    roles: ["engineer", "customer_it"],
    operational: false,
    attestationOnly: true,
  },
];

// The implementation's checklist item that stands for a standard item: the one copied from a
// template (same key), or an ad-hoc one with the same title.
export function findStandardItem<I extends { key: string | null; title: string }>(items: I[], standard: Pick<StandardItem, "key" | "title">): I | null {
  const title = standard.title.trim().toLowerCase();
  return items.find((i) => i.key === standard.key) ?? items.find((i) => i.title.trim().toLowerCase() === title) ?? null;
}
