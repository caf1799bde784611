import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { refuseServerErrors } from "./fixtures";
import { smtpPort, waitForLink } from "./mailbox";

// The real deployment's path on PostgreSQL, following docs/running-on-postgresql.md and nothing
// else: a server of the e2e build on an empty PostgreSQL database this test creates (and drops),
// no demo. The operator reads the setup link from the log; the first admin creates a health
// system, invites its IT person and an implementation manager (the mail arrives by SMTP); the
// manager accepts, creates an implementation from the installed template and marks an item
// ready; the invited IT person accepts from the mail and signs it off. No SQL beyond what docs/database-roles.md has an operator run once: two roles and an
// empty database.

const port = Number(process.env.E2E_PORT ?? 3100) + 5;
const origin = `http://localhost:${port}`;
const root = join(__dirname, "..");
const serverUrl = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const suffix = randomBytes(6).toString("hex");
const databaseName = `readyroom_e2e_${suffix}`;
// The two roles docs/database-roles.md asks for: an owner for migrations, and an app role that
// owns nothing (a production server refuses to run as a superuser or owner).
const ownerRole = `readyroom_e2e_owner_${suffix}`;
const appRole = `readyroom_e2e_app_${suffix}`;
const rolePassword = randomBytes(12).toString("hex");
const urlAs = (role: string) => {
  const url = new URL(serverUrl);
  url.username = role;
  url.password = rolePassword;
  url.pathname = `/${databaseName}`;
  return url.toString();
};

let server: ChildProcess | undefined;
let setupLink = "";
let output = "";

