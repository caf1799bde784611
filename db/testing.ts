import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env } from "@/lib/server/env";
import { openPglite, openPostgres, setDatabaseHandle, type DatabaseHandle } from "./index";
import { migrateDatabase } from "./migrate";

// A database of the test's own, with the committed migrations applied: in-memory PGlite, or
// when DATABASE_URL is set, a new database on that server which is dropped afterwards. Tests
// never touch a database they did not create.

export type TestDatabase = { handle: DatabaseHandle; url?: string; drop(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = env().DATABASE_URL;
  if (!serverUrl) {
    const handle = openPglite("memory://");
    await migrateDatabase(handle);
    setDatabaseHandle(handle);
    return {
      handle,
      async drop() {
        setDatabaseHandle(undefined);
        await handle.close();
      },
    };
  }

  const name = `readyroom_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 20);
  await migrateDatabase(handle, url.toString());
  setDatabaseHandle(handle);
  return {
    handle,
    url: url.toString(),
    async drop() {
      setDatabaseHandle(undefined);
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

// The Viewer for a seeded demo user, as getViewer() would build it.
export async function demoViewer(email: string) {
  const { loadViewer } = await import("@/lib/dal/users");
  const { getDb } = await import("./index");
  const { users } = await import("./schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await getDb()
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email));
  if (!row) throw new Error(`no demo user ${email}`);
  const viewer = await loadViewer(row.id, row.sessionVersion);
  if (!viewer) throw new Error(`demo user ${email} cannot be a viewer`);
  return viewer;
}
