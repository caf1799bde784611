import { expect, test, type Page } from "@playwright/test";
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
    await expect(row).toContainText("0 / 11 required");
    await expect(row).toContainText("stale");

    const live = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Clinical documents" }) });
    await expect(live).toContainText("Live");
    await expect(live).toContainText("went live 30 days ago");
    await expect(live).not.toContainText("late");
    await expect(live).toContainText("100%");
    await expect(live).toContainText("9 / 9 required");
    await expect(live).toContainText("Not tracked");
  });
});

test.describe("portfolio filter, sort and risk", () => {
  test.use({ storageState: storageStatePath("manager") });

  const names = async (page: Page) =>
    page.locator("table tbody tr td:first-child a").allTextContents();

  test("a manager filters to at-risk go-lives, the URL keeps it, and each risk says why", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("combobox", { name: "Risk" }).selectOption("at_risk");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/risk=at_risk/);
    expect((await names(page)).sort()).toEqual(["Appointment sync", "Scheduling availability"]);
    await expect(page.getByText("2 of 5 implementations")).toBeVisible();

    await page.reload();
    await expect(page.getByRole("combobox", { name: "Risk" })).toHaveValue("at_risk");
    expect(await names(page)).toHaveLength(2);

    const appointments = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Appointment sync" }) });
    await appointments.getByLabel("Risk: At risk. Show why").click();
    await expect(appointments.getByText("1 open go-live blocker.")).toBeVisible();
    await expect(appointments.getByText(/of evidence (is|are) stale/)).toBeVisible();
  });

  test("on-track, not-tracked and go-live window filters, and sorting by readiness", async ({ page }) => {
    await page.goto("/?risk=on_track");
    expect(await names(page)).toEqual(["Patient demographics feed"]);
    await page.goto("/?risk=not_tracked");
    expect((await names(page)).sort()).toEqual(["Clinical documents", "Orders and results"]);
    await page.goto("/?window=7");
    expect(await names(page)).toEqual(["Scheduling availability"]);

    await page.goto("/");
    await page.getByRole("link", { name: "Readiness" }).click();
    await expect(page).toHaveURL(/sort=readiness&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /Readiness/ })).toHaveAttribute("aria-sort", "ascending");
    expect((await names(page)).at(-1)).toBe("Clinical documents");
    await page.getByRole("link", { name: "Readiness" }).click();
    await expect(page).toHaveURL(/sort=readiness&dir=desc/);
    expect((await names(page))[0]).toBe("Clinical documents");
  });

  test("a filter that matches nothing says so, and a tampered URL is ignored", async ({ page }) => {
    await page.goto("/?ehr=meditech");
    await expect(page.getByText("No implementation matches this filter.")).toBeVisible();
    const response = await page.goto("/?risk=%3Cscript%3E&sort=%27%20OR%201%3D1--&customer=not-a-uuid");
    expect(response?.status()).toBe(200);
    expect(await names(page)).toHaveLength(5);
  });
});

test.describe("customer IT filters", () => {
  test.use({ storageState: storageStatePath("riverbendIt") });

  test("offer no customer choice, and another organization's id in the URL shows nothing of theirs", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("combobox", { name: "Customer" })).toHaveCount(0);
    await page.goto("/?customer=00000000-0000-4000-8000-000000000000");
    await expect(page.getByText("No implementation matches this filter.")).toBeVisible();
  });
});
