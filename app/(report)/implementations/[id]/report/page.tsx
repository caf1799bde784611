import type { Metadata } from "next";
import { signedName } from "@/lib/sign-off-snapshot";
import Link from "next/link";
import { GateSummary } from "@/components/gate/gate-panel";
import { requireViewer } from "@/lib/auth/viewer";
import { getGate } from "@/lib/dal/gate";
import { getReadinessReport } from "@/lib/dal/report";
import {
  categoryLabel,
  ehrVendorLabel,
  environmentLabel,
  gateVerdictLabel,
  implementationStatusLabel,
  itemStatusLabel,
  phaseLabel,
  roleLabel,
  severityLabel,
  workflowLabel,
} from "@/lib/labels";
import { orNotFound } from "@/lib/not-found";
import { environmentKinds } from "@/lib/vocabulary";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Readiness report" };

type Props = { params: Promise<{ id: string }> };

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

// The go/no-go summary of one implementation for a go-live meeting: verdict and reasons, then
// every item with what changed, what was tested, what still needs proof, its evidence by
// environment and who signed which version when. Prints without navigation, items unsplit.
export default async function ReportPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [report, gate] = await orNotFound(Promise.all([getReadinessReport(viewer, id), getGate(viewer, id)]));
  const generatedAt = new Date().toISOString();
  const openBlockers = report.items.filter((i) => i.status === "blocked" && i.blockerReason);
  const waived = report.items.filter((i) => i.waiver);
  const production = (results: Partial<Record<string, string>>) => results.production ?? "unverified";

  return (
    <article className="text-sm text-slate-900 print:text-[11pt]">
      <div className="flex items-center justify-between gap-4 print:hidden">
        <Link href={`/implementations/${report.id}`} className="text-slate-700 underline">
          ← Back to the implementation
        </Link>
        <div className="flex gap-2">
          <a
            href={`/api/implementations/${report.id}/items-csv`}
            className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold hover:bg-slate-50"
          >
            Download items (CSV)
          </a>
          <PrintButton />
        </div>
      </div>

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
          Generated {utc(generatedAt)} by {viewer.name}. Demo and test data in Readyroom are synthetic.
        </p>
      </header>

      <section aria-labelledby="report-gate" className="mt-6 break-inside-avoid">
        <h2 id="report-gate" className="text-lg font-semibold">Go/no-go</h2>
        <div className="mt-2">
          <GateSummary gate={gate} links={false} />
        </div>
        {gate.decisions.length > 0 ? (
          <div className="mt-3">
            <h3 className="text-sm font-semibold">Decisions recorded</h3>
            <ul className="mt-1 list-disc pl-5">
              {gate.decisions.map((d) => (
                <li key={d.id}>
                  {gateVerdictLabel[d.decision]} by {d.decidedByName}, {utc(d.decidedAt.toISOString())} (gate said{" "}
                  {gateVerdictLabel[d.computedVerdict]}){d.notes ? ` — ${d.notes}` : ""}
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
      </section>

      <section aria-labelledby="report-blockers" className="mt-6 break-inside-avoid">
        <h2 id="report-blockers" className="text-lg font-semibold">Open blockers ({openBlockers.length})</h2>
        {openBlockers.length === 0 ? (
          <p className="text-slate-700">None.</p>
        ) : (
          <ul className="mt-1 list-disc pl-5">
            {openBlockers.map((i) => (
              <li key={i.id}>
                {i.title}: {i.blockerSeverity ? severityLabel[i.blockerSeverity] : "Blocked"} since {i.blockedSince} — {i.blockerReason}
                {i.blockerTicketUrl ? ` (${i.blockerTicketUrl})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="report-waivers" className="mt-6 break-inside-avoid">
        <h2 id="report-waivers" className="text-lg font-semibold">Waivers ({waived.length})</h2>
        {waived.length === 0 ? (
          <p className="text-slate-700">None.</p>
        ) : (
          <ul className="mt-1 list-disc pl-5">
            {waived.map((i) => (
              <li key={i.id}>
                {i.title}: until {i.waiver!.expiresOn}, approved by {i.waiver!.approverName}, granted by {i.waiver!.grantedBy} — {i.waiver!.reason}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="report-permissions" className="mt-6 break-inside-avoid">
        <h2 id="report-permissions" className="text-lg font-semibold">API permissions</h2>
        {report.permissions.length === 0 ? (
          <p className="text-slate-700">No permissions recorded.</p>
        ) : (
          <table className="mt-2 w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">Permission</th>
                <th scope="col" className="py-1 pr-3">Required</th>
                {environmentKinds.map((k) => (
                  <th key={k} scope="col" className="py-1 pr-3">{environmentLabel[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.permissions.map((p) => (
                <tr key={`${p.interface}:${p.permission}`} className="border-b border-slate-100">
                  <td className="py-1 pr-3 font-mono text-xs">{p.permission}</td>
                  <td className="py-1 pr-3">{p.required ? "Required" : "Optional"}</td>
                  {environmentKinds.map((k) => (
                    <td key={k} className="py-1 pr-3">{p.results[k] ?? "unverified"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-1 text-slate-700">
          {report.permissions.filter((p) => p.required && production(p.results) === "granted").length} of{" "}
          {report.permissions.filter((p) => p.required).length} required permissions granted in production.
        </p>
      </section>

      <section aria-labelledby="report-patients" className="mt-6 break-inside-avoid">
        <h2 id="report-patients" className="text-lg font-semibold">Test patient scenarios</h2>
        {report.scenarios.length === 0 ? (
          <p className="text-slate-700">No scenarios recorded.</p>
        ) : (
          <table className="mt-2 w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-3">Environment</th>
                <th scope="col" className="py-1 pr-3">Test patient</th>
                <th scope="col" className="py-1 pr-3">Workflow</th>
                <th scope="col" className="py-1 pr-3">Scenario</th>
                <th scope="col" className="py-1 pr-3">Result</th>
              </tr>
            </thead>
            <tbody>
              {report.scenarios.map((s, i) => (
                <tr key={i} className="border-b border-slate-100">
                  <td className="py-1 pr-3">{environmentLabel[s.environment]}</td>
                  <td className="py-1 pr-3">
                    {s.patientLabel} <span className="font-mono text-xs">({s.testIdentifier})</span>
                  </td>
                  <td className="py-1 pr-3">{workflowLabel[s.workflowSurface]}</td>
                  <td className="py-1 pr-3">{s.scenario}</td>
                  <td className="py-1 pr-3">
                    {s.result === "pass" ? "Pass" : s.result === "fail" ? "Fail" : "Not run"}
                    {s.validatedAt ? ` (${s.validatedAt.slice(0, 10)})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="report-items" className="mt-8 break-before-page">
        <h2 id="report-items" className="text-lg font-semibold">Checklist ({report.items.length} items)</h2>
        <ol className="mt-2 space-y-4">
          {report.items.map((i) => (
            <li key={i.id} className="break-inside-avoid rounded-md border border-slate-200 p-3 print:rounded-none">
              <h3 className="font-semibold">
                {i.position + 1}. {i.title}{" "}
                <span className="font-normal text-slate-700">
                  — {itemStatusLabel[i.status]} · v{i.version} · {categoryLabel[i.category]} · {i.required ? "required" : "optional"} · owner{" "}
                  {i.ownerName ?? "none"}
                </span>
              </h3>
              <dl className="mt-1 grid gap-x-4 gap-y-1 md:grid-cols-3 print:grid-cols-3">
                <div>
                  <dt className="text-xs text-slate-600">What changed</dt>
                  <dd className="whitespace-pre-wrap">{i.whatChanged || "—"}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">What was tested</dt>
                  <dd className="whitespace-pre-wrap">{i.whatWasTested || "—"}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-600">What still needs proof</dt>
                  <dd className="whitespace-pre-wrap">{i.whatNeedsProof || "—"}</dd>
                </div>
              </dl>
              <p className="mt-2 text-xs font-semibold text-slate-600">Evidence by environment</p>
              {i.evidence.length === 0 ? (
                <p>None recorded.</p>
              ) : (
                <ul className="list-disc pl-5">
                  {i.evidence.map((e) => (
                    <li key={e.id}>
                      {environmentLabel[e.environment]} · {e.kind === "operational" ? "operational validation" : "technical evidence"} ·{" "}
                      {e.outcome}: {e.whatWasTested} — {e.recordedBy}, {utc(e.observedAt)}
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
                      {s.decision === "approve" ? "Approved" : "Rejected"} by {s.signerName} ({roleLabel[s.role]}, {s.organization}),{" "}
                      {utc(s.signedAt)}, version {s.itemVersion}
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
          ))}
        </ol>
      </section>
    </article>
  );
}
