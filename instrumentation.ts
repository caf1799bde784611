// Next calls register() once per server process at start (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The benchmark's statement tally hooks into the database client before it opens (READYROOM_BENCH only).
  const { env } = await import("@/lib/server/env");
  let bench = false;
  try {
    bench = env().READYROOM_BENCH;
  } catch {
    // An invalid configuration: prepareServer below says what to fix and stops the process.
  }
  if (bench) {
    const [{ listenToStatements }, { countSqlStatement }] = await Promise.all([import("@/db"), import("@/lib/server/sql-statements")]);
    listenToStatements(countSqlStatement);
  }
  const { prepareServer } = await import("@/lib/dal/startup");
  await prepareServer();
  // Webhook deliveries go out from every instance; a failure is logged, never fatal.
  const { startDeliveryWorker } = await import("@/lib/notifications/worker");
  startDeliveryWorker();
  // Mail (invitations, sign-in links) goes out from the outbox the same way.
  const { startMailWorker } = await import("@/lib/mail/worker");
  startMailWorker();
  // The silent-failure watch evaluates each due implementation once per period across
  // instances (pg-boss on PostgreSQL, an interval on PGlite); a failure is logged, never fatal.
  const { startHypercareScheduler } = await import("@/lib/hypercare/scheduler");
  void startHypercareScheduler();
}

// A request that failed on the database makes the proxy check it before the next page, so the
// pages after it answer 503 with a clear page instead of failing one by one.
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof code === "string" && /^(ECONN|ETIMEDOUT|EPIPE|CONNECTION_|57P0|08)/.test(code)) {
    const { noteDatabaseTrouble } = await import("@/lib/dal/health");
    noteDatabaseTrouble();
  }
}
