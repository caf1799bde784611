import "server-only";
import PgBoss from "pg-boss";
import { dueHypercareImplementations, evaluateHypercare } from "@/lib/dal/hypercare";
import { env } from "@/lib/server/env";
import { errorFields, log } from "@/lib/server/log";
import { asBackgroundWork } from "@/lib/server/sql-statements";
import { HYPERCARE_QUEUE, JOB_SCHEMA } from "./queue";

// The scheduled evaluation of the silent-failure watch (docs/hypercare.md). Every period
// (HYPERCARE_INTERVAL_SECONDS, a minute by default) each due implementation is evaluated once.
//
// On PostgreSQL every app instance runs this: each one, every period, enqueues one job per due
// implementation on the pg-boss queue with the implementation as singleton key and the period
// as singleton window, so however many instances enqueue in one period, pg-boss keeps one job
// per implementation (its unique index on queue, window and key); each job is then fetched by
// exactly one worker (SKIP LOCKED). On PGlite, one process by construction, an interval in the
// process evaluates them directly.
//
// Nothing here stops the server: a failure is logged and the next period tries again.

export type HypercareScheduler = { stop(): Promise<void>; tick(now?: Date): Promise<number> };

type Evaluate = (implementationId: string, now: Date) => Promise<unknown>;

// One period's jobs: the number of jobs this call created (0 when another instance was first).
export async function enqueueDueEvaluations(boss: PgBoss, intervalSeconds: number, now = new Date()): Promise<number> {
  let created = 0;
  for (const implementationId of await dueHypercareImplementations(now)) {
    const id = await boss.send(HYPERCARE_QUEUE, { implementationId }, { singletonKey: implementationId, singletonSeconds: intervalSeconds });
    if (id) created++;
  }
  return created;
}

// A queue runner: enqueues each period and works the queue. Exported for the test that runs
// two of them against one database.
export async function startQueueRunner(options: {
  connectionString: string;
  intervalSeconds: number;
  evaluate?: Evaluate;
  // Off in tests that drive tick() themselves.
  timer?: boolean;
  pollingIntervalSeconds?: number;
}): Promise<HypercareScheduler> {
  const evaluate = options.evaluate ?? ((id: string, now: Date) => evaluateHypercare(id, now));
  const boss = new PgBoss({ connectionString: options.connectionString, schema: JOB_SCHEMA, migrate: false, schedule: false, supervise: true, max: 3 });
  boss.on("error", (error) => log.error("hypercare.queue_error", errorFields(error)));
  await boss.start();
  await boss.work<{ implementationId: string }>(
    HYPERCARE_QUEUE,
    { pollingIntervalSeconds: options.pollingIntervalSeconds ?? Math.min(5, Math.max(0.5, options.intervalSeconds / 4)) },
    async (jobs) => {
      for (const job of jobs) {
        try {
          await asBackgroundWork(() => evaluate(job.data.implementationId, new Date()));
        } catch (error) {
          log.error("hypercare.evaluation_failed", { implementationId: job.data.implementationId, ...errorFields(error) });
        }
      }
    },
  );
  const tick = (now = new Date()) => enqueueDueEvaluations(boss, options.intervalSeconds, now);
  let timer: NodeJS.Timeout | null = null;
  if (options.timer !== false) {
    timer = setInterval(() => {
      asBackgroundWork(() => tick()).catch((error) => log.error("hypercare.enqueue_failed", errorFields(error)));
    }, options.intervalSeconds * 1000);
    timer.unref();
  }
  return {
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
}

// PGlite: one process, so the interval evaluates the due implementations itself.
function startInProcess(intervalSeconds: number): HypercareScheduler {
  let running: Promise<number> | null = null;
  const tick = async (now = new Date()) => {
    let n = 0;
    for (const id of await dueHypercareImplementations(now)) {
      try {
        await evaluateHypercare(id, now);
        n++;
      } catch (error) {
        log.error("hypercare.evaluation_failed", { implementationId: id, ...errorFields(error) });
      }
    }
    return n;
  };
  const timer = setInterval(() => {
    if (running) return; // a slow run delays the next one
    running = asBackgroundWork(() => tick())
      .catch((error) => {
        log.error("hypercare.evaluation_failed", errorFields(error));
        return 0;
      })
      .finally(() => {
        running = null;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

const globalForScheduler = globalThis as unknown as { readyroomHypercareScheduler?: Promise<HypercareScheduler | null> };

// Started once per server process from instrumentation.ts.
export function startHypercareScheduler(): Promise<HypercareScheduler | null> {
  globalForScheduler.readyroomHypercareScheduler ??= (async () => {
    try {
      const config = env();
      const intervalSeconds = config.HYPERCARE_INTERVAL_SECONDS;
      // Without DATABASE_URL the database is embedded PGlite: one process.
      if (!config.DATABASE_URL) return startInProcess(intervalSeconds);
      const scheduler = await startQueueRunner({ connectionString: config.DATABASE_URL, intervalSeconds });
      log.info("hypercare.scheduler_started", { intervalSeconds, queue: HYPERCARE_QUEUE });
      return scheduler;
    } catch (error) {
      log.error("hypercare.scheduler_failed", errorFields(error));
      return null;
    }
  })();
  return globalForScheduler.readyroomHypercareScheduler;
}
