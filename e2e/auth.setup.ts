import { expect, test as setup } from "@playwright/test";
import { accounts, signInThroughForm, storageStatePath, type AccountKey } from "./fixtures";

// Signs each role in once through the real form and stores the session for the journeys.
for (const key of Object.keys(accounts) as AccountKey[]) {
  setup(`sign in as ${key}`, async ({ page }) => {
    await page.goto("/sign-in");
    await signInThroughForm(page, accounts[key].email);
    await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
    await page.context().storageState({ path: storageStatePath(key) });
  });
}
