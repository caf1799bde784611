import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests against a production build (built by scripts/e2e.mjs into .next-e2e) on
// a freshly seeded embedded database of its own, so a running demo is never touched.
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
const oidcPort = port + 1;
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
// port + 2: the fresh-database server e2e/first-start.spec.ts starts itself; port + 3 / + 4:
// the loopback SMTP receiver and its mailbox (e2e/smtp-receiver.mjs).
const smtpPort = port + 3;
const mailboxPort = port + 4;
// One secret for the e2e server, known to the specs too, so a spec can age a session token
// (to test re-authentication) the way time would.
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");
export const e2eAuthSecret = process.env.E2E_AUTH_SECRET;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      dependencies: ["setup"],
    },
  ],
  webServer: [
    {
      // A loopback OpenID Connect provider, so single sign-on is tested end to end.
      command: "node e2e/oidc-provider.mjs",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      env: { OIDC_PORT: String(oidcPort) },
      stdout: process.env.E2E_SERVER_LOGS ? "pipe" : "ignore",
      stderr: "pipe",
    },
    {
      // A real SMTP server: the app's mail goes out through nodemailer and lands here.
      command: "node e2e/smtp-receiver.mjs",
      url: `http://127.0.0.1:${mailboxPort}/health`,
      reuseExistingServer: false,
      env: { SMTP_PORT: String(smtpPort), MAILBOX_PORT: String(mailboxPort) },
      stdout: process.env.E2E_SERVER_LOGS ? "pipe" : "ignore",
      stderr: "pipe",
    },
    {
      command: "node e2e/server.mjs",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { E2E_PORT: String(port), AUTH_OIDC_ISSUER: oidcIssuer, AUTH_SECRET: e2eAuthSecret, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
      stdout: process.env.E2E_SERVER_LOGS ? "pipe" : "ignore",
      stderr: "pipe",
    },
  ],
});