async function onServer(statement: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

test.describe.configure({ mode: "serial", timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await onServer(`create role "${ownerRole}" login password '${rolePassword}'`);
  await onServer(`create role "${appRole}" login password '${rolePassword}'`);
  await onServer(`create database "${databaseName}" owner "${ownerRole}"`);
  server = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: urlAs(appRole),
      MIGRATION_DATABASE_URL: urlAs(ownerRole),
      READYROOM_SEED_DEMO: "false",
      READYROOM_DIST_DIR: ".next-e2e",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_URL: origin,
      AUTH_OIDC_ISSUER: "",
      AUTH_OIDC_CLIENT_ID: "",
      AUTH_OIDC_CLIENT_SECRET: "",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Readyroom on PostgreSQL <readyroom@postgres-start.example>",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const record = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.E2E_SERVER_LOGS) process.stdout.write(chunk);
  };
  server.stdout!.on("data", record);
  server.stderr!.on("data", record);
  const pattern = /http:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]{43}/;
  setupLink = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = output.match(pattern)?.[0];
      if (found) {
        clearInterval(timer);
        resolve(found);
      } else if (server!.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the PostgreSQL server exited:\n${output.slice(-2000)}`));
      }
    }, 250);
  });
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  await onServer(`drop database if exists "${databaseName}" with (force)`);
  await onServer(`drop role if exists "${appRole}"`);
  await onServer(`drop role if exists "${ownerRole}"`);
});

test("on an empty PostgreSQL database: first admin, a health system, an invited IT person's first sign-off, without SQL", async ({ browser }) => {
  expect(setupLink.startsWith(`${origin}/setup?token=`)).toBe(true);

  const adminContext = await browser.newContext({ baseURL: origin });
  const admin = await adminContext.newPage();
  const noServerErrors = refuseServerErrors(admin);
  await admin.goto(setupLink);
  await expect(admin.getByRole("heading", { name: "Set up Readyroom" })).toBeVisible();
  await admin.getByLabel("Your organization (the vendor)").fill("Tidewater Integrations (synthetic)");
  await admin.getByLabel("Your name").fill("Robin Tide (synthetic)");
  await admin.getByLabel("Your e-mail").fill("robin@tidewater.example");
  await admin.getByLabel("Choose a password").fill("tidewater admin synthetic passphrase");
  await admin.getByLabel("Type it again").fill("tidewater admin synthetic passphrase");
  await admin.getByRole("button", { name: "Create the first admin" }).click();
  // Hashing the password and signing in: slow on a busy machine.
  await expect(admin.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 30_000 });
  await expect(admin.getByLabel("Signed in as")).toContainText("Admin · Tidewater Integrations (synthetic)");

  // Step 3: a health system and its IT person.
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  const create = admin.getByRole("form", { name: "New health system" });
  await create.getByLabel("Name", { exact: true }).fill("Cedar Valley Health (synthetic)");
  await create.getByLabel("Short name").fill("cedar-valley");
  await create.getByLabel("Allowed e-mail domains").fill("cedarvalley.example");
  await create.getByRole("button", { name: "Create health system" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Cedar Valley Health (synthetic)" })).toBeVisible();
  const invite = admin.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Name").fill("Quinn Cedar (synthetic)");
  await invite.getByLabel("E-mail").fill("quinn@cedarvalley.example");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(/Invitation sent/);

  // The vendor's implementation manager, invited the same way (admins manage people; the
  // checklist is the managers' to run).
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await admin.getByRole("link", { name: "Tidewater Integrations (synthetic)" }).click();
  const inviteStaff = admin.getByRole("form", { name: "Invite someone" });
  await inviteStaff.getByLabel("Name").fill("Sasha Manager (synthetic)");
  await inviteStaff.getByLabel("E-mail").fill("sasha@tidewater.example");
  await inviteStaff.getByLabel("Role").selectOption("implementation_manager");
  await inviteStaff.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteStaff.getByRole("status")).toHaveText(/Invitation sent/);
  noServerErrors();

  const managerInvitation = await waitForLink("sasha@tidewater.example", "/invitation");
  const managerContext = await browser.newContext({ baseURL: origin });
  const manager = await managerContext.newPage();
  await manager.goto(managerInvitation.link);
  await manager.getByLabel("Choose a password").fill("tidewater manager synthetic passphrase");
  await manager.getByLabel("Type it again").fill("tidewater manager synthetic passphrase");
  await manager.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(manager.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 30_000 });

  // An implementation for the health system, from the template every database has (no demo).
  await manager.getByRole("link", { name: "New implementation" }).click();
  const form = manager.getByRole("form", { name: "New implementation" });
  await form.getByLabel("Customer").selectOption({ label: "Cedar Valley Health (synthetic)" });
  await expect(form.getByLabel("Checklist template")).toHaveValue(/.+/);
  await form.getByLabel("Name").fill("Lab results feed");
  await form.getByLabel("Go-live date").fill("2027-09-30");
  await form.getByRole("button", { name: "Create implementation" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Lab results feed" })).toBeVisible();
  await expect(manager.locator('section[aria-labelledby="checklist-heading"] ul > li')).toHaveCount(9);
  // Support readiness is signed on attestation: the manager marks it ready for sign-off.
  await manager.getByRole("link", { name: "Support readiness", exact: true }).click();
  const item = manager.getByRole("form", { name: "Edit item" });
  await item.getByLabel("Status").selectOption("ready_for_signoff");
  await item.getByRole("button", { name: "Save changes" }).click();
  await expect(manager.locator("header").getByText("Ready for sign-off")).toBeVisible();
  await managerContext.close();

  // Step 4: the invited person, from the mail.
  const { mail, link } = await waitForLink("quinn@cedarvalley.example", "/invitation");
  expect(mail.from).toBe("readyroom@postgres-start.example");
  expect(link.startsWith(`${origin}/invitation?token=`)).toBe(true);
  const personContext = await browser.newContext({ baseURL: origin });
  const person = await personContext.newPage();
  await person.goto(link);
  await expect(person.getByText("Quinn Cedar (synthetic) (quinn@cedarvalley.example) · Cedar Valley Health (synthetic)")).toBeVisible();
  await person.getByLabel("Choose a password").fill("cedar valley synthetic passphrase 8");
  await person.getByLabel("Type it again").fill("cedar valley synthetic passphrase 8");
  await person.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(person.getByRole("heading", { name: "Portfolio" })).toBeVisible({ timeout: 30_000 });
  await expect(person.getByLabel("Signed in as")).toContainText("Customer IT · Cedar Valley Health (synthetic)");
  await expect(person.locator("table tbody tr")).toHaveCount(1);

  // The first sign-off.
  await person.getByRole("link", { name: "Lab results feed" }).click();
  await person.getByRole("link", { name: "Support readiness", exact: true }).click();
  const sign = person.getByRole("form", { name: "Sign off" });
  await sign.getByLabel(/^Approve/).check();
  await sign.getByRole("button", { name: /^Sign version \d+/ }).click();
  await expect(person.getByRole("list", { name: "Required sign-offs" }).getByText(/Signed v\d+ by Quinn Cedar \(synthetic\)/)).toBeVisible();

  // The invitation worked once.
  const replayContext = await browser.newContext({ baseURL: origin });
  const replay = await replayContext.newPage();
  await replay.goto(link);
  await expect(replay.getByRole("alert", { name: "Link not valid" })).toBeVisible();
  await replayContext.close();
  await personContext.close();

  // The admin's Sent mail page lists the invitation as sent over SMTP, without its body (the
  // body held the link).
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sent mail" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Sent mail" })).toBeVisible();
  const sent = admin.getByRole("article", { name: "Mail to quinn@cedarvalley.example: You are invited to Readyroom (Cedar Valley Health (synthetic))" });
  await expect(sent).toContainText("Sent");
  await expect(sent).not.toContainText("token=");
  await adminContext.close();
});
