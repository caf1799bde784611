import type { Metadata } from "next";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { DriftBadge } from "@/components/registers/result-badges";
import { Badge } from "@/components/ui/badge";
import { RowDetails } from "@/components/ui/row-details";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { getPermissionMatrix } from "@/lib/dal/permissions";
import type { PermissionResult } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { environmentLabel, permissionInterfaceLabel, permissionResultLabel, workflowLabel } from "@/lib/format/labels";
import { orNotFound } from "@/lib/server/not-found";
import { AddRowForm, CatalogForm, InterfaceRowsForm } from "./_components/add-row-forms";
import { CellForm, ColumnForm, RemoveRowForm, RowEditForm } from "./_components/matrix-forms";

export const metadata: Metadata = { title: "API permissions" };

type Props = { params: Promise<{ id: string }> };

// The matrix's tiles: colour and symbol and the word, so no result is told by colour alone.
const tileClass: Record<PermissionResult, string> = {
  granted: "bg-emerald-100 text-emerald-950 ring-emerald-400",
  denied: "bg-rose-100 text-rose-950 ring-rose-400",
  error: "bg-amber-100 text-amber-950 ring-amber-400",
  unverified: "bg-slate-50 text-slate-700 ring-slate-300",
};
const tileSymbol: Record<PermissionResult, string> = { granted: "✓", denied: "✕", error: "!", unverified: "○" };


