import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: migrations are reviewed, committed and applied by
// the app on start (db/migrate.ts). `push` is never used.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
