import type { Metadata } from "next";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { Badge } from "@/components/ui/badge";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { can } from "@/lib/dal/policy";
import { getWebhookSettings } from "@/lib/dal/webhooks";
import { formatUtc } from "@/lib/format/dates";
import { orNotFound } from "@/lib/server/not-found";
import { EnableForm, RotateSecretForm, TestDeliveryForm, WebhookUrlForm } from "./_components/webhook-forms";

export const metadata: Metadata = { title: "Notifications" };

type Props = { params: Promise<{ id: string }> };

const utc = (d: Date | null) => (d ? formatUtc(d) : "—");

const statusBadge = {
  pending: { tone: "warn", symbol: "◔", text: "Pending" },
  delivered: { tone: "good", symbol: "✓", text: "Delivered" },
  failed: { tone: "bad", symbol: "✕", text: "Failed" },
} as const;

export default async function NotificationsPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const implementation = await orNotFound(getImplementationSummary(viewer, id));
  if (!can(viewer, "webhook.manage")) {
    return (
      <>
        <ImplementationHeader implementation={implementation} current="notifications" />
        <p className="mt-6 text-sm text-slate-700">Notifications are set up by the implementation manager.</p>
      </>
    );
  }
  const settings = await orNotFound(getWebhookSettings(viewer, implementation.id));
  const hook = settings.webhook;

  return (
    <>
      <ImplementationHeader implementation={implementation} current="notifications" />
      <section aria-labelledby="webhook-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="webhook-heading" className="text-lg font-semibold">
          Outgoing webhook
        </h2>
        <p className="text-sm text-slate-600">
          Sent when an item is blocked or unblocked, a sign-off is recorded or superseded, the go/no-go verdict changes, and daily when go-live is
          within 7 days with open go-live blockers. Each delivery is signed (HMAC-SHA256) with this webhook&apos;s secret and retried on failure.
        </p>
        {hook ? (
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={hook.enabled ? "good" : "neutral"}>
              <span aria-hidden="true">{hook.enabled ? "●" : "○"}</span>
              {hook.enabled ? "On" : "Off"}
            </Badge>
            <span className="text-slate-600">Secret ends with {hook.secretHint}</span>
          </p>
        ) : null}
        <div className="mt-4">
          <WebhookUrlForm implementationId={implementation.id} url={hook?.url ?? ""} version={hook?.version ?? null} />
        </div>
        {hook ? (
          <div className="mt-4 flex flex-wrap items-start gap-4 border-t border-slate-200 pt-4">
            <EnableForm implementationId={implementation.id} version={hook.version} enabled={hook.enabled} />
            <RotateSecretForm implementationId={implementation.id} version={hook.version} />
            <TestDeliveryForm implementationId={implementation.id} />
          </div>
        ) : null}
      </section>

      {hook ? (
        <section aria-labelledby="deliveries-heading" className="mt-6">
          <h2 id="deliveries-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          {settings.deliveries.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Nothing sent yet.</p>
          ) : (
            <ScrollTable label="Webhook deliveries" columns={["Event", "Queued", "Status", "Attempts", "Last status code", "Last attempt", "Error"]} className="mt-3">
              {settings.deliveries.map((d) => {
                const badge = statusBadge[d.status];
                return (
                  <tr key={d.id}>
                    <td className="px-3 py-2 font-mono text-xs">{d.event}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{utc(d.createdAt)}</td>
                    <td className="px-3 py-2">
                      <Badge tone={badge.tone}>
                        <span aria-hidden="true">{badge.symbol}</span>
                        {badge.text}
                      </Badge>
                      {d.status === "pending" && d.attempts > 0 ? <div className="text-xs text-slate-600">next try {utc(d.nextAttemptAt)}</div> : null}
                    </td>
                    <td className="px-3 py-2">{d.attempts}</td>
                    <td className="px-3 py-2">{d.lastStatusCode ?? "—"}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{utc(d.lastAttemptAt)}</td>
                    <td className="px-3 py-2 text-slate-700">{d.lastError ?? ""}</td>
                  </tr>
                );
              })}
            </ScrollTable>
          )}
        </section>
      ) : null}
    </>
  );
}
