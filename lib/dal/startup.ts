import "server-only";
import { databaseHandle, DatabaseLockedError } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { installReferenceData } from "@/db/reference-data";
import { currentRole, databasePrivilegeProblems, describePrivilegeProblems } from "@/db/roles";
import { env, InvalidEnvironmentError } from "@/lib/server/env";
import { errorFields, log } from "@/lib/server/log";
import { issueSetupLink } from "./account";

// Runs once when a server process starts (instrumentation.ts): validate the configuration,
// open the database, apply migrations, install the reference data every database needs (the
// default templates), seed the synthetic demo when enabled. Any failure stops the process with
// a message that says what to fix.
export async function prepareServer(): Promise<void> {
  try {
    const config = env();
    const handle = databaseHandle();
    if (handle.driver === "postgres") {
      // Migrations run as the owner role when one is configured; the app's role is then granted
      // what it needs (and no more) after them.
      const appRole = config.MIGRATION_DATABASE_URL ? await currentRole(handle.db) : undefined;
      await migrateDatabase(handle, config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, { grantTo: appRole });
      // The job queue's schema (pg-boss), made by the same owner role; without it only the
      // hypercare schedule stops, so a failure here is logged and the server starts.
      try {
        const { installJobQueue } = await import("@/db/job-queue");
        await installJobQueue(config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL!, { grantTo: appRole });
      } catch (error) {
        log.error("startup.job_queue_failed", errorFields(error));
      }
      const { role, problems } = await databasePrivilegeProblems(handle.db);
      if (problems.length > 0) {
        const message = describePrivilegeProblems(role, problems);
        if (config.NODE_ENV === "production" && !config.ALLOW_PRIVILEGED_DATABASE_USER) {
          console.error(`\nReadyroom will not start: ${message} To start anyway, set ALLOW_PRIVILEGED_DATABASE_USER=true.\n`);
          process.exit(1);
        }
        log.warn("startup.privileged_database_user", { role, problems, note: message });
      }
    } else {
      await migrateDatabase(handle, config.DATABASE_URL);
    }
    const reference = await installReferenceData(handle.db);
    if (reference.created) log.info("startup.reference_data_installed", { note: "default checklist templates" });
    if (config.READYROOM_SEED_DEMO) {
      // Loaded only when asked for: a real deployment never runs the demo seed's code.
      const { seedDemo } = await import("@/db/seed");
      const { created } = await seedDemo(handle.db);
      if (created) log.info("startup.demo_seeded", { note: "synthetic demo data; no real patient data" });
    }
    await announceSetupLink();
    log.info("startup.ready", { database: handle.driver });
  } catch (error) {
    if (error instanceof InvalidEnvironmentError || error instanceof DatabaseLockedError) {
      console.error(`\n${error.message}\n`);
    } else {
      log.error("startup.failed", errorFields(error));
      console.error("\nReadyroom could not prepare its database; see the error above.\n");
    }
    process.exit(1);
  }
}

// On a database with no active admin: print a one-time link (valid 1 hour, single use) where
// the first admin names the vendor organization and sets a password. No default account.
async function announceSetupLink(): Promise<void> {
  const config = env();
  const origin = config.AUTH_URL ?? `http://localhost:${config.PORT ?? 3000}`;
  const link = await issueSetupLink(origin);
  if (!link) return;
  log.info("startup.setup_link", { note: "no admin yet: open this link within 1 hour to create the first admin", link });
  console.log(`\nReadyroom has no admin yet. Create the first one here (valid 1 hour, single use):\n  ${link}\n`);
}
