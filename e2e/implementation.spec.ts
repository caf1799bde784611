import { expect, test, type Browser } from "@playwright/test";
import { storageStatePath, type AccountKey } from "./fixtures";

async function hrefOf(browser: Browser, as: AccountKey, linkName: string): Promise<string> {
  const context = await browser.newContext({ storageState: storageStatePath(as) });
  const page = await context.newPage();
  await page.goto("/");
  const href = await page.getByRole("link", { name: linkName }).getAttribute("href");
  await context.close();
  expect(href).toMatch(/^\/implementations\/[0-9a-f-]{36}$/);
  return href!;
}

test.describe("implementation page", () => {
  test.use({ storageState: storageStatePath("riverbendIt") });

  test("customer IT opens their own implementation and sees the checklist grouped by category", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Appointment sync" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Appointment sync" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Readiness checklist" })).toBeVisible();
    for (const category of ["Configuration", "Data quality", "Permissions", "Timing", "Validation", "Monitoring", "Ownership"]) {
      await expect(page.getByRole("heading", { level: 3, name: category })).toBeVisible();
    }
    await expect(page.locator('section[aria-labelledby="checklist-heading"] ul > li')).toHaveCount(11);
    const blocked = page.locator(`section[aria-labelledby="checklist-heading"] li`, { hasText: "API permission checks" });
    await expect(blocked).toContainText("Blocked");
    await expect(blocked).toContainText("Go-live blocker");
  });

  test("another health system's implementation answers 404, like one that does not exist", async ({ page, browser }) => {
    const lakeshoreHref = await hrefOf(browser, "admin", "Scheduling availability");
    for (const href of [lakeshoreHref, "/implementations/00000000-0000-4000-8000-000000000000", "/implementations/not-a-uuid"]) {
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(404);
      await expect(page.getByRole("heading", { name: "Implementation not found" })).toBeVisible();
      await expect(page.getByText("Scheduling availability")).toHaveCount(0);
    }
  });
});
