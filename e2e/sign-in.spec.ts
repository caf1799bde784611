import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, refuseServerErrors, signInThroughForm } from "./fixtures";

test.describe("signed out", () => {
  test("a visit to the portfolio goes to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Readyroom" })).toBeVisible();
  });

  test("a deep link survives sign-in", async ({ page }) => {
    await page.goto("/implementations/00000000-0000-4000-8000-000000000000");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await signInThroughForm(page, "engineer@vendor.example");
    await expect(page).toHaveURL(/\/implementations\/00000000-0000-4000-8000-000000000000$/);
    await expect(page.getByRole("heading", { name: "Implementation not found" })).toBeVisible();
  });
});

test.describe("sign-in form", () => {
  test("a wrong password shows one clear error and keeps the e-mail", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/sign-in");
    await signInThroughForm(page, "manager@vendor.example", "not-the-password");
    const alert = page.getByRole("alert", { name: "Sign-in error" });
    await expect(alert).toContainText("couldn't sign you in with that e-mail and password");
    await expect(page.getByLabel("E-mail")).toHaveValue("manager@vendor.example");
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page).toHaveURL(/\/sign-in/);
    noServerErrors();
  });

  test("an unknown account and a disabled account get the very same answer", async ({ page }) => {
    await page.goto("/sign-in");
    await signInThroughForm(page, "nobody@vendor.example");
    const unknown = await page.getByRole("alert", { name: "Sign-in error" }).textContent();
    await page.goto("/sign-in");
    await signInThroughForm(page, "former@lakeshore.example");
    await expect(page.getByRole("alert", { name: "Sign-in error" })).toHaveText(unknown!);
  });

  const badInputs: [string, string, string, string][] = [
    ["empty fields", "", "", "Enter your e-mail address."],
    ["a 10 kB e-mail", `${"a".repeat(10_000)}@example.org`, "x", "That e-mail address is too long."],
    ["a NUL byte", "it\u0000@riverbend.example", DEMO_PASSWORD, "contains a character that is not allowed"],
    ["an RTL override", "\u202Eit@riverbend.example", DEMO_PASSWORD, "Enter a valid e-mail address"],
    ["markup", '"><img src=x onerror=alert(1)>', "x", "Enter a valid e-mail address"],
    ["emoji and full-width letters", "ｉｔ🙂@riverbend.example", DEMO_PASSWORD, "Enter a valid e-mail address"],
  ];
  for (const [label, email, password, message] of badInputs) {
    test(`${label} gets a message next to the field and no server error`, async ({ page }) => {
      const noServerErrors = refuseServerErrors(page);
      let dialogs = 0;
      page.on("dialog", (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      await page.goto("/sign-in");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.locator("#email-error")).toContainText(message);
      await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
      expect(dialogs).toBe(0);
      noServerErrors();
    });
  }
});

test("signing out ends the session, and a copied cookie no longer works", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signInThroughForm(page, "it2@riverbend.example");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  const copied = await context.cookies();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);

  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const replayPage = await replay.newPage();
  await replayPage.goto("/");
  await expect(replayPage).toHaveURL(/\/sign-in$/);
  await replay.close();
  await context.close();
});
