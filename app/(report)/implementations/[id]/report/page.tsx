import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getCutoverPlan, getPhasePlan } from "@/lib/dal/cutover";
import { getGate } from "@/lib/dal/gate";
import { getReadinessReport } from "@/lib/dal/report";
import { orNotFound } from "@/lib/server/not-found";
import {
  GateSection,
  ItemsSection,
  OpenBlockersSection,
  PermissionsSection,
  PlanSection,
  ReportHeader,
  ScenariosSection,
  WaiversSection,
} from "./_components/report-sections";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Readiness report" };

type Props = { params: Promise<{ id: string }> };

// The go/no-go summary of one implementation for a go-live meeting: verdict and reasons, then
// the phase plan and cutover steps, every item with what changed, what was tested, what still needs proof, its evidence by
// environment and who signed which version when. Prints without navigation, items unsplit.
export default async function ReportPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const [report, gate, phases, cutover] = await orNotFound(
    Promise.all([getReadinessReport(viewer, id), getGate(viewer, id), getPhasePlan(viewer, id), getCutoverPlan(viewer, id)]),
  );
  const now = new Date();

  return (
    <article className="text-sm text-slate-900 print:text-[11pt]">
      <div className="flex items-center justify-between gap-4 print:hidden">
        <Link href={`/implementations/${report.id}`} className="text-slate-700 underline">
          ← Back to the implementation
        </Link>
        <div className="flex gap-2">
          <a href={`/api/implementations/${report.id}/items-csv`} className={buttonClass({ variant: "secondary" })}>
            Download items (CSV)
          </a>
          <PrintButton />
        </div>
      </div>
      <ReportHeader report={report} viewerName={viewer.name} generatedAt={now} />
      <GateSection gate={gate} />
      <OpenBlockersSection items={report.items} />
      <WaiversSection items={report.items} />
      <PlanSection phases={phases} cutover={cutover} now={now} />
      <PermissionsSection permissions={report.permissions} />
      <ScenariosSection scenarios={report.scenarios} />
      <ItemsSection items={report.items} />
    </article>
  );
}
