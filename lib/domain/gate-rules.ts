import { evidenceStaleness, type StalenessContext } from "@/lib/domain/readiness";
import { canonicalJson, sha256Hex, type Json } from "@/lib/domain/sign-off-snapshot";
import type {
  BlockerSeverity,
  EnvironmentKind,
  GateVerdict,
  ImplementationStatus,
  ItemStatus,
  PermissionResult,
  Role,
  ScenarioResult,
  Workflow,
} from "@/lib/domain/vocabulary";
import { isoDay } from "@/lib/format/dates";
import type { GateDataDomain } from "@/lib/interfaces/domains";

// The go/no-go gate (docs/design.md, "The gate"; docs/gate.md): one pure
// function from the facts of an implementation, at a moment `now`, to a verdict and every
// reason behind it. Nobody types a verdict. Each kind of reason has its own function below, so
// each rule reads (and is tested) on its own; evaluateGate only puts them together.
//
// A *blocking* reason makes the verdict No-go. A *risk* leaves it at Conditional go: the
// implementation may go live only if a named person accepts each risk until a re-evaluation
// date. With neither, the verdict is Go.
//
// Time alone changes the answer (evidence ages, a waiver expires, an acceptance reaches its
// re-evaluation date), so gateUntil() names the next moment any of those facts may flip: a
// verdict stored at `now` is true until then.

export type GateEvidence = {
  id: string;
  kind: "technical" | "operational";
  environment: EnvironmentKind;
  outcome: "pass" | "fail" | "inconclusive";
  observedAt: Date;
};

export type GateSignOff = {
  role: Role;
  decision: "approve" | "reject";
  itemVersion: number;
  signerName: string;
  signedAt: Date;
  // The evidence the signer saw (the signed snapshot's evidence); empty when not known.
  evidence?: GateEvidence[];
};

export type GateItem = {
  id: string;
  title: string;
  required: boolean;
  status: ItemStatus;
  version: number;
  ownerName?: string | null;
  requiredSignOffRoles: Role[];
  // The template asks for a person's check of a real example in production.
  needsOperationalValidation?: boolean;
  // Every sign-off ever given on the item, any version.
  signOffs: GateSignOff[];
  // The evidence recorded on the item now.
  evidence?: GateEvidence[];
  // The waiver in force (not revoked), if any; expired or not.
  waiver: { expiresOn: string; approverName: string; grantedAt?: Date } | null;
  blocker: { severity: BlockerSeverity; reason: string } | null;
};

export type GatePermission = {
  id: string;
  permission: string;
  required: boolean;
  productionResult: PermissionResult;
  productionCheckedAt: Date | null;
};

export type GateScenario = {
  id: string;
  patientLabel: string;
  scenario: string;
  workflowSurface: Workflow;
  result: ScenarioResult;
};

// A risk accepted by a named person in the latest go/no-go decision, until a date.
export type GateAcceptance = { reasonKey: string; reasonText: string; acceptedByName: string; reevaluateOn: string };

export type GateDataDomainInput = GateDataDomain[];

export type GateInput = {
  implementationId: string;
  status: ImplementationStatus;
  workflows: Workflow[];
  freshnessWindowDays: number;
  now: Date;
  managerName?: string | null;
  engineeringOwnerName?: string | null;
  // Configuration changes recorded on the implementation; a null environment means all.
  configurationChanges?: { changedAt: Date; environment: EnvironmentKind | null }[];
  items: GateItem[];
  permissions: GatePermission[];
  // Scenarios of test patients in the production environment only.
  productionScenarios: GateScenario[];
  // The risk acceptances of the latest go/no-go decision (none unless it was a conditional go).
  acceptances?: GateAcceptance[];
  // Data domains that need an agreed source of truth (lib/interfaces/domains.ts).
  dataDomains?: GateDataDomain[];
  // Open alerts of the silent-failure watch (lib/dal/hypercare.ts).
  hypercareAlerts?: GateHypercareAlert[];
};

export type GateHypercareAlert = {
  id: string;
  interfaceName: string;
  environment: EnvironmentKind;
  summary: string;
  // Set once someone acknowledged it.
  ownerName: string | null;
  nextStep: string | null;
};

// Reasons are grouped on screen by what they are about (an item, a register, the
// implementation) and by who can act on it.
export type GateReasonGroup = { key: string; label: string; ownerName: string | null };

