import { expect, test } from "@playwright/test";
import { refuseServerErrors, seedId, storageStatePath } from "./fixtures";

// Lists people can shape: search with tenancy, blockers oldest first, the checklist's filters.
// Reads only: no spec's data is changed here.

test.describe("search", () => {
  test("customer IT find their own rows and never another organization's", async ({ browser }) => {
    const riverbend = await browser.newContext({ storageState: storageStatePath("riverbendIt") });
    const page = await riverbend.newPage();
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/");
    await page.getByRole("search").getByLabel("Search implementations, items and blockers").fill("latency");
    await page.getByRole("search").getByRole("button", { name: "Go search" }).click();
    await expect(page).toHaveURL(/\/search\?q=latency/);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    const blockers = page.getByRole("region", { name: /Open blockers/ });
    await expect(blockers).toContainText("Latency dashboard missing the second region.");
    await expect(page.getByRole("main")).not.toContainText("Lakeshore");
    noServerErrors();
    await riverbend.close();

    const lakeshore = await browser.newContext({ storageState: storageStatePath("lakeshoreIt") });
    const other = await lakeshore.newPage();
    for (const q of ["Riverbend", "\"second region\"", "merged patients"]) {
      await other.goto(`/search?q=${encodeURIComponent(q)}`);
      await expect(other.getByRole("status")).toContainText("Nothing found");
      // No result section at all (the query itself is echoed back, so the word may appear).
      await expect(other.getByRole("main").getByRole("region")).toHaveCount(0);
      await expect(other.getByRole("main").getByRole("link")).toHaveCount(0);
    }
    await other.goto("/search?q=monitoring");
    await expect(other.getByRole("region", { name: /Checklist items/ })).toContainText("Lakeshore Medical Group (fictional)");
    await expect(other.getByRole("main")).not.toContainText("Riverbend");
    await lakeshore.close();
  });
});

test.describe("blockers oldest first", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("sorting by 'blocked since' lists the oldest first, keeps it in the URL and in the export", async ({ page }) => {
    await page.goto("/blockers");
    await page.getByRole("columnheader", { name: "Blocked since" }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=blocked_since&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /Blocked since/ })).toHaveAttribute("aria-sort", "ascending");
    const since = await page.locator("table tbody tr td:nth-child(5) time").allTextContents();
    expect(since.length).toBeGreaterThan(1);
    expect(since).toEqual([...since].sort());
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/blockers.csv?sort=blocked_since&dir=asc");
    // A second click turns it round.
    await page.getByRole("columnheader", { name: /Blocked since/ }).getByRole("link").click();
    await expect(page.getByRole("columnheader", { name: /Blocked since/ })).toHaveAttribute("aria-sort", "descending");
    const newest = await page.locator("table tbody tr td:nth-child(5) time").allTextContents();
    expect(newest).toEqual([...since].sort().reverse());
  });

  test("on a phone the blockers are cards and the order is a choice in the filter", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/blockers");
    await page.getByLabel("Order").selectOption({ label: "Oldest first" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/order=blocked_since%3Aasc/);
    const cards = page.getByRole("list", { name: "Open blockers" }).getByRole("listitem");
    expect(await cards.count()).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test.describe("checklist views", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("filters to blocked items and sorts by due date, kept in the URL", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto(`/implementations/${seedId("impl:riverbend-demographics")}`);
    const checklist = page.getByRole("region", { name: "Readiness checklist" });
    await checklist.getByLabel("Show").selectOption({ label: "Blocked" });
    await checklist.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/show=blocked/);
    await expect(checklist).toContainText("Monitoring setup");
    await expect(checklist).toContainText(/\d+ of \d+ items: blocked/);
    const statuses = checklist.getByRole("listitem");
    const count = await statuses.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await expect(statuses.nth(i)).toContainText("Blocked");

    await page.goto(`/implementations/${seedId("impl:riverbend-demographics")}?show=all&sort=due`);
    await expect(checklist).toContainText("sorted: due date, soonest first");
    noServerErrors();
  });
});
