import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { refuseServerErrors, storageStatePath } from "./fixtures";
import { mailTo, waitForLink } from "./mailbox";

// On the demo: an implementation manager invites a Riverbend customer IT person; the
// invitation arrives by real SMTP (e2e/smtp-receiver.mjs); the person accepts it, sees only
// Riverbend, and signs off an item. Then an e-mailed sign-in link, used once; then a disable
// that ends the session at once. All people and addresses are synthetic.

test.describe.configure({ mode: "serial" });

const EMAIL = "dana.reyes@riverbend.example";
const NAME = "Dana Reyes (synthetic)";
const PASSWORD = "a synthetic e2e passphrase 31";
const ITEM = "Separate non-production and production client IDs";

async function managerPage(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStatePath("manager") });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organizations and people" })).toBeVisible();
  await page.getByRole("link", { name: "Riverbend Health (fictional)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Riverbend Health (fictional)" })).toBeVisible();
  return page;
}

let signedIn: { browser: Browser; state: Awaited<ReturnType<BrowserContext["storageState"]>> } | null = null;

test("a manager invites customer IT, who accepts from the e-mail, sees only their organization and signs off", async ({ browser }) => {
  const manager = await managerPage(browser);
  const noServerErrors = refuseServerErrors(manager);
  const invite = manager.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Name").fill(NAME);
  await invite.getByLabel("E-mail").fill(EMAIL);
  await expect(invite.getByLabel("Role")).toHaveValue("customer_it");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(/Invitation sent/);
  await expect(manager.getByLabel(`Person ${NAME}`)).toContainText("Status: Invited");
  noServerErrors();

  const { mail, link } = await waitForLink(EMAIL, "/invitation");
  expect(mail.subject).toBe("You are invited to Readyroom (Riverbend Health (fictional))");
  expect(mail.html).toContain("Accept the invitation");

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await page.getByLabel("Choose a password").fill("short");
  await page.getByLabel("Type it again").fill("short");
  await page.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByLabel("Type it again").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept and sign in" }).click();

  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await expect(page.getByLabel("Signed in as")).toContainText(NAME);
  await expect(page.getByLabel("Signed in as")).toContainText("Riverbend Health (fictional)");
  await expect(page.locator("table tbody tr")).toHaveCount(2);
  await expect(page.locator("table")).not.toContainText("Lakeshore");
  await expect(page.getByRole("link", { name: "People" })).toHaveCount(0);

  // The invitation works once.
  const replay = await browser.newContext();
  const again = await replay.newPage();
  await again.goto(link);
  await expect(again.getByRole("alert", { name: "Link not valid" })).toBeVisible();
  await replay.close();

  // The first sign-off by the newly invited person.
  await page.getByRole("link", { name: "Appointment sync" }).click();
  await page.getByRole("link", { name: ITEM, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: ITEM })).toBeVisible();
  const sign = page.getByRole("form", { name: "Sign off" });
  await sign.getByLabel(/^Approve/).check();
  await sign.getByRole("button", { name: /^Sign version \d+/ }).click();
  await expect(page.getByRole("list", { name: "Required sign-offs" }).getByText(new RegExp(`Signed v\\d+ by ${NAME.replace(/[()]/g, "\\$&")}`))).toBeVisible();

  await manager.reload();
  await expect(manager.getByLabel(`Person ${NAME}`)).toContainText("Status: Active");
  signedIn = { browser, state: await context.storageState() };
  await context.close();
});

test("an e-mailed sign-in link signs in once; a replay is refused", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "E-mail me a sign-in link" }).click();
  // Wait for the page to settle: typing before the form is ready can be lost on a busy machine.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail").fill(EMAIL);
  await page.getByRole("button", { name: "E-mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If this address may sign in with an e-mailed link");
  // An unknown address gets the same answer, and no mail.
  await page.getByLabel("E-mail").fill("nobody@riverbend.example");
  await page.getByRole("button", { name: "E-mail me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If this address may sign in with an e-mailed link");

  const { link } = await waitForLink(EMAIL, "/sign-in/link");
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  await expect(page.getByLabel("Signed in as")).toContainText(NAME);
  expect(await mailTo("nobody@riverbend.example")).toEqual([]);

  const other = await browser.newContext();
  const replay = await other.newPage();
  await replay.goto(link);
  await replay.getByRole("button", { name: "Sign in" }).click();
  await expect(replay.getByRole("alert", { name: "Form error" })).toContainText("no longer valid");
  await other.close();
  await context.close();
});

test("disabling a person ends their session at once", async ({ browser }) => {
  expect(signedIn).not.toBeNull();
  const context = await browser.newContext({ storageState: signedIn!.state });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();

  const manager = await managerPage(browser);
  const person = manager.getByRole("listitem").filter({ has: manager.getByLabel(`Person ${NAME}`) });
  await person.getByRole("button", { name: "Disable" }).click();
  await expect(manager.getByLabel(`Person ${NAME}`)).toContainText("Status: Disabled");

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
