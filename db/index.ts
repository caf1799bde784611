import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/server/env";
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
// rows or corrupt it. A lock file beside the directory names its owner. It is created
// atomically with its content (written to a private file, then hard-linked into place, which
// fails if a lock exists), and a lock left by a process that no longer runs is moved aside by
// rename — atomic, so when two processes find the same stale lock only one takes it over.
type LockOwner = { pid?: number; host?: string };

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockOwner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    return {}; // unreadable: written by something else; treated as stale
  }
}

export function acquirePgliteLock(dir: string): () => void {
  const lockPath = `${resolve(dir)}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  const me = { pid: process.pid, host: hostname() };
  const unique = () => `${process.pid}.${randomBytes(6).toString("hex")}`;
  const mine = `${lockPath}.${unique()}`;
  writeFileSync(mine, JSON.stringify({ ...me, since: new Date().toISOString() }));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const owner = readOwner(lockPath);
        if (owner === null) continue; // released meanwhile: try again
        const sameHost = !owner.host || owner.host === me.host;
        if (owner.pid && (!sameHost || isAlive(owner.pid))) {
          throw new DatabaseLockedError(resolve(dir), `pid ${owner.pid} on ${owner.host ?? "this host"}`);
        }
        const aside = `${lockPath}.stale.${unique()}`;
        try {
          renameSync(lockPath, aside);
        } catch (renameError) {
          if ((renameError as NodeJS.ErrnoException).code === "ENOENT") continue; // another process took it
          throw renameError;
        }
        // If what was moved aside is not the stale lock inspected above, a live process had just
        // taken the lock: put it back and give way.
        const moved = readOwner(aside);
        if (moved && moved.pid !== owner.pid) {
          try {
            linkSync(aside, lockPath);
          } finally {
            rmSync(aside, { force: true });
          }
          throw new DatabaseLockedError(resolve(dir), `pid ${moved.pid} on ${moved.host ?? "this host"}`);
        }
        rmSync(aside, { force: true });
        continue;
      }
      const release = () => {
        if (readOwner(lockPath)?.pid === process.pid) rmSync(lockPath, { force: true });
      };
      process.once("exit", release);
      return release;
    }
    throw new DatabaseLockedError(resolve(dir), "another process kept taking the lock");
  } finally {
    rmSync(mine, { force: true });
  }
}

export function openPostgres(url: string, max: number, options: { onStatement?: StatementListener } = {}): DatabaseHandle {
  const client = postgres(url, {
    max,
    connect_timeout: 5,
    idle_timeout: 60,
    // Seconds before a closed connection is opened again. The driver's default grows 3× per failed
    // attempt up to 10–20 s, and the wait is not bounded by connect_timeout: while the database
    // was down, and just after it came back, a request queued behind it waited that long. Attempts
    // are made only for waiting queries, so a 1 s ceiling answers them promptly without hammering.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    onnotice: () => {},
    // Called once per statement sent (BEGIN and COMMIT included); only for the benchmark. With
    // it on, the driver also makes query errors' parameters enumerable, so it stays off in a live server.
    ...(options.onStatement ? { debug: (_connection: number, query: string) => options.onStatement?.(query) } : {}),
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

export type StatementListener = (query: string) => void;

// Kept on globalThis: the server's startup hook and the routes may be bundled into different chunks.
const globalForDb = globalThis as unknown as { readyroomDb?: DatabaseHandle; readyroomStatementListener?: StatementListener };

// Lets instrumentation outside the database client (the benchmark's statement tally) hear every
// statement the server's client sends. Set before the client opens (instrumentation.ts).
export function listenToStatements(listener: StatementListener): void {
  globalForDb.readyroomStatementListener = listener;
}

export function databaseHandle(): DatabaseHandle {
  if (!globalForDb.readyroomDb) {
    const config = env();
    globalForDb.readyroomDb = config.DATABASE_URL
      ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX, { onStatement: globalForDb.readyroomStatementListener })
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
