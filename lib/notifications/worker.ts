import "server-only";
import { runNotificationSchedule } from "@/lib/dal/digests";
import { refreshAllDueSummaries } from "@/lib/dal/gate";
import { claimDueDeliveries, completeDelivery, queueGoLiveWarnings } from "@/lib/dal/webhooks";
import { env } from "@/lib/server/env";
import { errorFields, log } from "@/lib/server/log";
import { asBackgroundWork } from "@/lib/server/sql-statements";
import { DEFAULT_RETRY_SCHEDULE_MS } from "./schedule";
import { sendDelivery, type SendOptions } from "./send";

// The in-process delivery worker: every few seconds it claims due deliveries from the outbox
// and sends them; every hour it queues the go-live warnings (deduplicated per day). Each app
// instance runs one; claims use SKIP LOCKED so instances never send the same delivery twice.
// Every minute it also re-derives the gates whose time-based facts have flipped (a waiver
// expired, evidence aged), so a verdict that time changed is announced without anyone reading.
// It never throws into the server: a failing run is logged and the next one tries again.

export type DeliverOptions = SendOptions & { schedule?: readonly number[]; limit?: number; leaseMs?: number };

export async function deliverDue(options: DeliverOptions = {}) {
  const claims = await claimDueDeliveries({ limit: options.limit, leaseMs: options.leaseMs });
  const results = await Promise.all(
    claims.map(async (claim) => {
      const outcome = await sendDelivery({ url: claim.url, secret: claim.secret, deliveryId: claim.id }, claim.payload, {
        ...options,
        allowPrivateNetworks: options.allowPrivateNetworks ?? env().WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      });
      const status = await completeDelivery(claim, outcome, options.schedule ?? DEFAULT_RETRY_SCHEDULE_MS);
      if (status !== "delivered") {
        // The URL may carry a token (Slack's does): log the delivery, never the address.
        log.warn("webhook.delivery_failed", { deliveryId: claim.id, attempt: claim.attempts, statusCode: outcome.statusCode, error: outcome.error, next: status });
      }
      return status;
    }),
  );
  return { delivered: results.filter((r) => r === "delivered").length, retry: results.filter((r) => r === "retry").length, failed: results.filter((r) => r === "failed").length };
}

type Worker = { stop(): Promise<void> };

const globalForWorker = globalThis as unknown as { readyroomDeliveryWorker?: Worker };

export function startDeliveryWorker(options: { intervalMs?: number; scanIntervalMs?: number; sweepIntervalMs?: number; noticeIntervalMs?: number } = {}): Worker {
  if (globalForWorker.readyroomDeliveryWorker) return globalForWorker.readyroomDeliveryWorker;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  const guarded = (name: string, task: () => Promise<unknown>) => () => {
    if (stopped || running) return; // one run at a time; a slow run simply delays the next
    running = asBackgroundWork(task)
      .catch((error) => log.error(`webhook.${name}_failed`, errorFields(error)))
      .finally(() => {
        running = null;
      });
  };
  const deliver = guarded("worker", () => deliverDue());
  const scan = guarded("scan", () => queueGoLiveWarnings());
  const sweep = guarded("gate_sweep", () => refreshAllDueSummaries());
  // Due items and the daily and weekly digests: idempotent per person and period
  // (lib/dal/digests.ts), so every instance may run it.
  const notices = guarded("notification_schedule", () => runNotificationSchedule());

  const deliverTimer = setInterval(deliver, options.intervalMs ?? 5_000);
  const scanTimer = setInterval(scan, options.scanIntervalMs ?? 3_600_000);
  // Timers never keep the process alive on their own: shutting down is never delayed by them.
  const sweepTimer = setInterval(sweep, options.sweepIntervalMs ?? 60_000);
  const noticeTimer = setInterval(notices, options.noticeIntervalMs ?? 900_000);
  noticeTimer.unref();
  const firstNotices = setTimeout(notices, 20_000);
  firstNotices.unref();
  deliverTimer.unref();
  scanTimer.unref();
  sweepTimer.unref();
  const first = setTimeout(scan, 10_000);
  first.unref();
  // Summaries missing after a bulk load (or a restore) are built soon after start, not on the
  // first portfolio read.
  const firstSweep = setTimeout(sweep, 3_000);
  firstSweep.unref();

  const worker: Worker = {
    async stop() {
      stopped = true;
      clearInterval(deliverTimer);
      clearInterval(scanTimer);
      clearInterval(sweepTimer);
      clearInterval(noticeTimer);
      clearTimeout(firstNotices);
      clearTimeout(first);
      clearTimeout(firstSweep);
      await running;
      globalForWorker.readyroomDeliveryWorker = undefined;
    },
  };
  globalForWorker.readyroomDeliveryWorker = worker;
  return worker;
}
