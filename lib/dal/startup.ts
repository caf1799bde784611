import "server-only";
import { databaseHandle, DatabaseLockedError } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { env, InvalidEnvironmentError } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { issueSetupLink } from "./account";

// Runs once when a server process starts (instrumentation.ts): validate the configuration,
// open the database, apply migrations, seed the synthetic demo when enabled. Any failure
// stops the process with a message that says what to fix.
export async function prepareServer(): Promise<void> {
  try {
    const config = env();
    const handle = databaseHandle();
    await migrateDatabase(handle, config.DATABASE_URL);
    if (config.READYROOM_SEED_DEMO) {
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
