import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { acceptInvitation, createHealthSystem, expectLinkUsed, setUpFirstAdmin, startFreshServer, type FreshServer } from "./first-start-server";
import { refuseServerErrors } from "./fixtures";
import { waitForLink } from "./mailbox";

// The real deployment's path on PostgreSQL, following docs/running-on-postgresql.md and nothing
// else: a server of the e2e build on an empty PostgreSQL database this test creates (and drops),
// no demo. The operator reads the setup link from the log; the first admin creates a health
// system, invites its IT person and an implementation manager (the mail arrives by SMTP); the
// manager accepts, creates an implementation from the installed template and marks an item
// ready; the invited IT person accepts from the mail and signs it off. No SQL beyond what docs/database-roles.md has an operator run once: two roles and an
// empty database.

const port = Number(process.env.E2E_PORT ?? 3100) + 5;
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

let fresh: FreshServer | undefined;

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
  fresh = await startFreshServer({
    port,
    name: "PostgreSQL",
    env: { DATABASE_URL: urlAs(appRole), MIGRATION_DATABASE_URL: urlAs(ownerRole) },
    mailFrom: "Readyroom on PostgreSQL <readyroom@postgres-start.example>",
  });
});

test.afterAll(async () => {
  await fresh?.stop();
  await onServer(`drop database if exists "${databaseName}" with (force)`);
  await onServer(`drop role if exists "${appRole}"`);
  await onServer(`drop role if exists "${ownerRole}"`);
});

test("on an empty PostgreSQL database: first admin, a health system, an invited IT person's first sign-off, without SQL", async ({ browser }) => {
  const { origin, setupLink } = fresh!;
  expect(setupLink.startsWith(`${origin}/setup?token=`)).toBe(true);

  const adminContext = await browser.newContext({ baseURL: origin });
  const admin = await adminContext.newPage();
  const noServerErrors = refuseServerErrors(admin);
  await setUpFirstAdmin(admin, setupLink, {
    organization: "Tidewater Integrations (synthetic)",
    name: "Robin Tide (synthetic)",
    email: "robin@tidewater.example",
    password: "tidewater admin synthetic passphrase",
  });

  // Step 3: a health system and its IT person.
  await createHealthSystem(admin, { name: "Cedar Valley Health (synthetic)", slug: "cedar-valley", domain: "cedarvalley.example" });
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
  const { context: managerContext, page: manager, accept: acceptManager } = await acceptInvitation(browser, origin, managerInvitation.link, "tidewater manager synthetic passphrase");
  await acceptManager();

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
  const { context: personContext, page: person, accept } = await acceptInvitation(browser, origin, link, "cedar valley synthetic passphrase 8");
  await expect(person.getByText("Quinn Cedar (synthetic) (quinn@cedarvalley.example) · Cedar Valley Health (synthetic)")).toBeVisible();
  await accept();
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
  await expectLinkUsed(browser, origin, link);
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
