import type { Metadata } from "next";
import Link from "next/link";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { Badge } from "@/components/ui/badge";
import { RowDetails } from "@/components/ui/row-details";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { getInterfaceInventory } from "@/lib/dal/interfaces";
import type { Workflow } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { environmentLabel, interfaceLabel, workflowLabel } from "@/lib/format/labels";
import { dataDomainLabel, interfaceDirectionLabel, interfaceStatusLabel } from "@/lib/interfaces/vocabulary";
import { orNotFound } from "@/lib/server/not-found";
import { ImportInterfacesForm } from "./_components/import-form";
import { ConfirmInventoryForm, InterfaceForm, SourceOfTruthForm } from "./_components/interface-forms";

export const metadata: Metadata = { title: "Interfaces" };

type Props = { params: Promise<{ id: string }> };


export default async function InterfacesPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [impl, inv] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getInterfaceInventory(viewer, id))]);
  const unagreed = inv.sourceOfTruth.filter((d) => !d.agreed && (d.neededBy.length > 0 || d.carriedBy.length > 0));

  return (
    <>
      <ImplementationHeader implementation={impl} current="interfaces" />

      <section aria-labelledby="inventory-heading" className="mt-6">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="inventory-heading" className="text-lg font-semibold">Interface inventory</h2>
          {inv.interfaces.length > 0 && inv.canReview ? (
            <Link href={`/implementations/${inv.implementationId}/interfaces/review`} className="text-sm font-semibold text-sky-800 underline">
              Review a sample payload
            </Link>
          ) : null}
        </div>
        <p className="text-sm text-slate-600">What is being integrated: each feed, API or file exchange, which way it flows, what it carries and who owns it.</p>
        {inv.interfaces.length === 0 ? (
          <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No interfaces yet. {inv.canManage ? "Add the first one below." : "The vendor's team adds them."}
          </p>
        ) : (
          <ul className="mt-2 space-y-3">
            {inv.interfaces.map((i) => {
              const reviews = inv.reviews.filter((r) => r.interfaceId === i.id);
              return (
                <li key={i.id} aria-label={i.name} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <h3 className="font-semibold">
                      <Link href={`/implementations/${inv.implementationId}/interfaces/${i.id}`} className="text-sky-800 underline">
                        {i.name}
                      </Link>
                    </h3>
                    <Badge>{interfaceLabel[i.kind]}</Badge>
                    <Badge tone="info">{interfaceDirectionLabel[i.direction]}</Badge>
                    <Badge tone={i.status === "live" ? "good" : i.status === "retired" ? "neutral" : "warn"}>{interfaceStatusLabel[i.status]}</Badge>
                  </div>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                    <dt className="text-slate-600">From → to</dt>
                    <dd>{i.sourceSystem || "—"} → {i.targetSystem || "—"}</dd>
                    <dt className="text-slate-600">Workflows</dt>
                    <dd>{i.workflows.length ? i.workflows.map((w) => workflowLabel[w as Workflow]).join(", ") : "—"}</dd>
                    <dt className="text-slate-600">Messages / resources</dt>
                    <dd className="font-mono">{i.messageTypes.length ? i.messageTypes.join(", ") : "—"}</dd>
                    <dt className="text-slate-600">Endpoints</dt>
                    <dd>
                      {inv.environments.map((e) => (
                        <span key={e.id} className="mr-3 inline-block">
                          {environmentLabel[e.kind]}: <span className="font-mono">{i.endpoints[e.kind] || "not described"}</span>
                        </span>
                      ))}
                    </dd>
                    <dt className="text-slate-600">Owners</dt>
                    <dd>Vendor: {i.vendorOwner || "—"} · Customer: {i.customerOwner || "—"}</dd>
                    <dt className="text-slate-600">Payload reviews</dt>
                    <dd>
                      {reviews.length === 0 ? (
                        "None yet"
                      ) : (
                        <ul>
                          {reviews.slice(0, 5).map((r) => (
                            <li key={r.id}>
                              <Link href={`/implementations/${inv.implementationId}/interfaces/reviews/${r.id}`} className="text-sky-800 underline">
                                {environmentLabel[r.environmentKind]} · {r.messageType ?? "unreadable"} · {r.errors} {r.errors === 1 ? "error" : "errors"}, {r.warnings}{" "}
                                {r.warnings === 1 ? "warning" : "warnings"}
                              </Link>{" "}
                              <span className="text-slate-600">
                                by {r.reviewedByName}, <time dateTime={r.reviewedAt.toISOString()}>{formatUtc(r.reviewedAt)}</time>
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </dl>
                  {i.note ? <p className="mt-2 whitespace-pre-wrap">{i.note}</p> : null}
                  <p className="mt-2 text-xs text-slate-600">
                    Version {i.version}
                    {i.updatedByName ? ` · last changed by ${i.updatedByName}, ${formatUtc(i.updatedAt)}` : ""}
                  </p>
                  {inv.canManage ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sky-800">Edit</summary>
                      <InterfaceForm key={i.version} implementationId={inv.implementationId} initial={i} />
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {inv.canManage ? (
          <details className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" open={inv.interfaces.length === 0}>
            <summary className="cursor-pointer font-semibold">Add an interface</summary>
            <InterfaceForm implementationId={inv.implementationId} />
          </details>
        ) : null}
        {inv.canManage ? (
          <details className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <summary className="cursor-pointer font-semibold">Import from a spreadsheet (CSV)</summary>
            <ImportInterfacesForm implementationId={inv.implementationId} existingNames={inv.interfaces.map((i) => i.name)} />
          </details>
        ) : null}
        {inv.interfaces.length > 0 ? (
          <p className="mt-3 text-sm">
            <a href={`/api/implementations/${inv.implementationId}/interfaces-csv`} className="font-semibold text-sky-800 underline">
              Download the inventory (CSV)
            </a>
          </p>
        ) : null}
      </section>

      {inv.interfaces.length > 0 ? (
        <section aria-labelledby="confirm-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <h2 id="confirm-heading" className="text-lg font-semibold">Customer confirmation</h2>
          {inv.confirmations.length === 0 ? (
            <p className="text-slate-600">Not confirmed yet: customer IT confirms that this is their organization&apos;s complete list.</p>
          ) : (
            <ul>
              {inv.confirmations.slice(0, 3).map((c, i) => (
                <li key={i}>
                  {c.current ? (
                    <Badge tone="good"><span aria-hidden="true">✓</span> Current</Badge>
                  ) : (
                    <Badge tone="warn"><span aria-hidden="true">◆</span> Superseded: the inventory changed since</Badge>
                  )}{" "}
                  Confirmed by {c.confirmedByName}, <time dateTime={c.confirmedAt.toISOString()}>{formatUtc(c.confirmedAt)}</time> ({c.interfaceCount}{" "}
                  {c.interfaceCount === 1 ? "interface" : "interfaces"})
                </li>
              ))}
            </ul>
          )}
          {inv.canConfirm && !inv.confirmations[0]?.current ? (
            <ConfirmInventoryForm implementationId={inv.implementationId} digest={inv.digest} count={inv.interfaces.length} />
          ) : null}
        </section>
      ) : null}

      <section id="source-of-truth" aria-labelledby="truth-heading" className="mt-8">
        <h2 id="truth-heading" className="text-lg font-semibold">Source of truth</h2>
        <p className="text-sm text-slate-600">
          For each data domain: the system whose record wins, who resolves a conflict, and how a correction reaches the other systems. A domain a workflow in
          scope relies on that is not agreed yet blocks go-live.
        </p>
        {unagreed.length > 0 ? (
          <p role="note" aria-label="Source of truth not agreed" className="mt-3 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
            <span aria-hidden="true">⚠ </span>
            <strong>Not agreed yet: {unagreed.map((d) => dataDomainLabel[d.domain]).join(", ")}.</strong>
          </p>
        ) : null}
        <ScrollTable caption="Source of truth by data domain" columns={["Domain", "Status", "Authoritative system", "Conflicts resolved by", "Corrections propagate"]} className="mt-2">
          {inv.sourceOfTruth.map((d) => (
            <tr key={d.domain} aria-label={dataDomainLabel[d.domain]} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {dataDomainLabel[d.domain]}
                {d.neededBy.length > 0 ? <p className="text-xs font-normal text-slate-600">Needed by {d.neededBy.map((w) => workflowLabel[w as Workflow]).join(", ")}</p> : null}
                {d.carriedBy.length > 0 ? <p className="text-xs font-normal text-slate-600">Carried by {d.carriedBy.join(", ")}</p> : null}
              </th>
              <td className="px-3 py-2">
                {d.agreed ? (
                  <Badge tone="good"><span aria-hidden="true">✓</span> Agreed</Badge>
                ) : (
                  <Badge tone={d.neededBy.length > 0 ? "bad" : "warn"}><span aria-hidden="true">○</span> Not agreed yet</Badge>
                )}
              </td>
              <td className="px-3 py-2">{d.authoritativeSystem || "—"}</td>
              <td className="px-3 py-2">{d.conflictResolver || "—"}</td>
              <td className="px-3 py-2">
                {d.propagation || "—"}
                {inv.canRecordTruth ? (
                  <RowDetails summary={`Record ${dataDomainLabel[d.domain].toLowerCase()}`}>
                    <SourceOfTruthForm key={d.version} implementationId={inv.implementationId} {...d} />
                  </RowDetails>
                ) : null}
              </td>
            </tr>
          ))}
        </ScrollTable>
      </section>
    </>
  );
}
