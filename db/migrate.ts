import { resolve } from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Database, DatabaseHandle } from "./index";
import { grantAppRole } from "./roles";

export const migrationsFolder = resolve(process.cwd(), "db/migrations");

// Any number of app instances may start at once against one server: an advisory lock on a
// dedicated connection lets exactly one apply the migrations while the others wait. Drizzle
// records what it applied, so running this twice is harmless.
export const MIGRATION_LOCK_KEY = 727_001;

// `grantTo`: the app's own role, when migrations run as a separate owner role (see roles.ts).
export async function migrateDatabase(handle: DatabaseHandle, databaseUrl?: string, options: { grantTo?: string } = {}): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error("migrateDatabase: a PostgreSQL URL is required");
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      const owner = drizzlePostgres({ client });
      await migratePostgres(owner, { migrationsFolder });
      if (options.grantTo) await grantAppRole(owner as unknown as Database, options.grantTo);
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
