import PgBoss from "pg-boss";
import postgres from "postgres";
import { MIGRATION_LOCK_KEY } from "./migrate";
import { quoteIdent } from "./roles";
import { HYPERCARE_QUEUE, JOB_SCHEMA } from "../lib/hypercare/queue";

// The job queue of the scheduled work that must run once across app instances (the hypercare
// evaluation, lib/hypercare/scheduler.ts): pg-boss 10 in its own schema. Its tables are made by
// the owner role at migration time, like the app's own (docs/database-roles.md): the app's role
// then only reads and writes rows in them, so it never needs to create or alter anything. The
// queues are made here too, because pg-boss makes each queue a partition of its job table,
// which only the table's owner may attach.

// Every instance calls this at start, after the app's migrations, under the same advisory lock:
// pg-boss's install is idempotent, but two GRANTs on one object at once fail ("tuple
// concurrently updated"), so one instance at a time installs and grants, the others find it done.
export async function installJobQueue(ownerUrl: string, options: { grantTo?: string } = {}): Promise<void> {
  const lock = postgres(ownerUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await install(ownerUrl, options);
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await lock.end({ timeout: 5 });
  }
}

async function install(ownerUrl: string, options: { grantTo?: string }): Promise<void> {
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
