// Next calls register() once per server process at start (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/dal/startup");
  await prepareServer();
  // Webhook deliveries go out from every instance; a failure is logged, never fatal.
  const { startDeliveryWorker } = await import("@/lib/notifications/worker");
  startDeliveryWorker();
  // Mail (invitations, sign-in links) goes out from the outbox the same way.
  const { startMailWorker } = await import("@/lib/mail/worker");
  startMailWorker();
}
