import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { Phase, ImplementationStatus, EhrVendor } from "@/lib/domain/vocabulary";
import { ehrVendorLabel, implementationStatusLabel, phaseLabel } from "@/lib/format/labels";
import { ImplementationTabs } from "./implementation-tabs";

type Summary = {
  id: string;
  name: string;
  customerName: string;
  ehrVendor: EhrVendor;
  phase: Phase;
  status: ImplementationStatus;
};

// The top of every section of one implementation: breadcrumb, name, customer, badges, tabs.
export function ImplementationHeader({
  implementation,
  current,
  actions,
  children,
}: {
  implementation: Summary;
  current: string;
  actions?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/" className="hover:underline">
          Portfolio
        </Link>{" "}
        / <span>{implementation.customerName}</span>
      </nav>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{implementation.name}</h1>
          <p className="text-slate-700">
            {implementation.customerName} · {ehrVendorLabel[implementation.ehrVendor]}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {actions}
          <Badge>{phaseLabel[implementation.phase]}</Badge>
          <Badge tone={implementation.status === "active" ? "info" : "neutral"}>
            {implementationStatusLabel[implementation.status]}
          </Badge>
        </div>
      </header>
      {children}
      <ImplementationTabs implementationId={implementation.id} current={current} />
    </>
  );
}
