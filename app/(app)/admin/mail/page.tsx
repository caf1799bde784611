import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listSentMail } from "@/lib/dal/mail";
import { can } from "@/lib/dal/policy";
import { formatUtc } from "@/lib/format/dates";

export const metadata: Metadata = { title: "Sent mail" };

const when = (d: Date | null) => (d ? formatUtc(d) : "—");
const statusText = { pending: "Waiting to send", delivered: "Sent", failed: "Failed" } as const;

// What Readyroom has mailed. Without SMTP_URL nothing leaves the server: the bodies are kept
// here (and in the console log) so a demo can follow every link.
export default async function SentMailPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "mail.read")) notFound();
  const mail = await listSentMail(viewer);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sent mail</h1>
        <p className="mt-1 text-sm text-slate-600">
          The latest 100 messages. Bodies are shown only for mail that was logged instead of sent (no SMTP server configured); mail sent
          over SMTP keeps no body, since it may hold a sign-in link.
        </p>
      </div>
      {mail.length === 0 ? <p className="text-sm text-slate-600">No mail yet.</p> : null}
      <ul className="space-y-3">
        {mail.map((m) => (
          <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <article aria-label={`Mail to ${m.to}: ${m.subject}`}>
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="text-sm text-slate-600">
                To {m.to} · {m.kind.replace(/_/g, " ")} · {statusText[m.status]}
                {m.transport === "console" ? " (logged, not sent: no SMTP server)" : ""} · queued {when(m.createdAt)}
                {m.sentAt ? ` · sent ${when(m.sentAt)}` : ""}
                {m.lastError ? ` · last error: ${m.lastError}` : ""}
              </p>
              {m.text ? <pre className="mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-sm">{m.text}</pre> : null}
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}