export default async function PermissionsPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [impl, matrix] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getPermissionMatrix(viewer, id))]);
  const s = matrix.summary;

  return (
    <>
      <ImplementationHeader implementation={impl} current="permissions" />

      <section aria-labelledby="matrix-summary-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 id="matrix-summary-heading" className="text-lg font-semibold">API permission checks</h2>
        <p className="text-slate-600">
          Each permission the integration needs, checked in each environment. A grant in sandbox says nothing yet about production; results older than{" "}
          {matrix.freshnessWindowDays} days, or than a later configuration change, are stale.
        </p>
        <p className="mt-2">
          <strong>
            {s.productionGranted} of {s.requiredRows} required permissions granted in production
          </strong>
          {s.productionGrantedStale > 0 ? ` (${s.productionGrantedStale} more granted, but stale)` : ""}
          {s.stale > 0 ? ` · ${s.stale} stale results` : ""}
        </p>
        {s.drift.length > 0 ? (
          <div role="note" aria-label="Permission drift" className="mt-3 rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-950">
            <p className="font-semibold">
              <span aria-hidden="true">⚠ </span>
              {s.drift.length} {s.drift.length === 1 ? "permission works" : "permissions work"} in sandbox or test, unproven in production
            </p>
            <ul className="mt-1 list-inside list-disc">
              {s.drift.map((d) => (
                <li key={d.requirementId}>
                  <code>{d.permission}</code>: granted in {d.grantedIn.map((k) => environmentLabel[k].toLowerCase()).join(" and ")}, production{" "}
                  {permissionResultLabel[d.production].toLowerCase()}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="matrix-heading" className="mt-6">
        <h2 id="matrix-heading" className="text-lg font-semibold">Permission matrix</h2>
        {matrix.rows.length === 0 ? (
          <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
            No permissions yet. {matrix.canManage ? "Add the usual rows for a workflow from the catalog below." : "An engineer or implementation manager adds them."}
          </p>
        ) : (
          <>
          <ul aria-label="Key" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
            {(["granted", "denied", "error", "unverified"] as const).map((r) => (
              <li key={r} className="flex items-center gap-1">
                <span aria-hidden="true" className={`rounded px-1 ring-1 ring-inset ${tileClass[r]}`}>{tileSymbol[r]}</span>
                {permissionResultLabel[r]}
              </li>
            ))}
            <li className="flex items-center gap-1">
              <span aria-hidden="true">◔</span>
              Stale: older than {matrix.freshnessWindowDays} days or than a configuration change
            </li>
            {matrix.canRecord ? <li>Select a result to change it.</li> : null}
          </ul>
          <ScrollTable
            caption="Permissions by environment: result, who checked it and when"
            columns={[
              "Permission",
              ...matrix.environments.map((env) => (
                <th key={env.id} scope="col" className="px-3 py-2 align-top">
                  {environmentLabel[env.kind]}
                  {matrix.canRecord ? (
                    <RowDetails summary="Set column…" summaryClassName="normal-case tracking-normal">
                      <ColumnForm
                        implementationId={matrix.implementationId}
                        environmentId={env.id}
                        environmentLabel={environmentLabel[env.kind]}
                        cells={matrix.rows.map((r) => `${r.id}:${r.cells.find((c) => c.environmentId === env.id)?.version ?? 0}`)}
                      />
                    </RowDetails>
                  ) : null}
                </th>
              )),
            ]}
            className="mt-2"
          >
            {matrix.rows.map((row) => (
              <tr key={row.id} className="align-top" aria-label={row.permission}>
                <th scope="row" className="px-3 py-2 text-left font-normal">
                  <code className="font-semibold">{row.permission}</code>
                  <div className="mt-1 flex flex-wrap gap-1">
                    <Badge>{permissionInterfaceLabel[row.interface]}</Badge>
                    <Badge tone={row.required ? "info" : "neutral"}>{row.required ? "Required" : "Optional"}</Badge>
                    {row.smartV1 ? <Badge tone="warn">SMART v1 scope</Badge> : null}
                    {row.drift ? <DriftBadge wrap /> : null}
                  </div>
                  {row.interfaceName ? <p className="mt-1 text-xs">Interface: {row.interfaceName}</p> : null}
                  <p className="mt-1 text-xs text-slate-600">{row.description}</p>
                  {row.note ? <p className="mt-1 text-xs whitespace-pre-wrap">{row.note}</p> : null}
                  {matrix.canManage ? (
                    <RowDetails summary="Edit or remove">
                      <RowEditForm key={row.version} requirementId={row.id} permission={row.permission} version={row.version} required={row.required} note={row.note} interfaceId={row.interfaceId} interfaces={matrix.interfaces} />
                      <RemoveRowForm requirementId={row.id} permission={row.permission} version={row.version} />
                    </RowDetails>
                  ) : null}
                </th>
                {row.cells.map((cell) => (
                  <td key={cell.environmentId} className="px-2 py-2" data-environment={cell.environmentKind}>
                    {/* The tile reads at a glance (colour, symbol and word); a click opens the
                        recording form in place. Keyed by version: a saved result closes it. */}
                    <details key={cell.version} className="group">
                      <summary
                        className={`flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1.5 text-xs font-semibold ring-1 ring-inset [&::-webkit-details-marker]:hidden ${tileClass[cell.result]}`}
                      >
                        <span className="sr-only">{row.permission} in {environmentLabel[cell.environmentKind]}: </span>
                        <span aria-hidden="true" className="text-sm">{tileSymbol[cell.result]}</span>
                        <span>{permissionResultLabel[cell.result]}</span>
                        {cell.stale ? (
                          <span className="font-normal" title="Stale">
                            <span aria-hidden="true">◔</span>
                            <span className="sr-only sm:not-sr-only"> stale</span>
                          </span>
                        ) : null}
                        <span className="sr-only">{matrix.canRecord ? " (change)" : " (details)"}</span>
                      </summary>
                      <div className="mt-1 min-w-40">
                        {cell.checkedAt ? (
                          <p className="text-xs text-slate-600">
                            {cell.checkedByName ?? "Someone"} · <time dateTime={cell.checkedAt.toISOString()}>{formatUtc(cell.checkedAt)}</time>
                          </p>
                        ) : (
                          <p className="text-xs text-slate-600">Not checked yet.</p>
                        )}
                        {cell.note ? <p className="mt-1 text-xs whitespace-pre-wrap">{cell.note}</p> : null}
                        {matrix.canRecord ? (
                          <CellForm
                            requirementId={row.id}
                            permission={row.permission}
                            environmentId={cell.environmentId}
                            environmentLabel={environmentLabel[cell.environmentKind]}
                            version={cell.version}
                            current={cell.result}
                          />
                        ) : null}
                      </div>
                    </details>
                    {cell.note ? <p className="mt-1 hidden text-xs whitespace-pre-wrap text-slate-700 group-open:hidden sm:block">{cell.note}</p> : null}
                  </td>
                ))}
              </tr>
            ))}
          </ScrollTable>
          </>
        )}
      </section>

      {matrix.canManage ? (
        <section aria-labelledby="catalog-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="catalog-heading" className="text-lg font-semibold">Add rows</h2>
          {matrix.interfaceProposals.map((p) => (
            <details key={p.interfaceId} open className="mt-2 rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold">
                Interface {p.name}: {p.rows.length} proposed {p.rows.length === 1 ? "row" : "rows"}
              </summary>
              <InterfaceRowsForm implementationId={matrix.implementationId} interfaceId={p.interfaceId} name={p.name} rows={p.rows} />
            </details>
          ))}
          {matrix.catalog.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">The matrix already has every row the catalog proposes.</p>
          ) : (
            <div className="mt-2 space-y-2">
              {matrix.catalog.filter((g) => g.inScope).map((g) => (
                <details key={g.workflow} open className="rounded-md border border-slate-200 p-3">
                  <summary className="cursor-pointer text-sm font-semibold">
                    {workflowLabel[g.workflow]} (in scope): {g.rows.length} proposed {g.rows.length === 1 ? "row" : "rows"}
                  </summary>
                  <CatalogForm implementationId={matrix.implementationId} workflow={g.workflow} rows={g.rows} />
                </details>
              ))}
              {matrix.catalog.some((g) => !g.inScope) ? (
                <details className="rounded-md border border-slate-200 p-3">
                  <summary className="cursor-pointer text-sm font-semibold">Other workflows</summary>
                  {matrix.catalog.filter((g) => !g.inScope).map((g) => (
                    <details key={g.workflow} className="mt-2 rounded-md border border-slate-200 p-3">
                      <summary className="cursor-pointer text-sm font-semibold">
                        {workflowLabel[g.workflow]}: {g.rows.length} proposed {g.rows.length === 1 ? "row" : "rows"}
                      </summary>
                      <CatalogForm implementationId={matrix.implementationId} workflow={g.workflow} rows={g.rows} />
                    </details>
                  ))}
                </details>
              ) : null}
            </div>
          )}
          <details className="mt-3 rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold">Add a row of your own</summary>
            <AddRowForm implementationId={matrix.implementationId} interfaces={matrix.interfaces} />
          </details>
        </section>
      ) : null}
    </>
  );
}
