import Link from "next/link";
import type { Workflow } from "@/lib/domain/vocabulary";
import { workflowLabel } from "@/lib/format/labels";
import type { Drift } from "@/lib/registers/drift";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// The callout near an implementation's header: permission drift and workflow surfaces with no
// production proof, each linking to its register. Renders nothing when both are clean.
// The page hands in what the gate read (one statement for both).
export function RegisterAlerts({
  implementationId,
  permissions,
  testPatients,
}: {
  implementationId: string;
  permissions: { drift: Drift[] };
  testPatients: { uncovered: Workflow[] };
}) {
  const drift = permissions.drift.length;
  const uncovered = testPatients.uncovered;
  if (drift === 0 && uncovered.length === 0) return null;
  return (
    <section aria-label="Register alerts" className="mt-4 space-y-2 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-950">
      {drift > 0 ? (
        <p>
          <span aria-hidden="true">⚠ </span>
          <strong>Permission drift: {plural(drift, "permission")} granted in sandbox or test, unproven in production</strong> (
          {permissions.drift
            .slice(0, 4)
            .map((d) => d.permission)
            .join(", ")}
          {drift > 4 ? "…" : ""}).{" "}
          <Link href={`/implementations/${implementationId}/permissions`} className="font-medium underline">
            Open the permission matrix
          </Link>
        </p>
      ) : null}
      {uncovered.length > 0 ? (
        <p>
          <span aria-hidden="true">⚠ </span>
          <strong>No passing production scenario for {uncovered.map((w) => workflowLabel[w]).join(", ")}.</strong>{" "}
          <Link href={`/implementations/${implementationId}/test-patients`} className="font-medium underline">
            Open the test patients
          </Link>
        </p>
      ) : null}
    </section>
  );
}
