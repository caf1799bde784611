import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

// The server-side database client: the `postgres` driver when DATABASE_URL is set, embedded
// PGlite otherwise. Opened lazily on first use (never at import, so `next build` does not
// connect) and cached on globalThis so hot reloads reuse one client.

// Both drivers expose the same query builder; one type keeps the DAL driver-agnostic.
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  close(): Promise<void>;
};

export class DatabaseLockedError extends Error {
  constructor(dir: string, owner: string) {
    super(
      `The embedded database at ${dir} is already open in another process (${owner}). ` +
        "PGlite allows one process per data directory: stop that process first, " +
        "or set PGLITE_DIR to another directory, or set DATABASE_URL to use a PostgreSQL server.",
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// PGlite has no lock of its own: a second process on the same directory can lose committed
// rows or corrupt it. A lock file beside the directory names its owner; a lock left by a
// process that no longer runs is taken over.
export function acquirePgliteLock(dir: string): () => void {
  const lockPath = `${resolve(dir)}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  const me = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ ...me, since: new Date().toISOString() }));
      closeSync(fd);
      const release = () => {
        try {
          const owner = JSON.parse(readFileSync(lockPath, "utf8")) as { pid?: number };
          if (owner.pid === process.pid) rmSync(lockPath, { force: true });
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let owner: { pid?: number; host?: string } = {};
      try {
        owner = JSON.parse(readFileSync(lockPath, "utf8")) as typeof owner;
      } catch {
        // A half-written or unreadable lock file: treat it as stale.
      }
      const sameHost = !owner.host || owner.host === me.host;
      if (owner.pid && owner.pid !== process.pid && (!sameHost || isAlive(owner.pid))) {
        throw new DatabaseLockedError(resolve(dir), `pid ${owner.pid} on ${owner.host ?? "this host"}`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseLockedError(resolve(dir), "another process kept taking the lock");
}

export function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => {},
  });
  return {
    db: drizzlePostgres({ client, schema, casing: "snake_case" }),
    driver: "postgres",
    close: () => client.end({ timeout: 5 }),
  };
}

export function openPglite(dir: string): DatabaseHandle {
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquirePgliteLock(dir);
  if (!inMemory) mkdirSync(resolve(dir), { recursive: true });
  const client = new PGlite(inMemory ? dir : resolve(dir));
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    close: async () => {
      if (!client.closed) await client.close();
      release();
    },
  };
}

const globalForDb = globalThis as unknown as { readyroomDb?: DatabaseHandle };

export function databaseHandle(): DatabaseHandle {
  if (!globalForDb.readyroomDb) {
    const config = env();
    globalForDb.readyroomDb = config.DATABASE_URL
      ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX)
      : openPglite(config.PGLITE_DIR);
  }
  return globalForDb.readyroomDb;
}

export function getDb(): Database {
  return databaseHandle().db;
}

// Tests point the app's client at the database they created.
export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  globalForDb.readyroomDb = handle;
}

export { schema };
