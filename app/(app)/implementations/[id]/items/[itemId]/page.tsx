import type { Metadata } from "next";
import Link from "next/link";
import { ItemActivity } from "@/components/activity/activity-timeline";
import { RegisterItemSummary } from "@/components/registers/register-item-summary";
import { Badge } from "@/components/ui/badge";
import { Facts } from "@/components/ui/facts";
import { ItemStatusBadge } from "@/components/ui/item-status-badge";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getItem } from "@/lib/dal/checklist";
import { listComments } from "@/lib/dal/comments";
import { getSignOffPanel } from "@/lib/dal/sign-offs";
import { formatUtc, minuteIso } from "@/lib/format/dates";
import { categoryLabel, environmentLabel, roleLabel, severityLabel } from "@/lib/format/labels";
import { orNotFound } from "@/lib/server/not-found";
import { BlockForm, UnblockForm } from "./_components/blocker-forms";
import { Comments } from "./_components/comments";
import { EvidenceForm } from "./_components/evidence-form";
import { ItemForm } from "./_components/item-form";
import { SignOffPanel } from "./_components/sign-off-panel";

export const metadata: Metadata = { title: "Checklist item" };

type Props = { params: Promise<{ id: string; itemId: string }> };

const staleText = {
  older_than_window: "Stale: older than the freshness window",
  before_configuration_change: "Stale: observed before a later configuration change",
} as const;

