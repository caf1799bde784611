import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { acceptInvitation, createHealthSystem, expectLinkUsed, setUpFirstAdmin, startFreshServer, type FreshServer } from "./first-start-server";
import { refuseServerErrors } from "./fixtures";
import { waitForLink } from "./mailbox";

// A real first start, as docs/running-on-postgresql.md tells it: a second server of the e2e
// build on an empty database of its own (no demo), which prints a one-time setup link; the
// first admin names the vendor, creates a health system and invites its IT person, whose
// invitation arrives by SMTP; that person signs in and sees only their organization. No SQL.

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const dataDir = join(__dirname, "../.data/e2e-fresh");

let fresh: FreshServer;

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(dataDir, { recursive: true, force: true });
  fresh = await startFreshServer({
    port,
    name: "fresh",
    env: { DATABASE_URL: "", PGLITE_DIR: join(dataDir, "pglite") },
    mailFrom: "Readyroom first start <readyroom@first-start.example>",
  });
});

test.afterAll(async () => {
  await fresh?.stop();
});

test("from an empty database to an invited health-system user who signs in, without SQL", async ({ browser }) => {
  const { origin, setupLink } = fresh;
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
  await setUpFirstAdmin(admin, setupLink, {
    organization: "Northstar Integrations (synthetic)",
    name: "Alex First (synthetic)",
    email: "alex@northstar.example",
    password: "first admin synthetic passphrase",
  });

  // The setup link worked once.
  await expectLinkUsed(browser, origin, setupLink);

  await createHealthSystem(admin, { name: "Harborview Health (synthetic)", slug: "harborview", domain: "harborview.example" });
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

  const { context: personContext, page: person, accept } = await acceptInvitation(browser, origin, link, "harbor synthetic passphrase 5");
  await expect(person.getByText("Morgan Harbor (synthetic) (morgan@harborview.example) · Harborview Health (synthetic)")).toBeVisible();
  await accept();
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
