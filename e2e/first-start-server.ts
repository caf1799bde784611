import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { smtpPort } from "./mailbox";

// The parts the two first-start journeys share (e2e/first-start.spec.ts on an empty embedded
// database, e2e/first-start-postgres.spec.ts on an empty PostgreSQL one): a second server of the
// e2e build with no demo, whose one-time setup link the operator reads from its log, and the
// steps a first admin and an invited person take in the browser.

const root = join(__dirname, "..");

export type FreshServer = { origin: string; setupLink: string; stop: () => Promise<void> };

// Starts `next start` on `port` with the database settings in `env` and mail through the e2e
// SMTP receiver, and waits for the setup link it prints.
export async function startFreshServer({ port, env, mailFrom, name }: { port: number; env: Record<string, string>; mailFrom: string; name: string }): Promise<FreshServer> {
  const origin = `http://localhost:${port}`;
  let output = "";
  const server: ChildProcess = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      READYROOM_SEED_DEMO: "false",
      READYROOM_DIST_DIR: ".next-e2e",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: origin,
      AUTH_OIDC_ISSUER: "",
      AUTH_OIDC_CLIENT_ID: "",
      AUTH_OIDC_CLIENT_SECRET: "",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: mailFrom,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  const record = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.E2E_SERVER_LOGS) process.stdout.write(chunk);
  };
  server.stdout!.on("data", record);
  server.stderr!.on("data", record);
  const stop = async () => {
    if (server.pid && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
  };
  // The operator's step: read the one-time link from the server's log.
  const pattern = /http:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]{43}/;
  const setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = output.match(pattern)?.[0];
      if (found) {
        clearInterval(timer);
        resolve(found);
      } else if (server.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the ${name} server exited:\n${output.slice(-2000)}`));
      }
    }, 250);
  });
  return { origin, setupLink, stop };
}

// The first admin, through the setup link: names the vendor and signs in.
export async function setUpFirstAdmin(admin: Page, setupLink: string, who: { organization: string; name: string; email: string; password: string }) {
  await admin.goto(setupLink);
  await expect(admin.getByRole("heading", { name: "Set up Readyroom" })).toBeVisible();
  await admin.getByLabel("Your organization (the vendor)").fill(who.organization);
  await admin.getByLabel("Your name").fill(who.name);
  await admin.getByLabel("Your e-mail").fill(who.email);
  await admin.getByLabel("Choose a password").fill(who.password);
  await admin.getByLabel("Type it again").fill(who.password);
  await admin.getByRole("button", { name: "Create the first admin" }).click();
  // Hashing the password and signing in: slow on a busy machine.
  await expect(admin.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 30_000 });
  await expect(admin.getByLabel("Signed in as")).toContainText(`Admin · ${who.organization}`);
}

// From the People page: a health system that accepts addresses at one domain.
export async function createHealthSystem(admin: Page, system: { name: string; slug: string; domain: string }) {
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  const create = admin.getByRole("form", { name: "New health system" });
  await create.getByLabel("Name", { exact: true }).fill(system.name);
  await create.getByLabel("Short name").fill(system.slug);
  await create.getByLabel("Allowed e-mail domains").fill(system.domain);
  await create.getByRole("button", { name: "Create health system" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: system.name })).toBeVisible();
}

// An invited person accepts from the mailed link, chooses a password and lands on the portfolio.
export async function acceptInvitation(browser: Browser, origin: string, link: string, password: string) {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto(link);
  return {
    context,
    page,
    accept: async () => {
      await page.getByLabel("Choose a password").fill(password);
      await page.getByLabel("Type it again").fill(password);
      await page.getByRole("button", { name: "Accept and sign in" }).click();
      await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 30_000 });
    },
  };
}

// A used link is refused with the same "not valid" answer as an expired one.
export async function expectLinkUsed(browser: Browser, origin: string, link: string) {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("alert", { name: "Link not valid" })).toBeVisible();
  await context.close();
}
