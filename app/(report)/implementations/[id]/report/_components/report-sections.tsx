import type { ReactNode } from "react";
import { GateSummary } from "@/components/gate/gate-panel";
import type { CutoverPlan, PhasePlan } from "@/lib/dal/cutover";
import type { GateView } from "@/lib/dal/gate";
import type { ReadinessReport } from "@/lib/dal/report";
import { cutoverStepState, cutoverStepStateLabel, goLiveOffset, phaseStanding, phaseStandingLabel } from "@/lib/domain/cutover";
import { signedName } from "@/lib/domain/sign-off-snapshot";
import { environmentKinds } from "@/lib/domain/vocabulary";
import { formatUtc, todayIso } from "@/lib/format/dates";
import {
  categoryLabel,
  ehrVendorLabel,
  environmentLabel,
  gateVerdictLabel,
  implementationStatusLabel,
  itemStatusLabel,
  phaseLabel,
  roleLabel,
  scenarioResultLabel,
  severityLabel,
  signOffDecisionLabel,
  workflowLabel,
} from "@/lib/format/labels";

// The sections of the readiness report, one job each: who it is about, the gate and its
// decisions, what is open or waived, the two registers, then every item in full.

type Item = ReadinessReport["items"][number];

const utcIso = (iso: string) => formatUtc(new Date(iso));

