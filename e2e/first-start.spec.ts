import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { refuseServerErrors } from "./fixtures";
import { smtpPort, waitForLink } from "./mailbox";

// A real first start, as docs/running-on-postgresql.md tells it: a second server of the e2e
// build on an empty database of its own (no demo), which prints a one-time setup link; the
// first admin names the vendor, creates a health system and invites its IT person, whose
// invitation arrives by SMTP; that person signs in and sees only their organization. No SQL.

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const origin = `http://localhost:${port}`;
const root = join(__dirname, "..");
const dataDir = join(root, ".data/e2e-fresh");

let server: ChildProcess | undefined;
let setupLink = "";
let output = "";

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(dataDir, { recursive: true, force: true });
  server = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: "",
      PGLITE_DIR: join(dataDir, "pglite"),
      READYROOM_SEED_DEMO: "false",
      READYROOM_DIST_DIR: ".next-e2e",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: origin,
      AUTH_OIDC_ISSUER: "",
      AUTH_OIDC_CLIENT_ID: "",
      AUTH_OIDC_CLIENT_SECRET: "",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Readyroom first start <readyroom@first-start.example>",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const record = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.E2E_SERVER_LOGS) process.stdout.write(chunk);
  };
  server.stdout!.on("data", record);
  server.stderr!.on("data", record);
  // The operator's step: read the one-time link from the server's log.
  const pattern = /http:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]{43}/;
  setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = output.match(pattern)?.[0];
      if (found) {
        clearInterval(timer);
        resolve(found);
      } else if (server!.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the fresh server exited:\n${output.slice(-2000)}`));
      }
    }, 250);
  });
});

test.afterAll(async () => {
  if (server?.pid) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
});

test("from an empty database to an invited health-system user who signs in, without SQL", async ({ browser }) => {
  expect(setupLink.startsWith(`${origin}/setup?token=`)).toBe(true);
  // No default account: the demo's admin does not exist here.
  const probe = await browser.newContext({ baseURL: origin });
  const signIn = await probe.newPage();
  await signIn.goto("/sign-in");
  await signIn.getByLabel("E-mail").fill("admin@vendor.example");
  await signIn.getByLabel("Password").fill("readyroom-demo");
  await signIn.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(signIn.getByRole("alert", { name: "Sign-in error" })).toBeVisible();
  await probe.close();

  const adminContext = await browser.newContext({ baseURL: origin });
  const admin = await adminContext.newPage();
  const noServerErrors = refuseServerErrors(admin);
  await admin.goto(setupLink);
  await expect(admin.getByRole("heading", { name: "Set up Readyroom" })).toBeVisible();
  await admin.getByLabel("Your organization (the vendor)").fill("Northstar Integrations (synthetic)");
  await admin.getByLabel("Your name").fill("Alex First (synthetic)");
  await admin.getByLabel("Your e-mail").fill("alex@northstar.example");
  await admin.getByLabel("Choose a password").fill("first admin synthetic passphrase");
  await admin.getByLabel("Type it again").fill("first admin synthetic passphrase");
  await admin.getByRole("button", { name: "Create the first admin" }).click();
  await expect(admin.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await expect(admin.getByLabel("Signed in as")).toContainText("Admin · Northstar Integrations (synthetic)");

  // The setup link worked once.
  const replayContext = await browser.newContext({ baseURL: origin });
  const replay = await replayContext.newPage();
  await replay.goto(setupLink);
  await expect(replay.getByRole("alert", { name: "Link not valid" })).toBeVisible();
  await replayContext.close();

  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  const create = admin.getByRole("form", { name: "New health system" });
  await create.getByLabel("Name", { exact: true }).fill("Harborview Health (synthetic)");
  await create.getByLabel("Short name").fill("harborview");
  await create.getByLabel("Allowed e-mail domains").fill("harborview.example");
  await create.getByRole("button", { name: "Create health system" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Harborview Health (synthetic)" })).toBeVisible();

  const invite = admin.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Name").fill("Morgan Harbor (synthetic)");
  await invite.getByLabel("E-mail").fill("morgan@elsewhere.example");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByText("accepts addresses at harborview.example only")).toBeVisible();
  await invite.getByLabel("E-mail").fill("morgan@harborview.example");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(/Invitation sent/);
  noServerErrors();

  const { mail, link } = await waitForLink("morgan@harborview.example", "/invitation");
  expect(mail.from).toBe("readyroom@first-start.example");
  expect(link.startsWith(`${origin}/invitation?token=`)).toBe(true);

  const personContext = await browser.newContext({ baseURL: origin });
  const person = await personContext.newPage();
  await person.goto(link);
  await expect(person.getByText("Morgan Harbor (synthetic) (morgan@harborview.example) · Harborview Health (synthetic)")).toBeVisible();
  await person.getByLabel("Choose a password").fill("harbor synthetic passphrase 5");
  await person.getByLabel("Type it again").fill("harbor synthetic passphrase 5");
  await person.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(person.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await expect(person.getByLabel("Signed in as")).toContainText("Customer IT · Harborview Health (synthetic)");
  // Only their organization: no people pages, and the vendor's organization is not found.
  await expect(person.getByRole("link", { name: "People" })).toHaveCount(0);
  const response = await person.goto("/admin/organizations");
  expect(response?.status()).toBe(404);

  await admin.reload();
  await expect(admin.getByLabel("Person Morgan Harbor (synthetic)")).toContainText("Status: Active");
  await adminContext.close();
  await personContext.close();
});
