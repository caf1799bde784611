// Serves the e2e build on its own port with a fresh, seeded embedded database.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const dataDir = join(root, ".data/e2e");
rmSync(dataDir, { recursive: true, force: true });

const server = spawn(
  process.execPath,
  [join(root, "node_modules/next/dist/bin/next"), "start", "-p", process.env.E2E_PORT ?? "3100"],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DIR: join(dataDir, "pglite"),
      READYROOM_SEED_DEMO: "true",
      READYROOM_DIST_DIR: ".next-e2e",
      AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
      // The loopback provider started by playwright.config.ts (e2e/oidc-provider.mjs).
      AUTH_OIDC_ISSUER: process.env.AUTH_OIDC_ISSUER ?? "",
      AUTH_OIDC_CLIENT_ID: process.env.AUTH_OIDC_ISSUER ? "readyroom-e2e" : "",
      AUTH_OIDC_CLIENT_SECRET: process.env.AUTH_OIDC_ISSUER ? "e2e-oidc-secret" : "",
      AUTH_OIDC_NAME: "Test SSO",
      AUTH_OIDC_ORGANIZATIONS: "riverbend,lakeshore",
      NEXT_TELEMETRY_DISABLED: "1",
      // The silent-failure watch evaluates every 2 seconds, so e2e/hypercare.spec.ts sees an
      // alert open without waiting a minute (the same schedule as production, only shorter).
      HYPERCARE_INTERVAL_SECONDS: process.env.HYPERCARE_INTERVAL_SECONDS ?? "2",
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