export type GateReason = {
  // Stable across evaluations (what a risk acceptance refers to).
  key: string;
  severity: "blocking" | "risk";
  message: string;
  // What would clear it, in a sentence.
  clear: string;
  href: string;
  group: GateReasonGroup;
};

export type GateWaiver = { itemId: string; title: string; approverName: string; expiresOn: string };

export type Gate = {
  verdict: GateVerdict;
  reasons: GateReason[];
  waivers: GateWaiver[];
  requiredItems: number;
  requiredItemsDone: number;
  // The next moment a time-based fact may change the answer; null when none will.
  until: Date | null;
  // Changes whenever the verdict or any reason changes: a decision names the gate it saw.
  digest: string;
};

const roleNames: Record<Role, string> = {
  admin: "an admin",
  implementation_manager: "the implementation manager",
  engineer: "engineering",
  customer_it: "customer IT",
};
const roleShort: Record<Role, string> = {
  admin: "admin",
  implementation_manager: "implementation manager",
  engineer: "engineering",
  customer_it: "customer IT",
};

const DAY_MS = 24 * 60 * 60 * 1000;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const todayOf = (now: Date) => isoDay(now);
// The first instant of the day after `date` (UTC): when "until and including date" ends.
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS);

// Shared by the reason functions: links, groups and the staleness rule at `now`.
export type GateContext = {
  input: GateInput;
  base: string;
  staleness: StalenessContext;
  itemHref(id: string): string;
  itemGroup(item: Pick<GateItem, "id" | "title" | "ownerName">): GateReasonGroup;
  permissionsGroup: GateReasonGroup;
  patientsGroup: GateReasonGroup;
  implementationGroup: GateReasonGroup;
};

export function gateContext(input: GateInput): GateContext {
  const base = `/implementations/${input.implementationId}`;
  return {
    input,
    base,
    // Environments are compared by kind: evidence and configuration changes both name one.
    staleness: {
      now: input.now,
      freshnessWindowDays: input.freshnessWindowDays,
      configurationChanges: (input.configurationChanges ?? []).map((c) => ({ changedAt: c.changedAt, environmentId: c.environment })),
    },
    itemHref: (id) => `${base}/items/${id}`,
    itemGroup: (item) => ({ key: `item:${item.id}`, label: item.title, ownerName: item.ownerName ?? null }),
    permissionsGroup: { key: "permissions", label: "API permissions", ownerName: input.engineeringOwnerName ?? null },
    patientsGroup: { key: "test-patients", label: "Test patients", ownerName: input.managerName ?? null },
    implementationGroup: { key: "implementation", label: "Implementation", ownerName: input.managerName ?? null },
  };
}

function evidenceStale(e: GateEvidence, ctx: GateContext) {
  return evidenceStaleness({ observedAt: e.observedAt, environmentId: e.environment }, ctx.staleness);
}

// The sign-off state of one required role on an item: signed at the current version, or not.
export function roleSignOffState(item: Pick<GateItem, "version" | "signOffs">, role: Role) {
  const ofRole = item.signOffs
    .filter((s) => s.role === role)
    .sort((a, b) => b.itemVersion - a.itemVersion || b.signedAt.getTime() - a.signedAt.getTime());
  const latest = ofRole[0] ?? null;
  const current = latest && latest.itemVersion === item.version ? latest : null;
  return {
    approved: current?.decision === "approve",
    current,
    // An approval given for an earlier version: superseded, needs signing again.
    superseded: !current && latest?.decision === "approve" ? latest : null,
    latest,
  };
}

// The current approvals of an item, one per required role (empty unless every role approved).
export function currentApprovals(item: GateItem): GateSignOff[] {
  const approvals: GateSignOff[] = [];
  for (const role of item.requiredSignOffRoles) {
    const state = roleSignOffState(item, role);
    if (!state.approved || !state.current) return [];
    approvals.push(state.current);
  }
  return approvals;
}

// The evidence standing behind an item's sign-offs: what the current approvals saw, or for an
// item nobody signs, what is recorded on it.
function evidenceBehind(item: GateItem): GateEvidence[] {
  if (item.requiredSignOffRoles.length === 0) return item.evidence ?? [];
  const seen = new Map<string, GateEvidence>();
  for (const s of currentApprovals(item)) for (const e of s.evidence ?? []) seen.set(e.id, e);
  return [...seen.values()];
}

