import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { itemStatuses } from "@/lib/vocabulary";
import { requireViewer } from "@/lib/auth/viewer";
import { listPortfolio } from "@/lib/dal/implementations";
import { daysUntil, describeGoLive } from "@/lib/dates";
import { ehrVendorLabel, implementationStatusLabel, itemStatusLabel, phaseLabel } from "@/lib/labels";

export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage() {
  const viewer = await requireViewer();
  const rows = await listPortfolio(viewer);

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Portfolio</h1>
          <p className="text-sm text-slate-600">
            {viewer.organizationKind === "customer"
              ? `Implementations for ${viewer.organizationName}.`
              : "Every implementation across all customers."}
          </p>
        </div>
        <p className="text-sm text-slate-600">
          {rows.length} implementation{rows.length === 1 ? "" : "s"}
        </p>
      </div>

      {rows.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No implementations to show yet.
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Implementations with go-live date, readiness and item counts</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Implementation</th>
                <th scope="col" className="px-4 py-3">EHR</th>
                <th scope="col" className="px-4 py-3">Phase</th>
                <th scope="col" className="px-4 py-3">Go-live</th>
                <th scope="col" className="px-4 py-3">Required signed off</th>
                <th scope="col" className="px-4 py-3">Go-live blockers</th>
                <th scope="col" className="px-4 py-3">Items by status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => {
                const goLive = row.goLiveDate ? describeGoLive(daysUntil(row.goLiveDate), row.status) : null;
                return (
                  <tr key={row.id} className="align-top">
                    <td className="px-4 py-3">
                      <Link href={`/implementations/${row.id}`} className="font-medium text-sky-800 hover:underline">
                        {row.name}
                      </Link>
                      <div className="text-slate-600">{row.customerName}</div>
                      {row.status !== "active" ? (
                        <div className="mt-1">
                          <Badge>{implementationStatusLabel[row.status]}</Badge>
                        </div>
                      ) : null}
                    </td>
                    <td className="px-4 py-3">{ehrVendorLabel[row.ehrVendor]}</td>
                    <td className="px-4 py-3">{phaseLabel[row.phase]}</td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      {row.goLiveDate && goLive ? (
                        <>
                          <time dateTime={row.goLiveDate}>{row.goLiveDate}</time>
                          <div className={goLive.late ? "font-medium text-rose-800" : "text-slate-600"}>{goLive.text}</div>
                        </>
                      ) : (
                        <span className="text-slate-500">Not set</span>
                      )}
                    </td>
                    <td className="px-4 py-3 whitespace-nowrap">
                      {row.items.requiredDone} / {row.items.required}
                    </td>
                    <td className="px-4 py-3">
                      {row.items.goLiveBlockers > 0 ? (
                        <Badge tone="bad">
                          <span aria-hidden="true">✕</span>
                          {row.items.goLiveBlockers} open
                        </Badge>
                      ) : (
                        <span className="text-slate-600">None</span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700">
                        {itemStatuses
                          .filter((s) => row.items.byStatus[s] > 0)
                          .map((s) => (
                            <li key={s}>
                              {itemStatusLabel[s]}: <span className="font-semibold">{row.items.byStatus[s]}</span>
                            </li>
                          ))}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
