import "server-only";
import { claimDueMail, completeMail } from "@/lib/dal/mail";
import { nextAttemptDelay } from "@/lib/notifications/schedule";
import { errorFields, log } from "@/lib/server/log";
import { asBackgroundWork } from "@/lib/server/sql-statements";
import { sendMail } from "./transport";

// The in-process mail worker, like the webhook one: every two seconds it claims due messages
// from the outbox and sends them; a failure is retried on the webhook schedule (1 min … 6 h).

export async function deliverDueMail(options: { schedule?: readonly number[] } = {}) {
  const claims = await claimDueMail();
  let sent = 0;
  for (const claim of claims) {
    const outcome = await sendMail(claim);
    const delay = outcome.ok ? null : nextAttemptDelay(claim.attempts, options.schedule);
    await completeMail(claim, outcome, delay);
    if (outcome.ok) sent += 1;
    else log.warn("mail.send_failed", { mailId: claim.id, attempt: claim.attempts, error: outcome.error, retry: delay !== null });
  }
  return { claimed: claims.length, sent };
}

const globalForWorker = globalThis as unknown as { readyroomMailWorker?: { stop(): void } };

export function startMailWorker(intervalMs = 2_000) {
  if (globalForWorker.readyroomMailWorker) return globalForWorker.readyroomMailWorker;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    asBackgroundWork(() => deliverDueMail())
      .catch((error) => log.error("mail.worker_failed", errorFields(error)))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  const worker = { stop: () => clearInterval(timer) };
  globalForWorker.readyroomMailWorker = worker;
  return worker;
}