// ---- Per-kind reasons -----------------------------------------------------------------------

export function implementationStatusReasons(ctx: GateContext): GateReason[] {
  const { status } = ctx.input;
  if (status !== "paused" && status !== "cancelled") return [];
  return [
    {
      key: `implementation:${status}`,
      severity: "blocking",
      message: `The implementation is ${status}.`,
      clear: "An implementation manager sets it active again.",
      href: `${ctx.base}/edit`,
      group: ctx.implementationGroup,
    },
  ];
}

// An open blocker on any item, required or not.
export function blockerReasons(ctx: GateContext, item: GateItem): GateReason[] {
  if (!item.blocker) return [];
  const goLive = item.blocker.severity === "go_live";
  return [
    {
      key: `blocker:${item.id}`,
      severity: goLive ? "blocking" : "risk",
      message: `“${item.title}” has an open ${goLive ? "go-live" : "post-live"} blocker: ${item.blocker.reason}`,
      clear: goLive
        ? "Engineering or the implementation manager resolves the blocker."
        : "Resolve the blocker, or accept the risk by name in a conditional go.",
      href: ctx.itemHref(item.id),
      group: ctx.itemGroup(item),
    },
  ];
}

export type ItemOutcome = { done: boolean; reasons: GateReason[]; waiver: GateWaiver | null };

// Whether a required item counts: waived (and the waiver still in force), or signed by every
// role it requires at its current version (or, with no roles, ready) — and, when the template
// asks for it, with a fresh passing operational validation in production behind the sign-off.
export function requiredItemReasons(ctx: GateContext, item: GateItem): ItemOutcome {
  // The item does not count yet, for one blocking reason.
  const notDone = (key: string, message: string, clear: string): ItemOutcome => ({
    done: false,
    waiver: null,
    reasons: [{ key, severity: "blocking", message, clear, href: ctx.itemHref(item.id), group: ctx.itemGroup(item) }],
  });
  const today = todayOf(ctx.input.now);
  if (item.waiver) {
    if (item.waiver.expiresOn >= today) {
      return { done: true, reasons: [], waiver: { itemId: item.id, title: item.title, approverName: item.waiver.approverName, expiresOn: item.waiver.expiresOn } };
    }
    return notDone(
      `waiver-expired:${item.id}`,
      `The waiver for “${item.title}” expired on ${item.waiver.expiresOn}.`,
      "Sign the item off, or an implementation manager grants a new waiver.",
    );
  }

  if (item.requiredSignOffRoles.length === 0) {
    if (item.status !== "ready_for_signoff" && item.status !== "signed_off") {
      return notDone(
        `item:${item.id}`,
        `“${item.title}” is not ready yet (${item.status.replaceAll("_", " ")}).`,
        "Its owner completes it and marks it ready for sign-off.",
      );
    }
  } else {
    const missing: string[] = [];
    const roles: string[] = [];
    for (const role of item.requiredSignOffRoles) {
      const state = roleSignOffState(item, role);
      if (state.approved) continue;
      roles.push(roleNames[role]);
      if (state.superseded) {
        missing.push(`${roleNames[role]} (signed v${state.superseded.itemVersion}, now v${item.version} — re-sign needed)`);
      } else if (state.latest?.decision === "reject") {
        missing.push(`${roleNames[role]} (rejected by ${state.latest.signerName})`);
      } else {
        missing.push(roleNames[role]);
      }
    }
    if (missing.length > 0) {
      const state = item.status === "ready_for_signoff" || item.status === "signed_off" ? "" : ` is ${item.status.replaceAll("_", " ")} and`;
      return notDone(
        `item:${item.id}`,
        `“${item.title}”${state} needs sign-off by ${missing.join(" and ")}.`,
        `${capitalize(roles.join(" and "))} sign${roles.length === 1 ? "s" : ""} version ${item.version} (or an implementation manager waives the item).`,
      );
    }
  }

  const validation = operationalValidationReason(ctx, item);
  if (validation) return { done: false, waiver: null, reasons: [validation] };
  return { done: true, waiver: null, reasons: [] };
}

