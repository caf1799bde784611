import { expect, test } from "@playwright/test";
import { accounts, storageStatePath, type AccountKey } from "./fixtures";

const RIVERBEND = ["Appointment sync", "Patient demographics feed"];
const LAKESHORE = ["Scheduling availability", "Clinical documents", "Orders and results"];

const expectations: [AccountKey, string[]][] = [
  ["admin", [...RIVERBEND, ...LAKESHORE]],
  ["manager", [...RIVERBEND, ...LAKESHORE]],
  ["engineer", [...RIVERBEND, ...LAKESHORE]],
  ["riverbendIt", RIVERBEND],
  ["lakeshoreIt", LAKESHORE],
];

for (const [key, names] of expectations) {
  test.describe(`as ${key}`, () => {
    test.use({ storageState: storageStatePath(key) });

    test("the portfolio lists exactly the implementations this role may see", async ({ page }) => {
      await page.goto("/");
      const account = accounts[key];
      const who = page.getByLabel("Signed in as");
      await expect(who).toContainText(account.name);
      await expect(who).toContainText(account.role);
      await expect(who).toContainText(account.org);

      const rows = page.locator("table tbody tr");
      await expect(rows).toHaveCount(names.length);
      const shown = await rows.locator("td:first-child a").allTextContents();
      expect(shown.sort()).toEqual([...names].sort());
    });
  });
}

test.describe("portfolio details", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("shows go-live and days left, readiness, blockers and items by status", async ({ page }) => {
    await page.goto("/");
    const row = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Appointment sync" }) });
    await expect(row).toContainText("Riverbend Health (fictional)");
    await expect(row).toContainText("Epic");
    await expect(row).toContainText("Pilot");
    await expect(row).toContainText("in 21 days");
    await expect(row).toContainText("1 open");
    await expect(row).toContainText("Blocked: 1");

    const live = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Clinical documents" }) });
    await expect(live).toContainText("Live");
    await expect(live).toContainText("went live 30 days ago");
    await expect(live).not.toContainText("late");
    await expect(live).toContainText("9 / 9");
  });
});
