import type { Metadata } from "next";
import Link from "next/link";
import { CutoverStepBadge } from "@/components/cutover/badges";
import { CutoverStrip } from "@/components/cutover/cutover-strip";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { ItemStatusBadge } from "@/components/ui/item-status-badge";
import { stackOnPhone } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getCutoverPlan } from "@/lib/dal/cutover";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { cutoverStepDefaults, cutoverStepState, cutoverSummary, defaultStepDueAt, goLiveOffset } from "@/lib/domain/cutover";
import { formatUtc, minuteIso, todayIso } from "@/lib/format/dates";
import { orNotFound } from "@/lib/server/not-found";
import {
  AddCutoverStepForm,
  AddGateItemForm,
  AddStandardStepsForm,
  CutoverStepDoneForm,
  EditCutoverStepForm,
  RemoveCutoverStepForm,
} from "./_components/cutover-forms";

export const metadata: Metadata = { title: "Cutover" };

type Props = { params: Promise<{ id: string }> };

// The cutover plan of one implementation: dated steps before and after go-live, each with an
// owner and whether it is done; and the checklist items through which the gate requires the
// rollback plan and the support hand-off.
export default async function CutoverPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [impl, plan] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getCutoverPlan(viewer, id))]);
  const now = new Date();
  const today = todayIso(now);
  const steps = plan.steps.map((s, i) => ({ ...s, number: i + 1, state: cutoverStepState(s, now), offset: goLiveOffset(s.dueAt, plan.goLiveDate) }));
  const summary = cutoverSummary(steps, now);
  const titles = cutoverStepDefaults.map((d) => d.title);
  const defaultOwnerId = plan.people.some((p) => p.id === viewer.userId) ? viewer.userId : "";

  return (
    <>
      <ImplementationHeader implementation={impl} current="cutover" />

      <section aria-labelledby="gate-items-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 id="gate-items-heading" className="text-lg font-semibold">
          What the gate requires of the cutover
        </h2>
        <p className="text-slate-600">
          The rollback plan and the support hand-off count for the go/no-go gate as required checklist items, signed like any other.
        </p>
        <ul className="mt-3 space-y-3" aria-label="Cutover items on the checklist">
          {plan.gateItems.map(({ standard, item }) => (
            <li key={standard.key}>
              <p className="font-medium">{standard.title}</p>
              {item ? (
                <p className="mt-1 flex flex-wrap items-center gap-2">
                  <ItemStatusBadge status={item.status} />
                  <span>{item.required ? "Required by the gate" : "On the checklist, not required"}</span>
                  <Link href={`/implementations/${plan.implementationId}/items/${item.id}`} className="text-sky-800 hover:underline">
                    Open the item<span className="sr-only"> {item.title}</span>
                  </Link>
                </p>
              ) : (
                <>
                  <p className="mt-1 text-slate-700">Not on this checklist: the gate does not require it.</p>
                  {plan.canAddItem ? <AddGateItemForm implementationId={plan.implementationId} item={standard} /> : null}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cutover-heading" className="mt-6">
        <h2 id="cutover-heading" className="text-lg font-semibold">
          Cutover plan
        </h2>
        <p className="text-sm text-slate-700" data-testid="cutover-summary">
          {summary.total === 0
            ? "No steps yet."
            : `${summary.done} of ${summary.total} steps done${summary.overdue > 0 ? `, ${summary.overdue} overdue` : ""}.`}{" "}
          {summary.next ? (
            <>
              Next: {summary.next.title}, due <time dateTime={summary.next.dueAt.toISOString()}>{formatUtc(summary.next.dueAt)}</time> ({summary.next.ownerName}).
            </>
          ) : null}{" "}
          {plan.goLiveDate ? `Go-live: ${plan.goLiveDate}.` : "No go-live date set."}
        </p>

        <CutoverStrip steps={steps} goLiveDate={plan.goLiveDate} now={now} today={today} />

        {steps.length > 0 ? (
          <div className="mt-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm md:p-0">
            <table className={`min-w-full divide-y divide-slate-200 text-sm ${stackOnPhone.table}`}>
              <caption className="sr-only">Cutover steps by due time, with owner and whether each is done</caption>
              <thead className={`bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${stackOnPhone.thead}`}>
                <tr>
                  <th scope="col" className="px-3 py-2">#</th>
                  <th scope="col" className="px-3 py-2">Step</th>
                  <th scope="col" className="px-3 py-2">Due (UTC)</th>
                  <th scope="col" className="px-3 py-2">Owner</th>
                  <th scope="col" className="px-3 py-2">Done</th>
                  {plan.canManage ? <th scope="col" className="px-3 py-2">Change</th> : null}
                </tr>
              </thead>
              <tbody className={`divide-y divide-slate-100 ${stackOnPhone.tbody}`}>
                {steps.map((s) => (
                  <tr key={s.id} aria-label={s.title} className={`align-top ${stackOnPhone.tr}`}>
                    <td data-label="#" className={`px-3 py-2 ${stackOnPhone.cell}`}>{s.number}</td>
                    <th scope="row" className={`px-3 py-2 text-left font-medium ${stackOnPhone.cell}`}>
                      {s.title}
                      {s.detail ? <span className="block whitespace-pre-wrap font-normal text-slate-600">{s.detail}</span> : null}
                    </th>
                    <td data-label="Due:" className={`px-3 py-2 ${stackOnPhone.cell}`}>
                      <time dateTime={s.dueAt.toISOString()}>{formatUtc(s.dueAt)}</time>
                      {s.offset ? <span className="block text-xs text-slate-600">{s.offset.short} · {s.offset.text}</span> : null}
                    </td>
                    <td data-label="Owner:" className={`px-3 py-2 ${stackOnPhone.cell}`}>
                      {s.ownerName} <span className="text-xs text-slate-600">({s.ownerOrganizationName})</span>
                    </td>
                    <td data-label="Done:" className={`px-3 py-2 ${stackOnPhone.cell}`}>
                      <CutoverStepBadge state={s.state} />
                      {s.doneAt ? (
                        <span className="block text-xs text-slate-600">
                          by {s.doneByName ?? "someone no longer listed"}, <time dateTime={s.doneAt.toISOString()}>{formatUtc(s.doneAt)}</time>
                        </span>
                      ) : null}
                      {s.canComplete ? (
                        <div className="mt-1">
                          <CutoverStepDoneForm key={s.version} stepId={s.id} version={s.version} title={s.title} done={Boolean(s.doneAt)} />
                        </div>
                      ) : null}
                    </td>
                    {plan.canManage ? (
                      <td data-label="Change:" className={`px-3 py-2 ${stackOnPhone.cell}`}>
                        <details>
                          <summary className="cursor-pointer text-sky-800">
                            Edit<span className="sr-only"> {s.title}</span>
                          </summary>
                          <EditCutoverStepForm
                            key={s.version}
                            step={{ id: s.id, version: s.version, title: s.title, detail: s.detail, ownerId: s.ownerId, dueAt: minuteIso(s.dueAt) }}
                            people={plan.people}
                            titles={titles}
                          />
                          <RemoveCutoverStepForm stepId={s.id} version={s.version} title={s.title} />
                        </details>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="mt-3 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No cutover steps yet.</p>
        )}

        {plan.canManage ? (
          <>
            {plan.missingStandardSteps.length > 0 ? (
              <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
                <h3 className="font-semibold">Standard steps not in the plan</h3>
                {plan.goLiveDate ? (
                  <>
                    <ul className="mt-1 list-disc pl-5 text-slate-700">
                      {plan.missingStandardSteps.map((d) => {
                        const due = defaultStepDueAt(plan.goLiveDate!, d);
                        return (
                          <li key={d.key}>
                            {d.title} — {formatUtc(due)} ({goLiveOffset(due, plan.goLiveDate)!.text})
                          </li>
                        );
                      })}
                    </ul>
                    <p className="mt-1 text-slate-600">Each goes to the implementation manager, the engineering owner or the health system’s IT, as it usually falls; change any of them after.</p>
                    <AddStandardStepsForm implementationId={plan.implementationId} count={plan.missingStandardSteps.length} />
                  </>
                ) : (
                  <p className="mt-1 text-slate-700">Set a go-live date first: the standard steps are dated from it.</p>
                )}
              </div>
            ) : null}
            <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <summary className="cursor-pointer text-sm font-semibold">Add a step</summary>
              <AddCutoverStepForm
                implementationId={plan.implementationId}
                people={plan.people}
                titles={titles}
                defaultOwnerId={defaultOwnerId}
                defaultDueAt={plan.goLiveDate ? `${plan.goLiveDate}T09:00` : ""}
              />
            </details>
          </>
        ) : null}
      </section>
    </>
  );
}