// A sign-off on an item that needs operational validation counts only with a fresh, passing,
// operational validation in production behind it: a green log is evidence, not proof.
export function operationalValidationReason(ctx: GateContext, item: GateItem): GateReason | null {
  if (!item.needsOperationalValidation) return null;
  const behind = evidenceBehind(item);
  const validations = behind.filter((e) => e.kind === "operational" && e.environment === "production" && e.outcome === "pass");
  if (validations.some((e) => !evidenceStale(e, ctx).stale)) return null;

  const latest = [...validations].sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())[0];
  let why: string;
  if (latest) {
    const staleness = evidenceStale(latest, ctx);
    why =
      staleness.stale && staleness.reason === "before_configuration_change"
        ? `the last one, on ${isoDay(latest.observedAt)}, predates a later configuration change in production`
        : `the last one, on ${isoDay(latest.observedAt)}, is older than the ${plural(ctx.input.freshnessWindowDays, "day")} freshness window`;
  } else if (behind.some((e) => e.environment === "production" && e.kind === "technical")) {
    why = "only technical evidence stands behind it";
  } else {
    why = "none stands behind it";
  }
  const signed = item.requiredSignOffRoles.length > 0 ? "is signed" : "is ready";
  return {
    key: `validation:${item.id}`,
    severity: "blocking",
    message: `“${item.title}” ${signed}, but no fresh passing production validation: ${why}.`,
    clear: "A person checks a real example in production and records a passing operational validation; then the item is signed again.",
    href: ctx.itemHref(item.id),
    group: ctx.itemGroup(item),
  };
}

// Evidence behind a current sign-off that has gone stale: a risk today, naming each sign-off
// that rests on it and why (older than the window, or before a configuration change).
export function staleSignOffEvidenceReasons(ctx: GateContext, item: GateItem): GateReason[] {
  const details: string[] = [];
  let stalePieces = 0;
  const counted = new Set<string>();
  for (const signOff of currentApprovals(item)) {
    const stale = (signOff.evidence ?? []).map((e) => ({ e, s: evidenceStale(e, ctx) })).filter((x) => x.s.stale);
    if (stale.length === 0) continue;
    for (const x of stale) counted.add(x.e.id);
    const old = stale.filter((x) => x.s.stale && x.s.reason === "older_than_window").length;
    const changed = stale.length - old;
    const whys = [
      old > 0 ? `${plural(old, "piece")} older than ${plural(ctx.input.freshnessWindowDays, "day")}` : null,
      changed > 0 ? `${plural(changed, "piece")} observed before a later configuration change` : null,
    ].filter(Boolean);
    details.push(`${signOff.signerName} (${roleShort[signOff.role]}, v${signOff.itemVersion}, signed ${isoDay(signOff.signedAt)}): ${whys.join(", ")}`);
  }
  stalePieces = counted.size;
  if (details.length === 0) return [];
  return [
    {
      key: `stale-signed-evidence:${item.id}`,
      severity: "risk",
      message: `${plural(stalePieces, "piece")} of evidence behind the sign-off of “${item.title}” ${stalePieces === 1 ? "is" : "are"} stale — ${details.join("; ")}.`,
      clear: "Record fresh evidence (which asks for the item to be signed again), or accept the risk by name in a conditional go.",
      href: ctx.itemHref(item.id),
      group: ctx.itemGroup(item),
    },
  ];
}

function permissionStale(ctx: GateContext, p: GatePermission): boolean {
  if (p.productionResult !== "granted" || !p.productionCheckedAt) return false;
  return evidenceStaleness({ observedAt: p.productionCheckedAt, environmentId: "production" }, ctx.staleness).stale;
}

export function permissionReasons(ctx: GateContext): GateReason[] {
  const href = `${ctx.base}/permissions`;
  const group = ctx.permissionsGroup;
  const reasons: GateReason[] = [];
  for (const p of ctx.input.permissions) {
    if (!p.required) continue;
    if (p.productionResult === "denied" || p.productionResult === "error") {
      reasons.push({
        key: `permission:${p.id}`,
        severity: "blocking",
        message: `Required permission ${p.permission} is ${p.productionResult === "denied" ? "denied" : "in error"} in production.`,
        clear: "Get it granted in production and record the check.",
        href,
        group,
      });
    } else if (p.productionResult === "unverified") {
      reasons.push({
        key: `permission:${p.id}`,
        severity: "risk",
        message: `Required permission ${p.permission} is unverified in production.`,
        clear: "Check it in production and record the result.",
        href,
        group,
      });
    } else if (permissionStale(ctx, p)) {
      reasons.push({
        key: `permission-stale:${p.id}`,
        severity: "risk",
        message: `Required permission ${p.permission}: its production grant is stale (older than ${plural(ctx.input.freshnessWindowDays, "day")} or than a later configuration change).`,
        clear: "Check it again in production and record the result.",
        href,
        group,
      });
    }
  }
  return reasons;
}

