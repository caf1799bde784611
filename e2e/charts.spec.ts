import { expect, test, type Page } from "@playwright/test";
import { chooseFilter, storageStatePath } from "./fixtures";

// The pictures (readiness bar, burn-up, go-live timeline) render, without errors, and each has
// its text equivalent readable by role.

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test.describe("as a manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("the portfolio shows each row's readiness as a bar with its numbers in a list", async ({ page }) => {
    await page.goto("/");
    const row = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Appointment sync" }) });
    await expect(row.locator('[data-chart="readiness-bar"]')).toBeVisible();
    const list = row.getByRole("list", { name: "Required items of Appointment sync by status" });
    await expect(list).toBeVisible();
    await expect(list.getByRole("listitem").filter({ hasText: "blocked" })).toContainText("1 blocked");
  });

  test("the implementation page draws the burn-up with go-live, and says it in text and a table", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/");
    await page.getByRole("table").getByRole("link", { name: "Appointment sync" }).first().click();
    const section = page.getByRole("region", { name: "Readiness over time" });
    await expect(section).toBeVisible();
    await expect(section.getByRole("list", { name: "Required items by status" })).toBeVisible();
    await expect(section.getByTestId("forecast")).toHaveText(/At this pace|No required item was done|Every required item is done/);
    const table = section.getByRole("table", { name: "Required items done by day" });
    await expect(table.getByRole("row").filter({ hasText: "(today)" })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: "(go-live)" })).toHaveCount(1);
    // recharts, loaded on this page only, draws its lines.
    const chart = section.locator('[data-chart="burn-up"]');
    await expect(chart.locator("svg.recharts-surface")).toBeVisible();
    await expect(chart.locator("text").filter({ hasText: /^Go-live$/ })).toHaveCount(1);
    await expect(chart.locator(".recharts-line")).toHaveCount(2);
    expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
  });

  test("the timeline lists go-lives with verdict in words and filters like the portfolio", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Timeline" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Go-live timeline" })).toBeVisible();
    const rows = page.getByTestId("timeline-row");
    await expect(rows).toHaveCount(5);
    await expect(rows.filter({ hasText: "Appointment sync" }).getByRole("link", { name: /^Gate of Appointment sync/ })).toBeVisible();

    // Filter by customer: only that customer's rows remain.
    await chooseFilter(page, "Customer", ["Riverbend Health (fictional)"]);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/timeline\?/);
    await expect(rows).toHaveCount(2);

    // One click to "projected late": every row says so in words.
    await page.getByRole("navigation", { name: "Quick filters" }).getByRole("link", { name: "Projected late" }).click();
    await expect(page).toHaveURL(/forecast=late/);
    const late = await rows.count();
    for (let i = 0; i < late; i++) await expect(rows.nth(i)).toContainText("Projected late");

    // The gate's reasons are one click away.
    await page.goto("/timeline");
    await rows.filter({ hasText: "Appointment sync" }).getByRole("link", { name: /^Gate of Appointment sync/ }).click();
    await expect(page.getByRole("heading", { name: "Go/no-go gate" })).toBeAttached();
    expect(errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
  });
});

test.describe("as Riverbend's IT", () => {
  test.use({ storageState: storageStatePath("riverbendIt") });

  test("the timeline shows only their own implementations", async ({ page }) => {
    await page.goto("/timeline");
    const rows = page.getByTestId("timeline-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "Scheduling availability" })).toHaveCount(0);
  });
});
