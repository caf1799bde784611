import PgBoss from "pg-boss";
import { quoteIdent } from "./roles";
import { HYPERCARE_QUEUE, JOB_SCHEMA } from "../lib/hypercare/queue";

// The job queue of the scheduled work that must run once across app instances (the hypercare
// evaluation, lib/hypercare/scheduler.ts): pg-boss 10 in its own schema. Its tables are made by
// the owner role at migration time, like the app's own (docs/database-roles.md): the app's role
// then only reads and writes rows in them, so it never needs to create or alter anything. The
// queues are made here too, because pg-boss makes each queue a partition of its job table,
// which only the table's owner may attach.

// pg-boss's own migration is idempotent and guarded against a concurrent install, so every
// instance may call this at start (after the app's migrations).
export async function installJobQueue(ownerUrl: string, options: { grantTo?: string } = {}): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false, max: 1 });
  boss.on("error", () => {});
  await boss.start();
  try {
    if (!(await boss.getQueue(HYPERCARE_QUEUE))) {
      // An evaluation that fails is tried again at the next period, not retried in between.
      await boss.createQueue(HYPERCARE_QUEUE, { name: HYPERCARE_QUEUE, policy: "standard", retryLimit: 0, expireInSeconds: 300, retentionMinutes: 60 });
    }
    if (options.grantTo) {
      const role = quoteIdent(options.grantTo);
      const db = boss.getDb() as { executeSql(sql: string): Promise<unknown> };
      await db.executeSql(`GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${role}`);
      await db.executeSql(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${role}`);
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}
