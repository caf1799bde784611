import { expect, test, type Page } from "@playwright/test";
import { accounts, chooseFilter, storageStatePath, type AccountKey } from "./fixtures";

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
    // Readiness is the gate's count: its three operational items were validated more than the
    // freshness window ago, so their sign-offs no longer count.
    await expect(live).toContainText("66%");
    await expect(live).toContainText("6 / 9 required");
    await expect(live).toContainText("No-go");
    await expect(live).toContainText("Not tracked");
  });

  test("shows the gate's verdict with its reason counts, the same verdict as the implementation page", async ({ page }) => {
    await page.goto("/");
    const row = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Patient demographics feed", exact: true }) });
    const gate = row.getByRole("link", { name: /^Gate: No-go\s*,?\s*\d+ blocking/ });
    await expect(gate).toBeVisible();
    const label = (await gate.textContent()) ?? "";
    const blocking = Number(/(\d+) blocking/.exec(label)?.[1]);
    // A No-go 75 days out still has time: the forecast says so, and why.
    await expect(row).toContainText("On track");
    await row.getByLabel("Risk: On track. Show why").click();
    await expect(row.getByText(`The gate says No-go: ${blocking} blocking reasons`, { exact: false })).toBeVisible();

    await gate.click();
    await expect(page.getByText("Gate: No-go")).toBeVisible();
    await expect(page.getByRole("heading", { name: `Blocking (${blocking})` })).toBeVisible();
  });

  test("on a phone, each implementation is a card with its gate and risk", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await expect(page.locator("table")).toBeHidden();
    const cards = page.getByRole("list", { name: "Implementations" }).getByRole("listitem").filter({ has: page.getByRole("link") });
    await expect(cards).toHaveCount(5);
    const availability = cards.filter({ has: page.getByRole("link", { name: "Scheduling availability" }) });
    await expect(availability).toContainText("No-go");
    await expect(availability).toContainText("At risk");
    await expect(availability).toContainText("in 6 days");
  });
});

test.describe("portfolio filter, sort and risk", () => {
  test.use({ storageState: storageStatePath("manager") });

  const names = async (page: Page) =>
    page.locator("table tbody tr td:first-child a").allTextContents();

  test("a manager filters to at-risk go-lives, the URL keeps it, and each risk says why", async ({ page }) => {
    await page.goto("/");
    await chooseFilter(page, "Risk", ["At risk"]);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/risk=at_risk/);
    // At risk is a No-go within 14 days of go-live: only Scheduling availability (6 days out).
    // Appointment sync is No-go too, but 21 days out: on track, with time to clear it.
    expect(await names(page)).toEqual(["Scheduling availability"]);
    await expect(page.getByText("1 of 5 implementations")).toBeVisible();

    await page.reload();
    await expect(page.getByRole("form", { name: "Filter the portfolio" }).locator("summary", { hasText: "Risk" })).toContainText("At risk");
    expect(await names(page)).toHaveLength(1);

    const availability = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Scheduling availability" }) });
    await availability.getByLabel("Risk: At risk. Show why").click();
    await expect(availability.getByText(/The gate says No-go: \d+ blocking reasons?/)).toBeVisible();
    await expect(availability.getByText("6 days to go-live.")).toBeVisible();
  });

  test("gate, on-track, not-tracked and go-live window filters, and sorting by readiness and gate", async ({ page }) => {
    await page.goto("/?verdict=go");
    await expect(page.getByText("No implementation matches this filter.")).toBeVisible();
    await page.goto("/");
    await chooseFilter(page, "Gate", ["No-go"]);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/verdict=no_go/);
    expect(await names(page)).toHaveLength(5);
    await page.goto("/?risk=on_track");
    expect(await names(page)).toEqual(["Appointment sync", "Patient demographics feed"]);
    await page.goto("/?risk=not_tracked");
    expect((await names(page)).sort()).toEqual(["Clinical documents", "Orders and results"]);
    await page.goto("/?window=7");
    expect(await names(page)).toEqual(["Scheduling availability"]);

    await page.goto("/");
    await page.getByRole("link", { name: "Readiness" }).click();
    await expect(page).toHaveURL(/sort=readiness&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /Readiness/ })).toHaveAttribute("aria-sort", "ascending");
    expect((await names(page)).at(-1)).toBe("Scheduling availability");
    await page.getByRole("link", { name: "Readiness" }).click();
    await expect(page).toHaveURL(/sort=readiness&dir=desc/);
    expect((await names(page))[0]).toBe("Scheduling availability");

    await page.getByRole("link", { name: "Gate", exact: true }).click();
    await expect(page).toHaveURL(/sort=verdict&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /Gate/ })).toHaveAttribute("aria-sort", "ascending");
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
    await expect(page.getByRole("form", { name: "Filter the portfolio" }).getByText("Customer", { exact: true })).toHaveCount(0);
    await page.goto("/?customer=00000000-0000-4000-8000-000000000000");
    await expect(page.getByText("No implementation matches this filter.")).toBeVisible();
  });
});
