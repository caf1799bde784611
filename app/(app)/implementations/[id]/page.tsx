import type { Metadata } from "next";
import Link from "next/link";
import { ChecklistLive } from "@/components/checklist/checklist-live";
import { GateLive } from "@/components/gate/gate-live";
import { VerdictBadge } from "@/components/gate/gate-panel";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { ReadinessOverTime } from "@/components/readiness/readiness-over-time";
import { RegisterAlerts } from "@/components/registers/register-alerts";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getGate } from "@/lib/dal/gate";
import { getImplementation } from "@/lib/dal/implementations";
import { can } from "@/lib/dal/policy";
import { daysUntil, describeGoLive, formatUtc, minuteIso, todayIso } from "@/lib/format/dates";
import { gateVerdictLabel } from "@/lib/format/labels";
import { environmentLabel, interfaceLabel, workflowLabel } from "@/lib/format/labels";
import { orNotFound } from "@/lib/server/not-found";
import { parseChecklistView } from "@/lib/validation/checklist-view";
import { AddItemForm } from "./_components/add-item-form";
import { ConfigurationChangeForm } from "./_components/configuration-change-form";
import { DecisionForm } from "./_components/decision-form";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Implementation" };

export default async function ImplementationPage({ params, searchParams }: Props) {
  const { id } = await params;
  const view = parseChecklistView(await searchParams);
  const viewer = await requireViewer();
  const [impl, gate] = await orNotFound(Promise.all([getImplementation(viewer, id, view), getGate(viewer, id)]));
  const today = todayIso();
  const goLive = impl.goLiveDate ? describeGoLive(daysUntil(impl.goLiveDate), impl.status) : null;

  return (
    <>
      <ImplementationHeader
        implementation={impl}
        current="checklist"
        actions={
          <>
            <Link href={`/implementations/${impl.id}/report`} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50">
              Readiness report
            </Link>
            {can(viewer, "implementation.update") ? (
              <Link href={`/implementations/${impl.id}/edit`} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50">
                Edit
              </Link>
            ) : null}
          </>
        }
      />
      <RegisterAlerts implementationId={impl.id} permissions={gate.permissionSummary} testPatients={gate.coverage} />

      <section aria-labelledby="gate-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="gate-heading" className="sr-only">
          Go/no-go gate
        </h2>
        <GateLive
          implementationId={impl.id}
          initial={{
            verdict: gate.verdict,
            reasons: gate.reasons,
            waivers: gate.waivers,
            requiredItems: gate.requiredItems,
            requiredItemsDone: gate.requiredItemsDone,
            digest: gate.digest,
          }}
        />
        {gate.decisions.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold">Decisions</h3>
            <ul className="mt-1 space-y-2 text-sm" aria-label="Go/no-go decisions">
              {gate.decisions.map((d) => (
                <li key={d.id}>
                  <VerdictBadge verdict={d.decision} /> by {d.decidedByName} on{" "}
                  <time dateTime={d.decidedAt.toISOString()}>{formatUtc(d.decidedAt)}</time>{" "}
                  <span className="text-slate-600">(gate said {gateVerdictLabel[d.computedVerdict]})</span>
                  {d.notes ? <span className="block whitespace-pre-wrap text-slate-700">{d.notes}</span> : null}
                  {d.acceptances.length > 0 ? (
                    <ul className="ml-4 list-disc text-slate-700">
                      {d.acceptances.map((a) => (
                        <li key={a.reasonKey}>
                          {a.reasonText} — accepted by {a.acceptedByName}, re-evaluate on {a.reevaluateOn}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {gate.canDecide ? (
          <details className="mt-4 border-t border-slate-200 pt-3">
            <summary className="cursor-pointer text-sm font-semibold">Record the go/no-go decision</summary>
            <DecisionForm
              key={gate.digest}
              implementationId={impl.id}
              verdict={gate.verdict}
              gateDigest={gate.digest}
              risks={gate.reasons.filter((r) => r.severity === "risk").map((r) => ({ key: r.key, message: r.message }))}
              today={today}
            />
          </details>
        ) : null}
      </section>

      <ReadinessOverTime history={gate.history} required={gate.requiredItems} done={gate.requiredItemsDone} today={today} active={impl.status === "active"} />

      <dl className="mt-6 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm md:grid-cols-4">
        <div>
          <dt className="text-slate-600">Go-live</dt>
          <dd className="font-medium">
            {impl.goLiveDate && goLive ? `${impl.goLiveDate} (${goLive.text})` : "Not set"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Implementation manager</dt>
          <dd className="font-medium">{impl.managerName ?? "Unassigned"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Engineering owner</dt>
          <dd className="font-medium">{impl.engineeringOwnerName ?? "Unassigned"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Evidence freshness window</dt>
          <dd className="font-medium">{impl.freshnessWindowDays} days</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-slate-600">Workflows in scope</dt>
          <dd className="font-medium">{impl.workflows.map((w) => workflowLabel[w]).join(", ") || "None yet"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Interfaces</dt>
          <dd className="font-medium">{impl.interfaces.map((i) => interfaceLabel[i]).join(", ") || "None yet"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Environments</dt>
          <dd className="font-medium">{impl.environments.map((e) => environmentLabel[e.kind]).join(", ")}</dd>
        </div>
      </dl>

      <section aria-labelledby="config-heading" className="mt-8 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="config-heading" className="text-lg font-semibold">
          Configuration changes
        </h2>
        <p className="text-sm text-slate-600">Evidence observed before a change, in the environments it touched, is stale.</p>
        {impl.configurationChanges.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">None recorded.</p>
        ) : (
          <ul className="mt-3 space-y-2 text-sm" aria-label="Configuration change history">
            {impl.configurationChanges.map((c) => (
              <li key={c.id}>
                <time dateTime={c.changedAt.toISOString()} className="font-medium">
                  {formatUtc(c.changedAt)}
                </time>{" "}
                · {c.environmentKind ? environmentLabel[c.environmentKind] : "All environments"} · {c.note}{" "}
                <span className="text-slate-600">({c.recordedByName})</span>
              </li>
            ))}
          </ul>
        )}
        {impl.canRecordConfigurationChange ? (
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-semibold">Record a configuration change</summary>
            <ConfigurationChangeForm
              implementationId={impl.id}
              environments={impl.environments}
              now={minuteIso()}
            />
          </details>
        ) : null}
      </section>

      <ChecklistLive implementationId={impl.id} initialItems={impl.items} initialTotal={impl.itemsTotal} view={view} />
      {impl.canAddItem ? (
        <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <summary className="cursor-pointer text-sm font-semibold">Add an item</summary>
          <AddItemForm implementationId={impl.id} />
        </details>
      ) : null}
    </>
  );
}
