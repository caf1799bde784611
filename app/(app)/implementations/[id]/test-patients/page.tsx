import type { Metadata } from "next";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { ScenarioResultBadge } from "@/components/registers/result-badges";
import { Badge } from "@/components/ui/badge";
import { RowDetails } from "@/components/ui/row-details";
import { stackOnPhone } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { getTestPatientRegister } from "@/lib/dal/test-patients";
import { formatUtc } from "@/lib/format/dates";
import { environmentLabel, workflowLabel } from "@/lib/format/labels";
import { orNotFound } from "@/lib/server/not-found";
import { AddScenarioForm, AddTestPatientForm, RecordScenarioForm, RemoveForm } from "./_components/test-patient-forms";

export const metadata: Metadata = { title: "Test patients" };

type Props = { params: Promise<{ id: string }> };


export default async function TestPatientsPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [impl, register] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getTestPatientRegister(viewer, id))]);
  const c = register.coverage;

  return (
    <>
      <ImplementationHeader implementation={impl} current="test-patients" />

      <section aria-labelledby="coverage-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 id="coverage-heading" className="text-lg font-semibold">Coverage</h2>
        <p className="text-slate-600">Each workflow surface in scope needs at least one scenario that passed in production. A pass in test is progress, not proof.</p>
        {c.uncovered.length > 0 ? (
          <p role="note" aria-label="Missing coverage" className="mt-3 rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-950">
            <span aria-hidden="true">⚠ </span>
            <strong>No passing production scenario for {c.uncovered.map((w) => workflowLabel[w]).join(", ")}.</strong>
          </p>
        ) : null}
        {c.surfaces.length === 0 ? (
          <p className="mt-3 text-slate-600">No workflow is in scope yet.</p>
        ) : (
          <table className={`mt-3 min-w-full divide-y divide-slate-200 ${stackOnPhone.table}`}>
            <caption className="sr-only">Scenarios by workflow surface</caption>
            <thead className={`text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${stackOnPhone.thead}`}>
              <tr>
                <th scope="col" className="py-2 pr-4">Workflow surface</th>
                <th scope="col" className="py-2 pr-4">Passed in production</th>
                <th scope="col" className="py-2 pr-4">Failed in production</th>
                <th scope="col" className="py-2 pr-4">Not run in production</th>
                <th scope="col" className="py-2 pr-4">Passed in sandbox or test</th>
                <th scope="col" className="py-2">Coverage</th>
              </tr>
            </thead>
            <tbody className={`divide-y divide-slate-100 ${stackOnPhone.tbody}`}>
              {c.surfaces.map((s) => (
                <tr key={s.surface} aria-label={workflowLabel[s.surface]} className={stackOnPhone.tr}>
                  <th scope="row" className={`py-2 pr-4 text-left font-medium ${stackOnPhone.cell}`}>
                    {workflowLabel[s.surface]}
                    {s.inScope ? "" : " (not in scope)"}
                  </th>
                  <td data-label="Passed in production:" className={`py-2 pr-4 ${stackOnPhone.cell}`}>{s.productionPassed}</td>
                  <td data-label="Failed in production:" className={`py-2 pr-4 ${stackOnPhone.cell}`}>{s.productionFailed}</td>
                  <td data-label="Not run in production:" className={`py-2 pr-4 ${stackOnPhone.cell}`}>{s.productionNotRun}</td>
                  <td data-label="Passed in sandbox or test:" className={`py-2 pr-4 ${stackOnPhone.cell}`}>{s.elsewherePassed}</td>
                  <td className={`py-2 ${stackOnPhone.cell}`}>
                    {s.covered ? (
                      <Badge tone="good">
                        <span aria-hidden="true">✓</span>Covered in production
                      </Badge>
                    ) : s.inScope ? (
                      <Badge tone="bad">
                        <span aria-hidden="true">✕</span>No production pass
                      </Badge>
                    ) : (
                      <Badge>Not in scope</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="patients-heading" className="mt-6">
        <h2 id="patients-heading" className="text-lg font-semibold">Test patients</h2>
        {register.patients.length === 0 ? (
          <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No test patients yet.</p>
        ) : (
          <ul className="mt-2 space-y-4">
            {register.patients.map((p) => (
              <li key={p.id} aria-label={`${p.label} (${p.testIdentifier})`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <h3 className="text-base font-semibold">{p.label}</h3>
                    <p className="text-sm text-slate-700">
                      Test identifier <code className="font-semibold">{p.testIdentifier}</code> · <Badge>{environmentLabel[p.environmentKind]}</Badge>
                    </p>
                    {p.note ? <p className="mt-1 text-xs text-slate-600 whitespace-pre-wrap">{p.note}</p> : null}
                  </div>
                  {register.canRemove ? <RemoveForm kind="patient" id={p.id} version={p.version} name={p.label} /> : null}
                </div>
                {p.scenarios.length === 0 ? (
                  <p className="mt-3 text-sm text-slate-600">No scenarios yet.</p>
                ) : (
                  <table className={`mt-3 min-w-full divide-y divide-slate-200 text-sm ${stackOnPhone.table}`}>
                    <caption className="sr-only">Scenarios for {p.label}</caption>
                    <thead className={`text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${stackOnPhone.thead}`}>
                      <tr>
                        <th scope="col" className="py-2 pr-3">Scenario</th>
                        <th scope="col" className="py-2 pr-3">Surface</th>
                        <th scope="col" className="py-2 pr-3">Expected</th>
                        <th scope="col" className="py-2 pr-3">Observed</th>
                        <th scope="col" className="py-2">Result</th>
                      </tr>
                    </thead>
                    <tbody className={`divide-y divide-slate-100 ${stackOnPhone.tbody}`}>
                      {p.scenarios.map((s) => (
                        <tr key={s.id} className={`align-top ${stackOnPhone.tr}`} aria-label={s.scenario}>
                          <th scope="row" className={`py-2 pr-3 text-left font-medium whitespace-pre-wrap ${stackOnPhone.cell}`}>{s.scenario}</th>
                          <td data-label="Surface:" className={`py-2 pr-3 ${stackOnPhone.cell}`}>
                            {workflowLabel[s.workflowSurface]}
                            {s.interfaceName ? <span className="block text-xs text-slate-700">Interface: {s.interfaceName}</span> : null}
                          </td>
                          <td data-label="Expected:" className={`py-2 pr-3 whitespace-pre-wrap break-words ${stackOnPhone.cell}`}>{s.expectedOutcome}</td>
                          <td data-label="Observed:" className={`py-2 pr-3 whitespace-pre-wrap break-words ${stackOnPhone.cell}`}>{s.observedOutcome || "—"}</td>
                          <td className={`py-2 ${stackOnPhone.cell}`}>
                            <ScenarioResultBadge result={s.result} />
                            {s.validatedAt ? (
                              <p className="mt-1 text-xs text-slate-600">
                                {s.validatedByName ?? "Someone"} · <time dateTime={s.validatedAt.toISOString()}>{formatUtc(s.validatedAt)}</time>
                              </p>
                            ) : null}
                            {register.canRecord ? (
                              <RowDetails summary="Record result">
                                <RecordScenarioForm key={s.version} scenarioId={s.id} scenario={s.scenario} version={s.version} result={s.result} observedOutcome={s.observedOutcome} />
                              </RowDetails>
                            ) : null}
                            {register.canRemove ? <RemoveForm kind="scenario" id={s.id} version={s.version} name={s.scenario} /> : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {register.canRecord ? (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-semibold">Add a scenario</summary>
                    <AddScenarioForm testPatientId={p.id} label={p.label} workflowsInScope={register.workflows} interfaces={register.interfaces} />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {register.canRecord ? (
        <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <summary className="cursor-pointer text-sm font-semibold">Add a test patient</summary>
          <AddTestPatientForm implementationId={register.implementationId} environments={register.environments} />
        </details>
      ) : null}
    </>
  );
}