export default async function ItemPage({ params }: Props) {
  const { id, itemId } = await params;
  const viewer = await requireViewer();
  const [item, signOffPanel, thread] = await orNotFound(
    Promise.all([getItem(viewer, id, itemId), getSignOffPanel(viewer, id, itemId), listComments(viewer, id, itemId)]),
  );
  const now = minuteIso();

  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/" className="hover:underline">Portfolio</Link> /{" "}
        <Link href={`/implementations/${item.implementationId}`} className="hover:underline">
          {item.implementationName}
        </Link>{" "}
        / <span>{categoryLabel[item.category]}</span>
      </nav>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{item.title}</h1>
          <p className="text-slate-700">{item.description}</p>
          <p className="mt-1 text-sm text-slate-600">
            Sign-off by {item.requiredSignOffRoles.map((r) => roleLabel[r]).join(" and ") || "no one"}
            {item.needsOperationalValidation ? " · needs operational validation in production" : ""}
            {item.attestationOnly ? " · attestation only: may be signed without evidence" : ""}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1 text-sm">
          <ItemStatusBadge status={item.status} />
          {signOffPanel.signing.canSign ? (
            <a href="#signoffs-heading" className="font-medium text-emerald-800 underline">
              Review and sign ↓
            </a>
          ) : null}
          <span className="text-slate-600">
            Version {item.version}
            {item.updatedByName ? ` · last changed by ${item.updatedByName}` : ""}
          </span>
        </div>
      </header>

      {item.status === "blocked" && item.blockerReason ? (
        <p className="mt-4 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          <span className="font-semibold">{item.blockerSeverity ? severityLabel[item.blockerSeverity] : "Blocked"}</span> since{" "}
          {item.blockedSince}: {item.blockerReason}
          {item.blockerTicketUrl ? (
            <>
              {" "}
              (<a href={item.blockerTicketUrl} rel="noopener noreferrer" target="_blank" className="underline">ticket</a>)
            </>
          ) : null}
        </p>
      ) : null}

      {item.status === "blocked" && item.canUnblock ? (
        <details className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <summary className="cursor-pointer text-sm font-semibold">Clear this blocker</summary>
          <UnblockForm implementationId={item.implementationId} itemId={item.id} version={item.version} />
        </details>
      ) : null}
      {item.canEdit && ["not_started", "in_progress", "ready_for_signoff"].includes(item.status) ? (
        <details className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <summary className="cursor-pointer text-sm font-semibold">Block this item</summary>
          <BlockForm
            implementationId={item.implementationId}
            itemId={item.id}
            version={item.version}
            today={now.slice(0, 10)}
            approvals={signOffPanel.currentApprovals}
          />
        </details>
      ) : null}

      <RegisterItemSummary viewer={viewer} implementationId={item.implementationId} itemKey={item.key} />

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="details-heading" className="text-lg font-semibold">Details</h2>
          <div className="mt-4">
            {item.canEdit && item.status === "signed_off" ? (
              <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                This item is signed off. Saving a change supersedes its sign-offs: it goes back to ready for sign-off and needs
                signing again.
              </p>
            ) : null}
            {item.canEdit ? (
              <ItemForm
                implementationId={item.implementationId}
                itemId={item.id}
                version={item.version}
                owners={item.assignableUsers}
                approvals={signOffPanel.currentApprovals}
                initial={{
                  ownerId: item.ownerId ?? "",
                  status: item.status,
                  nextStep: item.nextStep,
                  expectedOutcome: item.expectedOutcome,
                  dueDate: item.dueDate ?? "",
                  whatChanged: item.whatChanged,
                  whatWasTested: item.whatWasTested,
                  whatNeedsProof: item.whatNeedsProof,
                }}
              />
            ) : (
              <>
              <Facts
                className="space-y-3 text-sm"
                facts={[
                  ["Owner", item.ownerName ?? "No owner"],
                  ["Next step", item.nextStep],
                  ["Expected outcome", item.expectedOutcome],
                  ["Due date", item.dueDate],
                  ["What changed", item.whatChanged],
                  ["What was tested", item.whatWasTested],
                  ["What still needs proof", item.whatNeedsProof],
                ]}
              />
              <p className="mt-3 text-xs text-slate-500">Only the item&apos;s owner and implementation managers can edit it.</p>
              </>
            )}
          </div>
        </section>

        <section aria-labelledby="evidence-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="evidence-heading" className="text-lg font-semibold">Evidence</h2>
          <p className="text-sm text-slate-600">Green logs are evidence, not proof: each record names its environment, time and person.</p>
          {item.evidence.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">No evidence recorded yet.</p>
          ) : (
            <ul className="mt-4 divide-y divide-slate-100" aria-label="Evidence records">
              {item.evidence.map((e) => (
                <li key={e.id} className="py-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={e.kind === "operational" ? "info" : "neutral"}>
                      {e.kind === "operational" ? "Operational validation" : "Technical evidence"}
                    </Badge>
                    <Badge>{environmentLabel[e.environmentKind]}</Badge>
                    <Badge tone={e.outcome === "pass" ? "good" : e.outcome === "fail" ? "bad" : "warn"}>
                      <span aria-hidden="true">{e.outcome === "pass" ? "✓" : e.outcome === "fail" ? "✕" : "?"}</span>
                      {e.outcome === "pass" ? "Pass" : e.outcome === "fail" ? "Fail" : "Inconclusive"}
                    </Badge>
                    {e.staleness.stale ? (
                      <Badge tone="warn">
                        <span aria-hidden="true">◔</span>
                        {staleText[e.staleness.reason]}
                      </Badge>
                    ) : null}
                  </div>
                  <p className="mt-1 whitespace-pre-wrap">{e.whatWasTested}</p>
                  <p className="text-xs text-slate-600">
                    {e.apiTokenName ? `API token “${e.apiTokenName}” (made by ${e.recordedByName})` : e.recordedByName} · observed{" "}
                    <time dateTime={e.observedAt.toISOString()}>{formatUtc(e.observedAt)}</time>
                    {e.linkUrl ? (
                      <>
                        {" · "}
                        <a href={e.linkUrl} rel="noopener noreferrer" target="_blank" className="text-sky-800 underline">
                          link
                        </a>
                      </>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {item.canRecordEvidence ? (
            <div className="mt-6 border-t border-slate-200 pt-4">
              <h3 className="text-base font-semibold">Record evidence</h3>
              <div className="mt-3">
                <EvidenceForm
                  implementationId={item.implementationId}
                  itemId={item.id}
                  environments={item.environments}
                  now={now}
                  approvals={signOffPanel.currentApprovals}
                />
              </div>
            </div>
          ) : null}
        </section>
      </div>

      <SignOffPanel panel={signOffPanel} today={now.slice(0, 10)} path={`/implementations/${item.implementationId}/items/${item.id}`} />
      <Comments thread={thread} itemId={item.id} />
      <ItemActivity implementationId={item.implementationId} itemId={item.id} />
    </>
  );
}