export function scenarioReasons(ctx: GateContext): GateReason[] {
  const href = `${ctx.base}/test-patients`;
  const reasons: GateReason[] = [];
  for (const s of ctx.input.productionScenarios) {
    if (s.result === "pass") continue;
    const failed = s.result === "fail";
    reasons.push({
      key: `scenario:${s.id}`,
      severity: failed ? "blocking" : "risk",
      message: `Production scenario “${s.scenario}” (${s.patientLabel}) ${failed ? "failed" : "has not been run"}.`,
      clear: failed ? "Fix the cause, run it again in production and record a pass." : "Run it in production and record the result.",
      href,
      group: ctx.patientsGroup,
    });
  }
  return reasons;
}

export function coverageReasons(ctx: GateContext): GateReason[] {
  const href = `${ctx.base}/test-patients`;
  return ctx.input.workflows
    .filter((surface) => surface !== "other")
    .filter((surface) => !ctx.input.productionScenarios.some((s) => s.workflowSurface === surface && s.result === "pass"))
    .map((surface) => ({
      key: `coverage:${surface}`,
      severity: "risk" as const,
      message: `No test patient scenario for ${surface.replaceAll("_", " ")} has passed in production.`,
      clear: `Add a production test patient scenario for ${surface.replaceAll("_", " ")} and record a pass.`,
      href,
      group: ctx.patientsGroup,
    }));
}

// A risk accepted in the latest conditional go holds until its re-evaluation date (inclusive).
// After that day, while the risk still stands, it blocks until someone decides again.
export function acceptanceReasons(ctx: GateContext, current: GateReason[]): GateReason[] {
  const today = todayOf(ctx.input.now);
  const standing = new Set(current.filter((r) => r.severity === "risk").map((r) => r.key));
  return (ctx.input.acceptances ?? [])
    .filter((a) => a.reevaluateOn < today && standing.has(a.reasonKey))
    .map((a) => ({
      key: `reevaluate:${a.reasonKey}`,
      severity: "blocking" as const,
      message: `The risk accepted by ${a.acceptedByName} until ${a.reevaluateOn} is due for re-evaluation: ${a.reasonText}`,
      clear: "Clear the risk, or record a new go/no-go decision that accepts it again with a new re-evaluation date.",
      href: ctx.base,
      group: { key: "decision", label: "Go/no-go decision", ownerName: ctx.input.managerName ?? null },
    }));
}

// ---- Time ----------------------------------------------------------------------------------

// The next moment after `now` at which a time-based fact may flip: a piece of evidence or a
// permission result leaves the freshness window, a waiver expires, an accepted risk reaches its
// re-evaluation date. Erring early is harmless (a re-evaluation that changes nothing); late is not.
export function gateUntil(input: GateInput, extra: (Date | null)[] = []): Date | null {
  const now = input.now.getTime();
  const window = input.freshnessWindowDays * DAY_MS;
  const moments: number[] = [];
  for (const item of input.items) {
    for (const e of item.evidence ?? []) moments.push(e.observedAt.getTime() + window);
    for (const s of item.signOffs) for (const e of s.evidence ?? []) moments.push(e.observedAt.getTime() + window);
    if (item.waiver) moments.push(dayAfter(item.waiver.expiresOn).getTime());
  }
  for (const p of input.permissions) if (p.productionCheckedAt) moments.push(p.productionCheckedAt.getTime() + window);
  for (const a of input.acceptances ?? []) moments.push(dayAfter(a.reevaluateOn).getTime());
  for (const d of extra) if (d) moments.push(d.getTime());
  // Strictly after now: a boundary equal to now has already been applied ("older than" is strict,
  // so evidence exactly at the window's edge flips just after it).
  const future = moments.map((m) => (m === now ? m + 1 : m)).filter((m) => m > now);
  return future.length === 0 ? null : new Date(Math.min(...future));
}

