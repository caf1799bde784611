import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { getRegisterSummary } from "@/lib/dal/registers";
import type { Viewer } from "@/lib/domain/viewer";
import { permissionResultLabel, workflowLabel } from "@/lib/format/labels";

// The register behind a checklist item, summarised on the item's page: the permission matrix
// on "API permission checks", test-patient coverage on "Representative test patients".
// Other items render nothing.
export async function RegisterItemSummary({ viewer, implementationId, itemKey }: { viewer: Viewer; implementationId: string; itemKey: string | null }) {
  if (itemKey !== "api-permission-checks" && itemKey !== "representative-test-patients") return null;
  const { permissions: p, testPatients: t } = await getRegisterSummary(viewer, implementationId);
  const box = "mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

  if (itemKey === "api-permission-checks") {
    return (
      <section aria-labelledby="register-summary-heading" className={box}>
        <h2 id="register-summary-heading" className="text-lg font-semibold">Permission matrix</h2>
        <p className="mt-1 text-sm">
          <strong>
            {p.productionGranted} of {p.requiredRows} required permissions granted in production
          </strong>
          {p.productionGrantedStale > 0 ? ` (${p.productionGrantedStale} more granted, but stale)` : ""} · {p.rows} rows in all
          {p.stale > 0 ? ` · ${p.stale} stale results` : ""}
        </p>
        {p.drift.length > 0 ? (
          <div className="mt-3 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
            <p className="font-semibold">
              <span aria-hidden="true">⚠ </span>Works in sandbox, unproven in production: {p.drift.length}
            </p>
            <ul className="mt-1 list-inside list-disc">
              {p.drift.map((d) => (
                <li key={d.requirementId}>
                  <code>{d.permission}</code> — production {permissionResultLabel[d.production].toLowerCase()}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Link href={`/implementations/${implementationId}/permissions`} className="mt-3 inline-block text-sm font-medium text-sky-800 underline">
          Open the permission matrix
        </Link>
      </section>
    );
  }

  return (
    <section aria-labelledby="register-summary-heading" className={box}>
      <h2 id="register-summary-heading" className="text-lg font-semibold">Test patient coverage</h2>
      <p className="mt-1 text-sm">
        Production scenarios: {t.productionPassed} passed, {t.productionFailed} failed, {t.productionNotRun} not run.
      </p>
      <ul className="mt-3 space-y-1 text-sm" aria-label="Coverage by workflow surface">
        {t.surfaces.map((s) => (
          <li key={s.surface} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{workflowLabel[s.surface]}</span>
            {s.covered ? (
              <Badge tone="good">
                <span aria-hidden="true">✓</span>
                {s.productionPassed} passed in production
              </Badge>
            ) : s.inScope ? (
              <Badge tone="bad">
                <span aria-hidden="true">✕</span>
                No production pass
              </Badge>
            ) : (
              <Badge>Not in scope</Badge>
            )}
          </li>
        ))}
      </ul>
      <Link href={`/implementations/${implementationId}/test-patients`} className="mt-3 inline-block text-sm font-medium text-sky-800 underline">
        Open the test patients
      </Link>
    </section>
  );
}
