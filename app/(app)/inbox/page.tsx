import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/people/action-form";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listInbox } from "@/lib/dal/inbox";
import type { InboxKind } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

const kindLabel: Record<InboxKind, string> = {
  sign_off_requested: "Sign-off requested",
  item_rejected: "Rejected",
  blocker_assigned: "Blocker assigned",
  blocker_resolved: "Blocker resolved",
  item_due: "Due",
  item_overdue: "Overdue",
  verdict_changed: "Verdict changed",
  sign_off_superseded: "Sign-off superseded",
  mentioned: "Mentioned",
  hypercare_alert: "Hypercare alert",
};

// The signed-in person's notifications, newest first; unread ones say so in words.
export default async function InboxPage() {
  const viewer = await requireViewer();
  const entries = await listInbox(viewer);
  const unread = entries.filter((e) => !e.readAt).length;
  return (
    <div className="max-w-3xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Inbox</h1>
          <p className="mt-1 text-sm text-slate-600">
            {unread === 0 ? "Nothing unread." : `${unread} unread.`} How you get these by mail is set on{" "}
            <Link href="/account#notifications-heading" className="underline">
              your account
            </Link>
            .
          </p>
        </div>
        {unread > 0 ? (
          <ActionForm id="mark-all" label="Mark all notifications read" action={markAllNotificationsReadAction} hidden={{ scope: "all" }} submitLabel="Mark all read" success="All marked read." compact />
        ) : null}
      </div>
      {entries.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">No notifications yet.</p>
      ) : (
        <ul aria-label="Notifications" className="space-y-2">
          {entries.map((n) => (
            <li key={n.id} className={`rounded-lg border bg-white p-4 ${n.readAt ? "border-slate-200" : "border-l-4 border-slate-900"}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="text-xs font-medium uppercase tracking-wide text-slate-600">
                    {n.readAt ? "" : <span className="mr-2 rounded bg-slate-900 px-1.5 py-0.5 text-white">Unread</span>}
                    {kindLabel[n.kind]}
                    {n.implementationName ? ` · ${n.implementationName}` : ""}
                  </p>
                  <p className="mt-1 break-words font-medium">
                    <Link href={n.link} className="hover:underline">
                      {n.title}
                    </Link>
                  </p>
                  {n.body ? <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{n.body}</p> : null}
                  <p className="mt-1 text-xs text-slate-600">
                    {formatUtc(n.createdAt)}
                    {n.actorName ? ` · ${n.actorName}` : ""}
                  </p>
                </div>
                {n.readAt ? null : (
                  <ActionForm
                    id={`read-${n.id}`}
                    label={`Mark read: ${n.title}`}
                    action={markNotificationReadAction}
                    hidden={{ notificationId: n.id }}
                    submitLabel="Mark read"
                    success="Marked read."
                    compact
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
