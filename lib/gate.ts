import { canonicalJson, sha256Hex, type Json } from "@/lib/sign-off-snapshot";
import type {
  BlockerSeverity,
  GateVerdict,
  ImplementationStatus,
  ItemStatus,
  PermissionResult,
  Role,
  ScenarioResult,
  Workflow,
} from "@/lib/vocabulary";

// The go/no-go gate (docs/design.md, "The gate"): one pure function from the
// facts of an implementation to a verdict and every reason behind it. Nobody types a verdict.
//
// A *blocking* reason makes the verdict No-go. A *risk* leaves it at Conditional go: the
// implementation may go live only if a named person accepts each risk until a re-evaluation
// date. With neither, the verdict is Go.
//
//   blocking: a required item not signed off by every role it requires (or waived), an expired
//             waiver, an open go-live blocker, a required production permission denied or in
//             error, a production test scenario that failed, a paused or cancelled implementation.
//   risk:     evidence behind a sign-off that has gone stale, a required production permission
//             still unverified or checked longer ago than the freshness window, a production
//             scenario not run yet, a workflow in scope with no passing production scenario,
//             an open post-live blocker.

export type GateSignOff = {
  role: Role;
  decision: "approve" | "reject";
  itemVersion: number;
  signerName: string;
  signedAt: Date;
};

export type GateItem = {
  id: string;
  title: string;
  required: boolean;
  status: ItemStatus;
  version: number;
  requiredSignOffRoles: Role[];
  // Every sign-off ever given on the item, any version.
  signOffs: GateSignOff[];
  // The waiver in force (not revoked), if any; expired or not.
  waiver: { expiresOn: string; approverName: string } | null;
  blocker: { severity: BlockerSeverity; reason: string } | null;
  // Pieces of evidence, seen by a current sign-off, that are stale now.
  staleEvidenceBehindSignOff: number;
};

export type GatePermission = {
  id: string;
  permission: string;
  required: boolean;
  productionResult: PermissionResult;
  productionCheckedAt: Date | null;
  // When the caller knows better (configuration changes too); otherwise the freshness window decides.
  productionStale?: boolean;
};

export type GateScenario = {
  id: string;
  patientLabel: string;
  scenario: string;
  workflowSurface: Workflow;
  result: ScenarioResult;
};

export type GateInput = {
  implementationId: string;
  status: ImplementationStatus;
  workflows: Workflow[];
  freshnessWindowDays: number;
  // YYYY-MM-DD in UTC, the day waivers are checked against.
  today: string;
  now: Date;
  items: GateItem[];
  permissions: GatePermission[];
  // Scenarios of test patients in the production environment only.
  productionScenarios: GateScenario[];
};

export type GateReason = {
  // Stable across evaluations (what a risk acceptance refers to).
  key: string;
  severity: "blocking" | "risk";
  message: string;
  href: string;
};

export type GateWaiver = { itemId: string; title: string; approverName: string; expiresOn: string };

export type Gate = {
  verdict: GateVerdict;
  reasons: GateReason[];
  waivers: GateWaiver[];
  requiredItems: number;
  requiredItemsDone: number;
  // Changes whenever the verdict or any reason changes: a decision names the gate it saw.
  digest: string;
};

const roleNames: Record<Role, string> = {
  admin: "an admin",
  implementation_manager: "the implementation manager",
  engineer: "engineering",
  customer_it: "customer IT",
};

const DAY_MS = 24 * 60 * 60 * 1000;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

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

