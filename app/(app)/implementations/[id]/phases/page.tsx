import type { Metadata } from "next";
import Link from "next/link";
import { PhaseStandingBadge } from "@/components/cutover/badges";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getPhasePlan } from "@/lib/dal/cutover";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { can } from "@/lib/dal/policy";
import { phaseStanding } from "@/lib/domain/cutover";
import { shortDay } from "@/lib/domain/forecast";
import { formatUtc, todayIso } from "@/lib/format/dates";
import { phaseLabel } from "@/lib/format/labels";
import { orNotFound } from "@/lib/server/not-found";
import { PhaseExitForm, PhasePlanForm } from "./_components/phase-forms";

export const metadata: Metadata = { title: "Phases" };

type Props = { params: Promise<{ id: string }> };

// The phased rollout of one implementation: assessment → pilot → expansion → operationalization,
// each with its planned dates, success signal and exit criteria, and whether those were met.
export default async function PhasesPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [impl, plan] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getPhasePlan(viewer, id))]);
  const today = todayIso();

  return (
    <>
      <ImplementationHeader implementation={impl} current="phases" />
      <section aria-labelledby="phases-heading" className="mt-6">
        <h2 id="phases-heading" className="text-lg font-semibold">
          Phase plan
        </h2>
        <p className="text-sm text-slate-600">
          Assessment → pilot → expansion → operationalization. The implementation is in its <strong>{phaseLabel[plan.currentPhase]}</strong> phase
          {can(viewer, "implementation.update") ? (
            <>
              {" "}
              (<Link href={`/implementations/${impl.id}/edit`} className="text-sky-800 hover:underline">change it on Edit</Link>)
            </>
          ) : null}
          . The <Link href="/timeline" className="text-sky-800 hover:underline">go-live timeline</Link> draws each dated phase.
        </p>
        <ol className="mt-3 space-y-4" aria-label="Phases">
          {plan.phases.map((row, index) => {
            const standing = phaseStanding(row, plan.currentPhase, today);
            const label = phaseLabel[row.phase];
            return (
              <li key={row.phase} aria-labelledby={`phase-${row.phase}-heading`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 id={`phase-${row.phase}-heading`} className="text-base font-semibold">
                    {index + 1}. {label}
                  </h3>
                  <PhaseStandingBadge standing={standing} />
                </div>
                <dl className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
                  <dt className="text-slate-600">Planned</dt>
                  <dd>
                    {row.plannedStart || row.plannedEnd ? (
                      <>
                        {row.plannedStart ? <time dateTime={row.plannedStart}>{shortDay(row.plannedStart, today)}</time> : "start not set"} –{" "}
                        {row.plannedEnd ? <time dateTime={row.plannedEnd}>{shortDay(row.plannedEnd, today)}</time> : "end not set"}
                      </>
                    ) : (
                      "Not dated"
                    )}
                  </dd>
                  <dt className="text-slate-600">Success signal</dt>
                  <dd className="whitespace-pre-wrap">
                    {row.planned ? row.successSignal || "Not written yet" : <span className="text-slate-600">Suggested: {row.suggested.successSignal}</span>}
                  </dd>
                  <dt className="text-slate-600">Exit criteria</dt>
                  <dd className="whitespace-pre-wrap">
                    {row.planned ? row.exitCriteria || "Not written yet" : <span className="text-slate-600">Suggested: {row.suggested.exitCriteria}</span>}
                  </dd>
                  <dt className="text-slate-600">Exit criteria met</dt>
                  <dd>
                    {row.exitMetAt ? (
                      <>
                        <span aria-hidden="true">✓ </span>Met — marked by {row.exitMetByName ?? "someone no longer listed"} on{" "}
                        <time dateTime={row.exitMetAt.toISOString()}>{formatUtc(row.exitMetAt)}</time>
                      </>
                    ) : (
                      "Not yet"
                    )}
                  </dd>
                </dl>
                {plan.canManage ? (
                  <>
                    {row.planned ? <PhaseExitForm key={`exit-${row.version}`} implementationId={plan.implementationId} phase={row.phase} version={row.version} met={Boolean(row.exitMetAt)} /> : null}
                    <details className="mt-3 border-t border-slate-100 pt-2">
                      <summary className="cursor-pointer font-medium text-sky-800">{row.planned ? `Edit the ${label} plan` : `Plan the ${label} phase`}</summary>
                      <PhasePlanForm key={`plan-${row.version}`} implementationId={plan.implementationId} row={row} />
                    </details>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
