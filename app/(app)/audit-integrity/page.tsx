import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { verifyAuditTrailFor } from "@/lib/dal/audit-chain";
import { can } from "@/lib/dal/policy";

export const metadata: Metadata = { title: "Audit trail integrity" };

// Admins check the audit trail's hash chains here (the same check as `npm run audit:verify`):
// each organization's chain is recomputed and the first changed, missing or slipped-in event named.
export default async function AuditIntegrityPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "audit.verify")) notFound();
  const result = await verifyAuditTrailFor(viewer);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Audit trail integrity</h1>
      <p className="text-sm text-slate-600">
        Every audit event carries a hash of its content and of the event before it in its organization&apos;s chain. Checked
        just now ({result.checkedAt.replace("T", " ").slice(0, 19)} UTC): {result.ok ? "every chain is whole." : "a chain is broken."}
      </p>
      <p role="status" className={`mt-4 rounded-md border px-4 py-3 text-sm font-medium ${result.ok ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"}`}>
        {result.ok
          ? `The audit trail is whole: ${result.chains.length} chain${result.chains.length === 1 ? "" : "s"} checked.`
          : "The audit trail was tampered with. The first broken place in each chain is named below."}
      </p>
      <ScrollTable caption="Audit chains by organization" columns={["Organization", "Events", "Chain", "What was found"]} headerCellClass="px-4 py-3" className="mt-6">
        {result.chains.map((chain) => (
          <tr key={chain.chainKey}>
            <td className="px-4 py-3">{chain.organizationName ?? (chain.chainKey === "system" ? "System events" : chain.chainKey)}</td>
            <td className="px-4 py-3">{chain.events}</td>
            <td className="px-4 py-3">{chain.problem ? <Badge tone="bad">Broken</Badge> : <Badge tone="good">Whole</Badge>}</td>
            <td className="px-4 py-3">{chain.problem?.message ?? "Every event matches its hash and follows the one before it."}</td>
          </tr>
        ))}
      </ScrollTable>
    </>
  );
}
