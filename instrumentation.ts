// Next calls register() once per server process at start (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The benchmark's statement tally hooks into the database client before it opens (READYROOM_BENCH only).
  const { env } = await import("@/lib/env");
  if (env().READYROOM_BENCH) {
    const [{ listenToStatements }, { countSqlStatement }] = await Promise.all([import("@/db"), import("@/lib/sql-statements")]);
    listenToStatements(countSqlStatement);
  }
  const { prepareServer } = await import("@/lib/dal/startup");
  await prepareServer();
  // Webhook deliveries go out from every instance; a failure is logged, never fatal.
  const { startDeliveryWorker } = await import("@/lib/notifications/worker");
  startDeliveryWorker();
}
