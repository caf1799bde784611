import type { Metadata } from "next";
import Link from "next/link";
import { Badge, ItemStatusBadge } from "@/components/ui/badge";
import { itemCategories } from "@/lib/vocabulary";
import { requireViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/dal/policy";
import { getImplementation } from "@/lib/dal/implementations";
import { daysUntil, describeGoLive } from "@/lib/dates";
import {
  categoryLabel,
  ehrVendorLabel,
  environmentLabel,
  implementationStatusLabel,
  interfaceLabel,
  phaseLabel,
  roleLabel,
  severityLabel,
  workflowLabel,
} from "@/lib/labels";
import { orNotFound } from "@/lib/not-found";
import { ConfigurationChangeForm } from "./_components/configuration-change-form";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Implementation" };

export default async function ImplementationPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const impl = await orNotFound(getImplementation(viewer, id));
  const goLive = impl.goLiveDate ? describeGoLive(daysUntil(impl.goLiveDate), impl.status) : null;
  const groups = itemCategories
    .map((category) => ({ category, items: impl.items.filter((i) => i.category === category) }))
    .filter((g) => g.items.length > 0);

  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Portfolio
        </Link>{" "}
        / <span>{impl.customerName}</span>
      </nav>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{impl.name}</h1>
          <p className="text-slate-700">
            {impl.customerName} · {ehrVendorLabel[impl.ehrVendor]}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {can(viewer, "implementation.update") ? (
            <Link href={`/implementations/${impl.id}/edit`} className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-50">
              Edit
            </Link>
          ) : null}
          <Badge>{phaseLabel[impl.phase]}</Badge>
          <Badge tone={impl.status === "active" ? "info" : "neutral"}>{implementationStatusLabel[impl.status]}</Badge>
        </div>
      </header>

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
                  {c.changedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
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
              now={new Date().toISOString().slice(0, 16)}
            />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="checklist-heading" className="mt-8">
        <h2 id="checklist-heading" className="text-lg font-semibold">
          Readiness checklist
        </h2>
        <p className="text-sm text-slate-600">{impl.items.length} items, grouped by category.</p>
        <div className="mt-4 space-y-6">
          {groups.map((group) => (
            <section key={group.category} aria-labelledby={`cat-${group.category}`}>
              <h3 id={`cat-${group.category}`} className="text-sm font-semibold uppercase tracking-wide text-slate-600">
                {categoryLabel[group.category]}
              </h3>
              <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
                {group.items.map((item) => (
                  <li key={item.id} className="flex flex-col gap-2 p-4 md:flex-row md:items-start md:justify-between">
                    <div className="min-w-0">
                      <p className="font-medium">
                        <Link href={`/implementations/${impl.id}/items/${item.id}`} className="text-sky-800 hover:underline">
                          {item.title}
                        </Link>
                        {item.required ? null : <span className="ml-2 text-xs text-slate-500">(optional)</span>}
                      </p>
                      {item.nextStep ? <p className="text-sm text-slate-700">Next: {item.nextStep}</p> : null}
                      <p className="text-sm text-slate-600">Expected: {item.expectedOutcome || "—"}</p>
                      {item.status === "blocked" && item.blockerReason ? (
                        <p className="mt-1 text-sm text-rose-900">
                          <span className="font-semibold">
                            {item.blockerSeverity ? severityLabel[item.blockerSeverity] : "Blocked"}
                          </span>{" "}
                          since {item.blockedSince}: {item.blockerReason}
                        </p>
                      ) : null}
                      <p className="mt-1 text-xs text-slate-500">
                        Sign-off by {item.requiredSignOffRoles.map((r) => roleLabel[r]).join(" and ") || "no one"}
                        {item.needsOperationalValidation ? " · needs operational validation" : ""}
                      </p>
                    </div>
                    <div className="flex shrink-0 flex-col items-start gap-1 text-sm md:items-end">
                      <ItemStatusBadge status={item.status} />
                      <span className="text-slate-700">{item.ownerName ?? "No owner"}</span>
                      {item.dueDate ? <span className="text-slate-600">Due {item.dueDate}</span> : null}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>
    </>
  );
}
