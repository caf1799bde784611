import type { Metadata } from "next";
import Link from "next/link";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { Badge } from "@/components/ui/badge";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { getPayloadReview } from "@/lib/dal/interfaces";
import { formatUtc } from "@/lib/format/dates";
import { environmentLabel } from "@/lib/format/labels";
import type { FindingSeverity } from "@/lib/payloads/types";
import { orNotFound } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Payload review" };

type Props = { params: Promise<{ id: string; reviewId: string }> };

const severity: Record<FindingSeverity, { tone: "bad" | "warn" | "info"; symbol: string; label: string }> = {
  error: { tone: "bad", symbol: "✕", label: "Error" },
  warning: { tone: "warn", symbol: "!", label: "Warning" },
  info: { tone: "info", symbol: "i", label: "Note" },
};
const formatLabel = { hl7v2: "HL7 v2", fhir: "FHIR R4 (JSON)", unknown: "Unrecognised" } as const;

export default async function PayloadReviewDetailPage({ params }: Props) {
  const { id, reviewId } = await params;
  const viewer = await requireViewer();
  const [impl, review] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getPayloadReview(viewer, id, reviewId))]);
  const order: FindingSeverity[] = ["error", "warning", "info"];
  const findings = [...review.findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));

  return (
    <>
      <ImplementationHeader implementation={impl} current="interfaces" />
      <nav aria-label="Interfaces" className="mt-4 text-sm">
        <Link href={`/implementations/${id}/interfaces`} className="text-sky-800 underline">
          ← Interface inventory
        </Link>
      </nav>
      <section aria-labelledby="summary-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 id="summary-heading" className="text-lg font-semibold">
          {review.interfaceName}: {review.messageType ?? "unreadable payload"}
        </h2>
        <div className="mt-2 flex flex-wrap gap-2">
          <Badge tone={review.errors > 0 ? "bad" : "good"}>
            <span aria-hidden="true">{review.errors > 0 ? "✕" : "✓"}</span>
            {review.errors} {review.errors === 1 ? "error" : "errors"}
          </Badge>
          <Badge tone={review.warnings > 0 ? "warn" : "neutral"}>
            {review.warnings} {review.warnings === 1 ? "warning" : "warnings"}
          </Badge>
          <Badge>{environmentLabel[review.environmentKind]}</Badge>
          <Badge>{formatLabel[review.format]}</Badge>
          {review.staleness.stale ? <Badge tone="warn">Stale evidence</Badge> : null}
        </div>
        <dl className="mt-3 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Reviewed</dt>
          <dd>
            {review.reviewedByName}, <time dateTime={review.reviewedAt.toISOString()}>{formatUtc(review.reviewedAt)}</time>
          </dd>
          <dt className="text-slate-600">Size</dt>
          <dd>
            {review.byteLength.toLocaleString("en-US")} bytes · {review.units} {review.format === "fhir" ? (review.units === 1 ? "resource" : "resources") : review.units === 1 ? "message" : "messages"}
          </dd>
          <dt className="text-slate-600">Review SHA-256</dt>
          <dd className="break-all font-mono text-xs">{review.sha256}</dd>
          <dt className="text-slate-600">Evidence</dt>
          <dd>{review.evidenceId ? "Recorded as technical evidence on “Sample payload review”." : "This implementation's checklist has no “Sample payload review” item."}</dd>
          {review.note ? (
            <>
              <dt className="text-slate-600">Note</dt>
              <dd className="whitespace-pre-wrap">{review.note}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-3 text-xs text-slate-600">The raw payload was not stored. Values that identify a person are shown as “masked”.</p>
      </section>

      <section aria-labelledby="findings-heading" className="mt-6">
        <h2 id="findings-heading" className="text-lg font-semibold">Findings</h2>
        {findings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No findings: every required field is present and valued.</p>
        ) : (
          <ScrollTable caption="Findings by severity, with the path and the line" columns={["Severity", "Path", "Line", "Finding"]} className="mt-2">
            {findings.map((f, i) => (
              <tr key={i} className="align-top">
                <td className="px-3 py-2">
                  <Badge tone={severity[f.severity].tone}>
                    <span aria-hidden="true">{severity[f.severity].symbol}</span>
                    {severity[f.severity].label}
                  </Badge>
                </td>
                <td className="px-3 py-2 font-mono">{f.path}</td>
                <td className="px-3 py-2">{f.line ?? "—"}</td>
                <td className="px-3 py-2">{f.message}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="structure-heading" className="mt-6">
        <h2 id="structure-heading" className="text-lg font-semibold">Structure (identifying values masked)</h2>
        {review.structure.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing could be read.</p>
        ) : (
          <ol className="mt-2 space-y-2 text-xs">
            {review.structure.map((node, i) => (
              <li key={i} className="rounded-md border border-slate-200 bg-white p-2">
                <p className="font-mono font-semibold">
                  {node.name}
                  {node.line ? <span className="font-normal text-slate-600"> · line {node.line}</span> : null}
                </p>
                <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 font-mono">
                  {node.fields.filter((f) => f.valued).slice(0, 200).map((f) => (
                    <li key={f.path}>
                      {f.path}: {f.masked ? <em className="not-italic text-slate-500">masked</em> : f.value}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