// ---- The gate ------------------------------------------------------------------------------

export function evaluateGate(input: GateInput): Gate {
  const ctx = gateContext(input);
  const reasons: GateReason[] = [...implementationStatusReasons(ctx)];
  const waivers: GateWaiver[] = [];
  let requiredItems = 0;
  let requiredItemsDone = 0;

  for (const item of input.items) {
    reasons.push(...blockerReasons(ctx, item));
    if (!item.required) continue;
    requiredItems++;
    const outcome = requiredItemReasons(ctx, item);
    reasons.push(...outcome.reasons);
    if (outcome.waiver) waivers.push(outcome.waiver);
    if (!outcome.done) continue;
    requiredItemsDone++;
    if (!outcome.waiver) reasons.push(...staleSignOffEvidenceReasons(ctx, item));
  }
  reasons.push(...permissionReasons(ctx), ...scenarioReasons(ctx), ...coverageReasons(ctx));
  reasons.push(...sourceOfTruthReasons(ctx));
  reasons.push(...hypercareReasons(ctx));
  reasons.push(...acceptanceReasons(ctx, reasons));

  // Blocking first; within a severity the order above (items in checklist order, then registers).
  const ordered = [...reasons.filter((r) => r.severity === "blocking"), ...reasons.filter((r) => r.severity === "risk")];
  const verdict: GateVerdict = ordered.some((r) => r.severity === "blocking") ? "no_go" : ordered.length > 0 ? "conditional_go" : "go";
  const digest = sha256Hex(
    canonicalJson({ verdict, reasons: ordered.map((r) => ({ key: r.key, message: r.message })) } as unknown as Json),
  );
  return { verdict, reasons: ordered, waivers, requiredItems, requiredItemsDone, until: gateUntil(input), digest };
}

// Source of truth (interface inventory): a data domain the integration touches whose
// authoritative system is not agreed yet. Blocking when a workflow in scope at go-live reads
// or writes it; a risk otherwise (an interface carries it, or it was put on the map).
export function sourceOfTruthReasons(ctx: GateContext): GateReason[] {
  const href = `${ctx.base}/interfaces#source-of-truth`;
  return (ctx.input.dataDomains ?? [])
    .filter((d) => !d.agreed)
    .map((d) => ({
      key: `source-of-truth:${d.domain}`,
      severity: d.neededBy.length > 0 ? ("blocking" as const) : ("risk" as const),
      message:
        d.neededBy.length > 0
          ? `No agreed source of truth for ${d.domain} data, which ${d.neededBy.map((w) => w.replaceAll("_", " ")).join(" and ")} in scope relies on.`
          : `No agreed source of truth for ${d.domain} data${d.carriedBy.length ? ` (carried by ${d.carriedBy.join(", ")})` : ""}.`,
      clear: `Agree which system is authoritative for ${d.domain} data, who resolves conflicts and how corrections propagate, and record it on the source-of-truth map.`,
      href,
      group: { key: "source-of-truth", label: "Source-of-truth map", ownerName: ctx.input.managerName ?? null },
    }));
}

// An open hypercare alert (docs/hypercare.md). On a live implementation it is a post-live
// blocker; before go-live (figures from test, or production before the cutover) a hypercare
// risk. Either way it is a risk in the verdict's terms, like an item's post-live blocker: it
// does not undo a go-live, and a conditional go must accept it by name. Each alert is its own
// reason (its key names the alert), so an alert that clears and opens again is a new risk.
export function hypercareReasons(ctx: GateContext): GateReason[] {
  const live = ctx.input.status === "live";
  return (ctx.input.hypercareAlerts ?? []).map((a) => ({
    key: `hypercare:${a.id}`,
    severity: "risk" as const,
    message: `${live ? "Post-live blocker" : "Hypercare risk"}: ${a.interfaceName} (${a.environment}) — ${a.summary}`,
    clear: a.ownerName
      ? `${a.ownerName} owns it; next step: ${a.nextStep ?? "—"}. It clears when the figures return to normal.`
      : "Acknowledge it (an owner, the next step, the expected outcome) on the blockers page; it clears when the figures return to normal.",
    href: `${ctx.base}/interfaces`,
    group: { key: "hypercare", label: "Hypercare", ownerName: ctx.input.engineeringOwnerName ?? null },
  }));
}
