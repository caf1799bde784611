import type { Metadata } from "next";
import Link from "next/link";
import { TicketLink } from "@/components/tickets/ticket-link";
import { Badge } from "@/components/ui/badge";
import { ItemStatusBadge } from "@/components/ui/item-status-badge";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getMyWork } from "@/lib/dal/my-work";
import { describeDaysLeft } from "@/lib/format/dates";
import { roleLabel, severityLabel } from "@/lib/format/labels";

export const metadata: Metadata = { title: "My work" };

type WorkItem = Awaited<ReturnType<typeof getMyWork>>["owned"][number];

function Where({ item }: { item: WorkItem }) {
  return (
    <div className="text-slate-600">
      <Link href={`/implementations/${item.implementationId}`} className="hover:underline">
        {item.implementationName}
      </Link>{" "}
      · {item.customerName}
      {item.goLiveDate && item.daysToGoLive !== null ? ` · go-live ${item.goLiveDate} (${describeDaysLeft(item.daysToGoLive)})` : ""}
    </div>
  );
}

function Section({ id, title, empty, items, render }: { id: string; title: string; empty: string; items: WorkItem[]; render: (item: WorkItem) => React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-lg font-semibold">
        {title} <span className="text-slate-600">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-sm" aria-label={title}>
          {items.map((item) => (
            <li key={item.itemId} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
              <div>
                <Link href={`/implementations/${item.implementationId}/items/${item.itemId}`} className="font-medium text-sky-800 hover:underline">
                  {item.itemTitle}
                </Link>
                <Where item={item} />
                {render(item)}
              </div>
              <ItemStatusBadge status={item.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default async function MyWorkPage() {
  const viewer = await requireViewer();
  const work = await getMyWork(viewer);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">My work</h1>
      <p className="text-sm text-slate-600">What is waiting on you, {viewer.name}.</p>

      <Section
        id="my-blockers"
        title="Blockers you own"
        empty="None of your items is blocked."
        items={work.blockers}
        render={(item) => (
          <p className="mt-1">
            {item.blockerSeverity ? (
              <Badge tone={item.blockerSeverity === "go_live" ? "bad" : "warn"}>{severityLabel[item.blockerSeverity]}</Badge>
            ) : null}{" "}
            {item.blockerReason} <span className="text-slate-600">· blocked {item.daysBlocked ?? 0} day{item.daysBlocked === 1 ? "" : "s"}</span>
            {item.blockerTicketUrl ? (
              <>
                {" "}
                · <TicketLink url={item.blockerTicketUrl} />
              </>
            ) : null}
          </p>
        )}
      />
      <Section
        id="my-signoffs"
        title="Sign-offs waiting on you"
        empty={`No item is waiting on a sign-off by ${roleLabel[viewer.role].toLowerCase()}.`}
        items={work.signOffsWaiting}
        render={(item) => <p className="mt-1 text-slate-700">Ready for your sign-off as {roleLabel[viewer.role].toLowerCase()} (version {item.version}).</p>}
      />
      <Section
        id="my-items"
        title="Items you own"
        empty="You own no open items."
        items={work.owned}
        render={(item) =>
          item.nextStep || item.dueDate ? (
            <p className="mt-1 text-slate-700">
              {item.nextStep ? `Next: ${item.nextStep}` : ""}
              {item.dueDate ? <span className="text-slate-600"> · due {item.dueDate}</span> : null}
            </p>
          ) : null
        }
      />
    </>
  );
}