function ReportSection({ id, title, className = "mt-6 break-inside-avoid", children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Bullets<T>({ rows, none, render }: { rows: T[]; none: string; render: (row: T, index: number) => ReactNode }) {
  if (rows.length === 0) return <p className="text-slate-700">{none}</p>;
  return <ul className="mt-1 list-disc pl-5">{rows.map(render)}</ul>;
}

export function ReportHeader({ report, viewerName, generatedAt }: { report: ReadinessReport; viewerName: string; generatedAt: Date }) {
  return (
    <header className="mt-6 border-b border-slate-300 pb-4 print:mt-0">
      <p className="text-xs uppercase tracking-wide text-slate-600">Readiness report</p>
      <h1 className="text-2xl font-semibold">
        {report.customerName} — {report.name}
      </h1>
      <p className="mt-1 text-slate-700">
        {ehrVendorLabel[report.ehrVendor]} · {phaseLabel[report.phase]} · {implementationStatusLabel[report.status]} · go-live{" "}
        {report.goLiveDate ?? "not set"} · workflows: {report.workflows.map((w) => workflowLabel[w]).join(", ") || "none"}
      </p>
      <p className="text-slate-700">
        Implementation manager: {report.managerName ?? "unassigned"} · Engineering owner: {report.engineeringOwnerName ?? "unassigned"} ·
        Evidence freshness window: {report.freshnessWindowDays} days
      </p>
      <p className="mt-1 text-xs text-slate-600">
        Generated {formatUtc(generatedAt)} by {viewerName}. Demo and test data in Readyroom are synthetic.
      </p>
    </header>
  );
}

export function GateSection({ gate }: { gate: GateView }) {
  return (
    <ReportSection id="report-gate" title="Go/no-go">
      <div className="mt-2">
        <GateSummary gate={gate} links={false} />
      </div>
      {gate.decisions.length > 0 ? (
        <div className="mt-3">
          <h3 className="text-sm font-semibold">Decisions recorded</h3>
          <ul className="mt-1 list-disc pl-5">
            {gate.decisions.map((d) => (
              <li key={d.id}>
                {gateVerdictLabel[d.decision]} by {d.decidedByName}, {formatUtc(d.decidedAt)} (gate said {gateVerdictLabel[d.computedVerdict]})
                {d.notes ? ` — ${d.notes}` : ""}
                {d.acceptances.map((a) => (
                  <span key={a.reasonKey} className="block">
                    Risk accepted: {a.reasonText} — by {a.acceptedByName}, re-evaluate on {a.reevaluateOn}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </ReportSection>
  );
}

export function OpenBlockersSection({ items }: { items: Item[] }) {
  const open = items.filter((i) => i.status === "blocked" && i.blockerReason);
  return (
    <ReportSection id="report-blockers" title={`Open blockers (${open.length})`}>
      <Bullets
        rows={open}
        none="None."
        render={(i) => (
          <li key={i.id}>
            {i.title}: {i.blockerSeverity ? severityLabel[i.blockerSeverity] : "Blocked"} since {i.blockedSince} — {i.blockerReason}
            {i.blockerTicketUrl ? ` (${i.blockerTicketUrl})` : ""}
          </li>
        )}
      />
    </ReportSection>
  );
}

export function WaiversSection({ items }: { items: Item[] }) {
  const waived = items.flatMap((i) => (i.waiver ? [{ ...i, waiver: i.waiver }] : []));
  return (
    <ReportSection id="report-waivers" title={`Waivers (${waived.length})`}>
      <Bullets
        rows={waived}
        none="None."
        render={(i) => (
          <li key={i.id}>
            {i.title}: until {i.waiver.expiresOn}, approved by {i.waiver.approverName}, granted by {i.waiver.grantedBy} — {i.waiver.reason}
          </li>
        )}
      />
    </ReportSection>
  );
}

const th = "py-1 pr-3";

// A report table: on a phone it scrolls in its own box; printed, it is shown whole.
function ReportTable({ headings, className = "mt-2", children }: { headings: string[]; className?: string; children: ReactNode }) {
  return (
    <div className={`${className} overflow-x-auto print:overflow-visible`}>
      <table className="w-full border-collapse text-left">
        <thead>
          <tr className="border-b border-slate-300">
            {headings.map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function PermissionsSection({ permissions }: { permissions: ReadinessReport["permissions"] }) {
  const required = permissions.filter((p) => p.required);
  const granted = required.filter((p) => (p.results.production ?? "unverified") === "granted");
  return (
    <ReportSection id="report-permissions" title="API permissions">
      {permissions.length === 0 ? (
        <p className="text-slate-700">No permissions recorded.</p>
      ) : (
        <ReportTable headings={["Permission", "Required", ...environmentKinds.map((k) => environmentLabel[k])]}>
            {permissions.map((p) => (
              <tr key={`${p.interface}:${p.permission}`} className="border-b border-slate-100">
                <td className={`${th} font-mono text-xs`}>{p.permission}</td>
                <td className={th}>{p.required ? "Required" : "Optional"}</td>
                {environmentKinds.map((k) => (
                  <td key={k} className={th}>
                    {p.results[k] ?? "unverified"}
                  </td>
                ))}
              </tr>
            ))}
        </ReportTable>
      )}
      <p className="mt-1 text-slate-700">
        {granted.length} of {required.length} required permissions granted in production.
      </p>
    </ReportSection>
  );
}

// The phase plan and the cutover runbook, so the go-live meeting sees the plan beside the verdict.
export function PlanSection({ phases, cutover, now }: { phases: PhasePlan; cutover: CutoverPlan; now: Date }) {
  const today = todayIso(now);
  return (
    <ReportSection id="report-plan" title="Phase plan and cutover">
      <ReportTable headings={["Phase", "Planned", "Exit criteria", "Standing"]}>
            {phases.phases.map((p) => (
              <tr key={p.phase} className="border-b border-slate-100 align-top">
                <th scope="row" className={`${th} font-normal`}>
                  {phaseLabel[p.phase]}
                </th>
                <td className={`${th} whitespace-nowrap`}>{p.plannedStart || p.plannedEnd ? `${p.plannedStart ?? "?"} → ${p.plannedEnd ?? "?"}` : "—"}</td>
                <td className={`${th} whitespace-pre-wrap`}>{p.exitCriteria || "—"}</td>
                <td className={th}>
                  {phaseStandingLabel[phaseStanding(p, phases.currentPhase, today)]}
                  {p.exitMetAt ? ` (${formatUtc(p.exitMetAt)}${p.exitMetByName ? `, ${p.exitMetByName}` : ""})` : ""}
                </td>
              </tr>
            ))}
      </ReportTable>
      <h3 className="mt-4 font-semibold">Cutover steps</h3>
      {cutover.steps.length === 0 ? (
        <p className="text-slate-700">No cutover steps planned.</p>
      ) : (
        <ReportTable headings={["Step", "Owner", "Due", "State"]} className="mt-1">
              {cutover.steps.map((s) => {
                const offset = goLiveOffset(s.dueAt, cutover.goLiveDate);
                return (
                  <tr key={s.id} className="border-b border-slate-100 align-top">
                    <th scope="row" className={`${th} font-normal`}>
                      {s.title}
                    </th>
                    <td className={th}>
                      {s.ownerName} ({s.ownerOrganizationName})
                    </td>
                    <td className={`${th} whitespace-nowrap`}>
                      {formatUtc(s.dueAt)}
                      {offset ? ` (${offset.short})` : ""}
                    </td>
                    <td className={th}>
                      {cutoverStepStateLabel[cutoverStepState(s, now)]}
                      {s.doneAt ? ` ${formatUtc(s.doneAt)}${s.doneByName ? `, ${s.doneByName}` : ""}` : ""}
                    </td>
                  </tr>
                );
              })}
        </ReportTable>
      )}
    </ReportSection>
  );
}

export function ScenariosSection({ scenarios }: { scenarios: ReadinessReport["scenarios"] }) {
  return (
    <ReportSection id="report-patients" title="Test patient scenarios">
      {scenarios.length === 0 ? (
        <p className="text-slate-700">No scenarios recorded.</p>
      ) : (
        <ReportTable headings={["Environment", "Test patient", "Workflow", "Scenario", "Result"]}>
            {scenarios.map((s, i) => (
              <tr key={i} className="border-b border-slate-100">
                <td className={th}>{environmentLabel[s.environment]}</td>
                <td className={th}>
                  {s.patientLabel} <span className="font-mono text-xs">({s.testIdentifier})</span>
                </td>
                <td className={th}>{workflowLabel[s.workflowSurface]}</td>
                <td className={th}>{s.scenario}</td>
                <td className={th}>
                  {scenarioResultLabel[s.result]}
                  {s.validatedAt ? ` (${s.validatedAt.slice(0, 10)})` : ""}
                </td>
              </tr>
            ))}
        </ReportTable>
      )}
    </ReportSection>
  );
}

function ItemText({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="whitespace-pre-wrap">{text || "—"}</dd>
    </div>
  );
}

function ReportItem({ item: i }: { item: Item }) {
  return (
    <li className="break-inside-avoid rounded-md border border-slate-200 p-3 print:rounded-none">
      <h3 className="font-semibold">
        {i.position + 1}. {i.title}{" "}
        <span className="font-normal text-slate-700">
          — {itemStatusLabel[i.status]} · v{i.version} · {categoryLabel[i.category]} · {i.required ? "required" : "optional"} · owner {i.ownerName ?? "none"}
        </span>
      </h3>
      <dl className="mt-1 grid gap-x-4 gap-y-1 md:grid-cols-3 print:grid-cols-3">
        <ItemText label="What changed" text={i.whatChanged} />
        <ItemText label="What was tested" text={i.whatWasTested} />
        <ItemText label="What still needs proof" text={i.whatNeedsProof} />
      </dl>
      <p className="mt-2 text-xs font-semibold text-slate-600">Evidence by environment</p>
      {i.evidence.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul className="list-disc pl-5">
          {i.evidence.map((e) => (
            <li key={e.id}>
              {environmentLabel[e.environment]} · {e.kind === "operational" ? "operational validation" : "technical evidence"} · {e.outcome}:{" "}
              {e.whatWasTested} — {e.recordedBy}, {utcIso(e.observedAt)}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-xs font-semibold text-slate-600">
        Sign-offs (required: {i.requiredSignOffRoles.map((r) => roleLabel[r]).join(", ") || "none"})
      </p>
      {i.signOffs.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="list-disc pl-5">
          {i.signOffs.map((s, k) => (
            <li key={k}>
              {signOffDecisionLabel[s.decision]} by {s.signerName} ({roleLabel[s.role]}, {s.organization}), {utcIso(s.signedAt)}, version {s.itemVersion}
              {s.superseded ? ` — superseded (item now v${i.version})` : ""}
              {s.comment ? ` — “${s.comment}”` : ""} — signed <span className="font-mono">{signedName(s.itemVersion, s.sha256)}</span>{" "}
              <span className="break-all font-mono text-[10px] text-slate-500">SHA-256 {s.sha256}</span>
            </li>
          ))}
        </ul>
      )}
      {i.waiver ? (
        <p className="mt-1">
          Waived until {i.waiver.expiresOn}, approved by {i.waiver.approverName}: {i.waiver.reason}
        </p>
      ) : null}
      {i.status === "blocked" && i.blockerReason ? (
        <p className="mt-1">
          Blocked ({i.blockerSeverity ? severityLabel[i.blockerSeverity] : ""}) since {i.blockedSince}: {i.blockerReason}
        </p>
      ) : null}
    </li>
  );
}

export function ItemsSection({ items }: { items: Item[] }) {
  return (
    <ReportSection id="report-items" title={`Checklist (${items.length} items)`} className="mt-8 break-before-page">
      <ol className="mt-2 space-y-4">
        {items.map((i) => (
          <ReportItem key={i.id} item={i} />
        ))}
      </ol>
    </ReportSection>
  );
}
