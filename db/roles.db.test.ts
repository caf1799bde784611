import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/dal/audit-chain";
import { openPostgres, type Database } from "./index";
import { currentRole, databasePrivilegeProblems, grantAppRole } from "./roles";
import { seedDemo } from "./seed";
import { createTestDatabase, type TestDatabase } from "./testing";

// The app's least-privilege role: created here, granted what the app needs by the same code a
// start with MIGRATION_DATABASE_URL runs, then every way an owner could rewrite the audit
// trail is tried as that role and must be refused. On PostgreSQL the role logs in with its own
// connection; on PGlite (one user, no logins) the test switches to it with SET ROLE.

let testDb: TestDatabase;
const appRole = `readyroom_app_${randomBytes(4).toString("hex")}`;
let app: { db: Database; run(statement: string): Promise<unknown>; close(): Promise<void> };
let appUrl: string | undefined;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
  const owner = testDb.handle.db;
  await owner.execute(sql.raw(`CREATE ROLE "${appRole}" ${testDb.url ? "LOGIN" : ""}`));
  await grantAppRole(owner, appRole);
  if (testDb.url) {
    const url = new URL(testDb.url);
    url.username = appRole;
    url.password = "";
    appUrl = url.toString();
    const handle = openPostgres(url.toString(), 1);
    const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
    app = {
      db: handle.db,
      run: (statement) => raw.unsafe(statement),
      close: async () => {
        await handle.close();
        await raw.end();
      },
    };
  } else {
    // PGlite has one connection: the role switch lasts until RESET ROLE in afterAll.
    await owner.execute(sql.raw(`SET ROLE "${appRole}"`));
    app = { db: owner, run: (statement) => owner.execute(sql.raw(statement)), close: () => owner.execute(sql`RESET ROLE`).then(() => undefined) };
  }
});

afterAll(async () => {
  await app?.close();
  if (testDb.url) {
    const owner = testDb.handle.db;
    await owner.execute(sql.raw(`DROP OWNED BY "${appRole}"`));
  }
  await testDb.drop();
  if (testDb.url) {
    const server = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await server.unsafe(`DROP ROLE IF EXISTS "${appRole}"`);
    await server.end();
  }
});

describe("the app's least-privilege database role", () => {
  it("is seen as least-privilege by the start-up check, and the owner is not", async () => {
    expect(await currentRole(app.db)).toBe(appRole);
    expect(await databasePrivilegeProblems(app.db)).toEqual({ role: appRole, problems: [] });
    if (testDb.url) {
      const owner = await databasePrivilegeProblems(testDb.handle.db);
      expect(owner.problems).toContain("superuser");
    }
  });

  it("reads and writes the app's tables and appends to the audit trail", async () => {
    await app.run(`INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('test.appended', 'test', 'least-privilege')`);
    const rows = (await app.run(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = 'least-privilege'`)) as unknown;
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    expect(list).toEqual([{ n: 1 }]);
    await app.run(`UPDATE sign_in_throttles SET failures = failures WHERE false`);
  });

  for (const [label, statement, error] of [
    ["UPDATE an audit event", `UPDATE audit_events SET action = 'rewritten' WHERE entity_id = 'least-privilege'`, /permission denied/],
    ["DELETE an audit event", `DELETE FROM audit_events WHERE entity_id = 'least-privilege'`, /permission denied/],
    ["TRUNCATE the audit trail", `TRUNCATE audit_events`, /permission denied/],
    ["disable the audit triggers", `ALTER TABLE audit_events DISABLE TRIGGER ALL`, /must be owner/],
    ["disable one audit trigger", `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_or_delete`, /must be owner/],
    ["set session_replication_role = replica", `SET session_replication_role = replica`, /permission denied/],
    ["move a chain's head", `UPDATE audit_chain_heads SET last_seq = 0`, /permission denied/],
    ["drop the audit trail", `DROP TABLE audit_events`, /must be owner/],
  ] as const) {
    it(`cannot ${label}`, async () => {
      // Drizzle wraps the database's error; the database's own message is its cause.
      const failure = await app.run(statement).then(
        () => null,
        (e: unknown) => (e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e instanceof Error ? e.message : e)),
      );
      expect(failure, `${statement} was allowed`).toMatch(error);
    });
  }

  it("leaves an audit trail the verifier finds whole", async () => {
    expect((await verifyAuditTrail(app.db)).ok).toBe(true);
  });
});

// The job queue (db/job-queue.ts) is installed by the owner; the app's role then runs it with
// row privileges only: enqueue, fetch, complete, and pg-boss's own upkeep.
describe.skipIf(!process.env.DATABASE_URL)("the job queue under the app's role", () => {
  it("is installed by the owner and worked by the app's role, which still owns nothing", async () => {
    const { installJobQueue } = await import("./job-queue");
    const { startQueueRunner } = await import("@/lib/hypercare/scheduler");
    const { seedId } = await import("./seed");
    await installJobQueue(testDb.url!, { grantTo: appRole });
    const owner = testDb.handle.db;
    const implementationId = seedId("impl:lakeshore-documents");
    await owner.execute(sql`insert into interfaces (implementation_id, name, kind, direction) values (${implementationId}, 'Role test feed (fictional)', 'hl7v2_feed', 'inbound')`);
    await owner.execute(sql`insert into hypercare_alerts (implementation_id, interface_id, environment_id, rule, since, summary, figures)
      select ${implementationId}, i.id, e.id, 'no_traffic', now() - interval '2 hours', 'No message (role test).', '{}'::jsonb
      from interfaces i, environments e where i.name = 'Role test feed (fictional)' and e.implementation_id = ${implementationId} and e.kind = 'production'`);
    const evaluated: string[] = [];
    const runner = await startQueueRunner({
      connectionString: appUrl!,
      intervalSeconds: 3600,
      timer: false,
      pollingIntervalSeconds: 0.5,
      evaluate: async (id) => {
        evaluated.push(id);
      },
    });
    try {
      expect(await runner.tick()).toBe(1);
      for (let waited = 0; evaluated.length === 0 && waited < 10_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
      expect(evaluated).toEqual([implementationId]);
    } finally {
      await runner.stop();
    }
    expect(await databasePrivilegeProblems(app.db)).toEqual({ role: appRole, problems: [] });
    await expect(app.run(`CREATE TABLE pgboss.sneaky (id int)`)).rejects.toThrow(/permission denied/);
  }, 60_000);
});
