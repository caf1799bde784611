// `npm run admin:create -- --email you@vendor.example --name "Your Name" [--organization "Vendor name"]`
// Creates an admin in the vendor organization (and the organization, if there is none) and
// prints a one-time link to set the password. It never sets or prints a password. On embedded
// Postgres run it while the server is stopped (one process per data directory).
import { parseArgs } from "node:util";
import { databaseHandle } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { createAdminWithLink } from "@/lib/dal/account";
import { env } from "@/lib/server/env";
import { emailField } from "@/lib/validation/people";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, organization: { type: "string" } } });
  const email = emailField.safeParse(values.email ?? "");
  const name = values.name?.trim();
  if (!email.success || !name) {
    console.error('usage: npm run admin:create -- --email you@vendor.example --name "Your Name" [--organization "Vendor name"]');
    process.exit(2);
  }
  const config = env();
  const handle = databaseHandle();
  try {
    await migrateDatabase(handle, config.DATABASE_URL);
    const origin = config.AUTH_URL ?? `http://localhost:${config.PORT ?? 3000}`;
    const { link, created } = await createAdminWithLink({ email: email.data, name, organizationName: values.organization }, origin);
    console.log(created ? `Admin ${email.data} created.` : `${email.data} is already an admin: here is a new link to set the password.`);
    console.log(`Open this link to set the password (it works once, then expires):\n  ${link}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
