import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React's server bundle; in tests the DAL runs in plain Node.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    // Security events are logged on purpose; show console output only for failing tests.
    silent: "passed-only",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{app,components,db,lib}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          // Against a real database with the committed migrations: in-memory PGlite by
          // default, a fresh database on the server named by DATABASE_URL when it is set.
          name: "db",
          include: ["{app,db,lib,test}/**/*.db.test.ts"],
          // Runs after the unit project when both are run at once (`npx vitest run`).
          sequence: { groupOrder: 1 },
          environment: "node",
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
