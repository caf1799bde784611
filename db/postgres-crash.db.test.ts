import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/server/env";
import { openPostgres, type DatabaseHandle } from "./index";
import { createTestDatabase, type TestDatabase } from "./testing";

// A PostgreSQL backend that dies under a transaction (pg_terminate_backend stands in for a
// crash): the transaction must fail, not hang; nothing may escape as an uncaughtException; the
// same pooled connection must serve the next query; and a statement the transaction issues after
// its connection died must not run on a new session outside the transaction. These are the
// driver patches in scripts/patch-postgres.mjs. Only on a server: PGlite has no backends to kill.

const onServer = Boolean(env().DATABASE_URL);

// A hang must fail the test with a message, well before the test's own timeout.
function settledWithin<T>(promise: Promise<T>, ms = 15_000) {
  return Promise.race([
    promise.then(
      (value) => ({ outcome: "resolved" as const, value }),
      (error: unknown) => ({ outcome: "rejected" as const, error: error as Error & { code?: string } }),
    ),
    new Promise<{ outcome: "hung" }>((resolve) => setTimeout(() => resolve({ outcome: "hung" }), ms).unref()),
  ]);
}

describe.skipIf(!onServer)("a PostgreSQL backend killed under a transaction", () => {
  let database: TestDatabase;
  let subject: DatabaseHandle;
  let killer: postgres.Sql;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: the query after the kill must reuse the very connection that died.
    subject = openPostgres(database.url!, 1);
    killer = postgres(database.url!, { max: 1, onnotice: () => {} });
    await killer`create table crash_probe (note text not null)`;
    process.on("uncaughtException", onUncaught);
  });

  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await subject?.close();
    await killer?.end();
    await database?.drop();
  });

  const backendPid = async (tx: Pick<DatabaseHandle["db"], "execute">) =>
    Number((await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`))[0]!.pid);

  it("fails the transaction whose statement was in flight, and the connection serves the next query", async () => {
    let pid = 0;
    const transaction = subject.db.transaction(async (tx) => {
      pid = await backendPid(tx);
      await tx.execute(sql`insert into crash_probe (note) values ('in flight')`);
      await tx.execute(sql`select pg_sleep(30)`);
    });
    // Handled from the start: it may fail before the kill below has returned.
    const settled = settledWithin(transaction);
    while (!pid) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100)); // the sleep is on its way
    await killer`select pg_terminate_backend(${pid})`;

    const result = await settled;
    expect(result.outcome).toBe("rejected");

    // Unpatched, the dead connection stayed wedged and this failed with CONNECT_TIMEOUT.
    const next = await settledWithin(subject.db.execute(sql`select count(*)::int as n from crash_probe`));
    expect(next.outcome).toBe("resolved");
    expect(next.outcome === "resolved" && next.value[0]).toEqual({ n: 0 });
    expect(uncaught).toEqual([]);
  });

  it("refuses a statement issued after the connection died, even once the pool has reconnected", async () => {
    let pid = 0;
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => (proceed = resolve));
    const transaction = subject.db.transaction(async (tx) => {
      pid = await backendPid(tx);
      await gate; // application work between two statements, while the backend dies
      await tx.execute(sql`insert into crash_probe (note) values ('after the kill')`);
    });
    // Handled from the start: it fails as soon as its connection closes, before it is awaited below.
    const settled = settledWithin(transaction, 30_000);
    while (!pid) await new Promise((r) => setTimeout(r, 10));
    // Queued behind the transaction (one connection): it runs once the pool has reconnected.
    const queued = subject.db.execute(sql`select pg_backend_pid() as pid`);
    await killer`select pg_terminate_backend(${pid})`;
    const reconnected = await settledWithin(queued);
    expect(reconnected.outcome).toBe("resolved");
    proceed();

    const result = await settled;
    expect(result.outcome).toBe("rejected");
    const [{ n }] = await killer<[{ n: number }]>`select count(*)::int as n from crash_probe where note = 'after the kill'`;
    expect(n, "the transaction's insert ran outside it").toBe(0);
    expect(uncaught).toEqual([]);
  });
});
