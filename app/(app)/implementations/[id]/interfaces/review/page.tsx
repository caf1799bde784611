import type { Metadata } from "next";
import Link from "next/link";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { RowDetails } from "@/components/ui/row-details";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { getInterfaceInventory } from "@/lib/dal/interfaces";
import { workflowLabel } from "@/lib/format/labels";
import { orNotFound } from "@/lib/server/not-found";
import { ReviewPayloadForm, RuleForm } from "../_components/review-forms";

export const metadata: Metadata = { title: "Sample payload review" };

type Props = { params: Promise<{ id: string }> };

export default async function PayloadReviewPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [impl, inv] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getInterfaceInventory(viewer, id))]);
  const active = inv.interfaces.filter((i) => i.status !== "retired");

  return (
    <>
      <ImplementationHeader implementation={impl} current="interfaces" />
      <nav aria-label="Interfaces" className="mt-4 text-sm">
        <Link href={`/implementations/${inv.implementationId}/interfaces`} className="text-sky-800 underline">
          ← Interface inventory
        </Link>
      </nav>

      <section aria-labelledby="review-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="review-heading" className="text-lg font-semibold">Sample payload review</h2>
        <p className="text-sm text-slate-600">
          Most integrations break in mapping, not transport. Paste a sample the interface really sends: each finding names the field and the line. The review
          is recorded as technical evidence on the checklist item “Sample payload review” for the environment you choose, and goes stale like other evidence.
        </p>
        {!inv.canReview ? (
          <p className="mt-2 text-sm text-slate-600">Your role reads reviews; engineers, managers and customer IT record them.</p>
        ) : active.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Add an interface to the inventory first: a review belongs to one interface.</p>
        ) : (
          <ReviewPayloadForm implementationId={inv.implementationId} interfaces={active.map((i) => ({ id: i.id, name: i.name }))} environments={inv.environments} />
        )}
      </section>

      <section aria-labelledby="rules-heading" className="mt-6">
        <h2 id="rules-heading" className="text-lg font-semibold">Field rules</h2>
        <p className="text-sm text-slate-600">
          The fields each message type or resource must carry, valued. HL7 v2: a segment (<code>SCH</code>), a field (<code>PID-3</code>) or alternatives (
          <code>AIS|AIG|AIL|AIP</code>). FHIR: element paths (<code>status</code>, <code>participant.actor</code>). Every HL7 message also needs MSH-9, MSH-10 and
          MSH-12.
        </p>
        <ScrollTable caption="Required fields by message type or resource" columns={["Message type / resource", "Workflow", "Must be present and valued"]} className="mt-2">
          {inv.rules.map((r) => (
            <tr key={r.target} aria-label={r.target} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-mono font-semibold">{r.target}</th>
              <td className="px-3 py-2">{r.workflows.map((w) => workflowLabel[w]).join(", ") || "—"}</td>
              <td className="px-3 py-2">
                <span className="font-mono">{r.fields.join(", ") || "—"}</span>
                {r.custom ? <span className="ml-2 text-xs text-slate-600">(this implementation&apos;s own)</span> : null}
                {inv.canManageRules ? (
                  <RowDetails summary={`Edit rules for ${r.target}`}>
                    <RuleForm implementationId={inv.implementationId} target={r.target} fields={r.fields} />
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