export function evaluateGate(input: GateInput): Gate {
  const reasons: GateReason[] = [];
  const waivers: GateWaiver[] = [];
  const base = `/implementations/${input.implementationId}`;
  const itemHref = (id: string) => `${base}/items/${id}`;

  if (input.status === "paused" || input.status === "cancelled") {
    reasons.push({
      key: `implementation:${input.status}`,
      severity: "blocking",
      message: `The implementation is ${input.status}.`,
      href: `${base}/edit`,
    });
  }

  let requiredItems = 0;
  let requiredItemsDone = 0;
  for (const item of input.items) {
    if (item.blocker) {
      reasons.push({
        key: `blocker:${item.id}`,
        severity: item.blocker.severity === "go_live" ? "blocking" : "risk",
        message:
          item.blocker.severity === "go_live"
            ? `“${item.title}” has an open go-live blocker: ${item.blocker.reason}`
            : `“${item.title}” has an open post-live blocker: ${item.blocker.reason}`,
        href: itemHref(item.id),
      });
    }
    if (!item.required) continue;
    requiredItems++;

    if (item.waiver) {
      if (item.waiver.expiresOn >= input.today) {
        requiredItemsDone++;
        waivers.push({ itemId: item.id, title: item.title, approverName: item.waiver.approverName, expiresOn: item.waiver.expiresOn });
      } else {
        reasons.push({
          key: `waiver-expired:${item.id}`,
          severity: "blocking",
          message: `The waiver for “${item.title}” expired on ${item.waiver.expiresOn}.`,
          href: itemHref(item.id),
        });
      }
      continue;
    }

    if (item.requiredSignOffRoles.length === 0) {
      // Nobody has to sign: the item is done once it is ready.
      if (item.status === "ready_for_signoff" || item.status === "signed_off") requiredItemsDone++;
      else {
        reasons.push({
          key: `item:${item.id}`,
          severity: "blocking",
          message: `“${item.title}” is not ready yet (${item.status.replaceAll("_", " ")}).`,
          href: itemHref(item.id),
        });
      }
      continue;
    }

    const missing: string[] = [];
    for (const role of item.requiredSignOffRoles) {
      const state = roleSignOffState(item, role);
      if (state.approved) continue;
      if (state.superseded) {
        missing.push(`${roleNames[role]} (signed v${state.superseded.itemVersion}, now v${item.version} — re-sign needed)`);
      } else if (state.latest?.decision === "reject") {
        missing.push(`${roleNames[role]} (rejected by ${state.latest.signerName})`);
      } else {
        missing.push(roleNames[role]);
      }
    }
    if (missing.length === 0) {
      requiredItemsDone++;
      if (item.staleEvidenceBehindSignOff > 0) {
        reasons.push({
          key: `stale-signed-evidence:${item.id}`,
          severity: "risk",
          message: `${plural(item.staleEvidenceBehindSignOff, "piece")} of evidence behind the sign-off of “${item.title}” ${item.staleEvidenceBehindSignOff === 1 ? "is" : "are"} stale.`,
          href: itemHref(item.id),
        });
      }
    } else {
      const state = item.status === "ready_for_signoff" || item.status === "signed_off" ? "" : ` is ${item.status.replaceAll("_", " ")} and`;
      reasons.push({
        key: `item:${item.id}`,
        severity: "blocking",
        message: `“${item.title}”${state} needs sign-off by ${missing.join(" and ")}.`,
        href: itemHref(item.id),
      });
    }
  }

  const permissionsHref = `${base}/permissions`;
  for (const p of input.permissions) {
    if (!p.required) continue;
    if (p.productionResult === "denied" || p.productionResult === "error") {
      reasons.push({
        key: `permission:${p.id}`,
        severity: "blocking",
        message: `Required permission ${p.permission} is ${p.productionResult === "denied" ? "denied" : "in error"} in production.`,
        href: permissionsHref,
      });
    } else if (p.productionResult === "unverified") {
      reasons.push({
        key: `permission:${p.id}`,
        severity: "risk",
        message: `Required permission ${p.permission} is unverified in production.`,
        href: permissionsHref,
      });
    } else if (
      p.productionStale ??
      (p.productionCheckedAt !== null && input.now.getTime() - p.productionCheckedAt.getTime() > input.freshnessWindowDays * DAY_MS)
    ) {
      reasons.push({
        key: `permission-stale:${p.id}`,
        severity: "risk",
        message: `Required permission ${p.permission}: its production grant is stale (older than ${plural(input.freshnessWindowDays, "day")} or than a later configuration change).`,
        href: permissionsHref,
      });
    }
  }

  const patientsHref = `${base}/test-patients`;
  for (const s of input.productionScenarios) {
    if (s.result === "fail") {
      reasons.push({
        key: `scenario:${s.id}`,
        severity: "blocking",
        message: `Production scenario “${s.scenario}” (${s.patientLabel}) failed.`,
        href: patientsHref,
      });
    } else if (s.result === "not_run") {
      reasons.push({
        key: `scenario:${s.id}`,
        severity: "risk",
        message: `Production scenario “${s.scenario}” (${s.patientLabel}) has not been run.`,
        href: patientsHref,
      });
    }
  }
  for (const surface of input.workflows) {
    if (surface === "other") continue;
    if (!input.productionScenarios.some((s) => s.workflowSurface === surface && s.result === "pass")) {
      reasons.push({
        key: `coverage:${surface}`,
        severity: "risk",
        message: `No test patient scenario for ${surface.replaceAll("_", " ")} has passed in production.`,
        href: patientsHref,
      });
    }
  }

  reasons.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "blocking" ? -1 : 1));
  const verdict: GateVerdict = reasons.some((r) => r.severity === "blocking")
    ? "no_go"
    : reasons.length > 0
      ? "conditional_go"
      : "go";
  const digest = sha256Hex(
    canonicalJson({ verdict, reasons: reasons.map((r) => ({ key: r.key, message: r.message })) } as unknown as Json),
  );
  return { verdict, reasons, waivers, requiredItems, requiredItemsDone, digest };
}
