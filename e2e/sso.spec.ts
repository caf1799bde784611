import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./fixtures";
import { waitForLink } from "./mailbox";

async function openProvider(page: Page) {
  await page.getByRole("button", { name: "Sign in with Test SSO" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
}

// Single sign-on through the loopback OIDC provider (e2e/oidc-provider.mjs).
test.describe("single sign-on", () => {
  test("an existing user signs in through the identity provider and lands on their portfolio", async ({ page }) => {
    await page.goto("/sign-in");
    await openProvider(page);
    await page.getByLabel("E-mail", { exact: true }).fill("IT@Lakeshore.example");
    await page.getByRole("button", { name: "Continue" }).click();

    await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
    await expect(page.getByLabel("Signed in as")).toContainText("Priya Raman");
    await expect(page.locator("table tbody tr")).toHaveCount(3);
  });

  test("an e-mail with no Readyroom account is refused", async ({ page }) => {
    await page.goto("/sign-in");
    await openProvider(page);
    await page.getByLabel("E-mail", { exact: true }).fill("stranger@lakeshore.example");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("alert", { name: "Single sign-on error" })).toContainText("must already exist");
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("an e-mail the provider has not verified is refused", async ({ page }) => {
    await page.goto("/sign-in");
    await openProvider(page);
    await page.getByLabel("E-mail", { exact: true }).fill("it@riverbend.example");
    await page.getByLabel("E-mail verified").uncheck();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert", { name: "Single sign-on error" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a disabled user cannot get in through single sign-on either", async ({ page }) => {
    await page.goto("/sign-in");
    await openProvider(page);
    await page.getByLabel("E-mail", { exact: true }).fill("former@lakeshore.example");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert", { name: "Single sign-on error" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a vendor account cannot use a provider bound to the health systems", async ({ page }) => {
    await page.goto("/sign-in");
    await openProvider(page);
    await page.getByLabel("E-mail", { exact: true }).fill("admin@vendor.example");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert", { name: "Single sign-on error" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("the account follows the provider's subject, not the e-mail it presents", async ({ browser }) => {
    const signInAs = async (email: string, subject: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto("/sign-in");
      await openProvider(page);
      await page.getByLabel("E-mail", { exact: true }).fill(email);
      await page.getByLabel("Subject").fill(subject);
      await page.getByRole("button", { name: "Continue" }).click();
      return { context, page };
    };
    // First sign-in with a verified e-mail links Jordan's account to this subject.
    const first = await signInAs("it2@riverbend.example", "jordan-at-the-idp");
    await expect(first.page.getByLabel("Signed in as")).toContainText("Jordan Ames");
    await first.context.close();
    // The e-mail changed at the provider: same subject, same account.
    const renamed = await signInAs("jordan.ames.new@riverbend.example", "jordan-at-the-idp");
    await expect(renamed.page.getByLabel("Signed in as")).toContainText("Jordan Ames");
    await renamed.context.close();
    // Another subject presenting Jordan's e-mail does not get the account.
    const other = await signInAs("it2@riverbend.example", "someone-else");
    await expect(other.page.getByRole("alert", { name: "Single sign-on error" })).toBeVisible();
    await other.context.close();
  });

  test("an invitation is accepted by signing in with single sign-on, once; the admin's Sent mail lists it", async ({ browser }) => {
    const email = "ellis.park@riverbend.example";
    const name = "Ellis Park (synthetic)";
    const managerContext = await browser.newContext({ storageState: storageStatePath("manager") });
    const manager = await managerContext.newPage();
    await manager.goto("/");
    await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
    await manager.getByRole("link", { name: "Riverbend Health (fictional)" }).click();
    const invite = manager.getByRole("form", { name: "Invite someone" });
    await invite.getByLabel("Name").fill(name);
    await invite.getByLabel("E-mail").fill(email);
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByRole("status")).toHaveText(/Invitation sent/);
    await expect(manager.getByLabel(`Person ${name}`)).toContainText("Status: Invited");

    const { link } = await waitForLink(email, "/invitation");
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole("button", { name: "Accept with Test SSO" }).click();
    await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
    await page.getByLabel("E-mail", { exact: true }).fill(email);
    await page.getByLabel("Subject").fill("ellis-at-the-idp");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
    await expect(page.getByLabel("Signed in as")).toContainText(name);
    await expect(page.getByLabel("Signed in as")).toContainText("Customer IT · Riverbend Health (fictional)");
    await context.close();

    await manager.reload();
    await expect(manager.getByLabel(`Person ${name}`)).toContainText("Status: Active");
    await managerContext.close();

    // Accepted: the link no longer opens anything.
    const replayContext = await browser.newContext();
    const replay = await replayContext.newPage();
    await replay.goto(link);
    await expect(replay.getByRole("alert", { name: "Link not valid" })).toBeVisible();
    await replayContext.close();

    // The admin sees the invitation on Sent mail, sent over SMTP, without its link.
    const adminContext = await browser.newContext({ storageState: storageStatePath("admin") });
    const admin = await adminContext.newPage();
    await admin.goto("/");
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sent mail" }).click();
    const sent = admin.getByRole("article", { name: `Mail to ${email}: You are invited to Readyroom (Riverbend Health (fictional))` });
    await expect(sent).toContainText("Sent");
    await expect(sent).not.toContainText("token=");
    await adminContext.close();
  });
});
