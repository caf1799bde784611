import { env } from "@/lib/server/env";
import { databaseHandle } from "./index";
import { migrateDatabase } from "./migrate";
import { currentRole } from "./roles";
import { seedDemo } from "./seed";

// `npm run db:migrate` / `npm run db:seed`. On embedded Postgres, run these only while the
// server is stopped: the directory lock refuses a second process.
async function main() {
  const command = process.argv[2];
  if (command !== "migrate" && command !== "seed") {
    console.error("usage: tsx db/cli.ts migrate|seed");
    process.exit(2);
  }
  const handle = databaseHandle();
  try {
    const config = env();
    // With MIGRATION_DATABASE_URL (the owner role), the app's role in DATABASE_URL is granted
    // what it needs after migrating (docs/database-roles.md).
    const appRole = handle.driver === "postgres" && config.MIGRATION_DATABASE_URL ? await currentRole(handle.db) : undefined;
    await migrateDatabase(handle, config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, { grantTo: appRole });
    console.log(`migrations applied (${handle.driver})`);
    if (handle.driver === "postgres") {
      const { installJobQueue } = await import("./job-queue");
      await installJobQueue(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL!, { grantTo: appRole });
      console.log("job queue installed (schema pgboss)");
    }
    if (command === "seed") {
      const { created } = await seedDemo(handle.db);
      console.log(created ? "synthetic demo data seeded" : "demo data already present; nothing changed");
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
