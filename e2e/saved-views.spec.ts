import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { chooseFilter, refuseServerErrors, storageStatePath } from "./fixtures";

// Lists people shape to their questions: the portfolio's "mine", several choices of one filter,
// sorting and named saved views; and two daily questions answered in at most three clicks:
// an engineer's "what blocks go-lives this week, oldest first, exported" and a manager's "what
// changed on my implementations since Monday".
//
// Runs after portfolio.spec.ts (name order, one worker). It gives "Orders and results"
// (paused, undated, which no later spec reads) a go-live three days out and a go-live blocker,
// and puts both back afterwards. Every name and reason here is synthetic.

const REASON = "Synthetic: lab catalogue mapping not yet signed by the customer";
const ORDERS = "Orders and results";

// Each row's implementation name (the first link of its first cell).
const names = (page: Page) => page.locator("table tbody tr td:first-child > a:first-of-type").allTextContents();
const quickViews = (page: Page) => page.getByRole("navigation", { name: "Quick views" });
const isoDay = (daysAhead: number) => new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);

// A minimal CSV reader (quoted fields, doubled quotes, commas and line breaks inside quotes).
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f !== ""));
}

async function setGoLive(browser: Browser, date: string) {
  const context = await browser.newContext({ storageState: storageStatePath("manager") });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: ORDERS, exact: true }).first().click();
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("form", { name: "Edit implementation" });
  await edit.getByLabel("Go-live date").fill(date);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await context.close();
}

test.describe("the portfolio, shaped and saved", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("a manager narrows to her own pilots and assessments, sorts by name, saves the view, opens it again and deletes it", async ({ page, browser }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Your saved views" })).toContainText("None yet");

    // One click to "mine": the implementations Maya manages (or owns the engineering of).
    await quickViews(page).getByRole("link", { name: "Mine", exact: true }).click();
    await expect(page).toHaveURL(/[?&]mine=1/);
    await expect.poll(async () => (await names(page)).sort()).toEqual(["Appointment sync", ORDERS, "Scheduling availability"]);
    await expect(page.getByLabel("Only mine")).toBeChecked();

    // Two phases at once: alternatives within the filter, still only hers.
    const filters = page.getByRole("form", { name: "Filter the portfolio" });
    await chooseFilter(filters, "Phase", ["Assessment", "Pilot"]);
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/phase=assessment&phase=pilot/);
    await expect.poll(async () => (await names(page)).sort()).toEqual(["Appointment sync", ORDERS]);
    await expect(filters.locator("summary", { hasText: "Phase" })).toContainText("Assessment, Pilot");

    // Sorted by a column, both ways; the filter stays in the URL, aria-sort says which way.
    const nameHeader = page.getByRole("columnheader", { name: /Implementation/ });
    await nameHeader.getByRole("link").click();
    await expect(page).toHaveURL(/sort=name&dir=asc/);
    await expect(page).toHaveURL(/mine=1/);
    await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    await nameHeader.getByRole("link").click();
    await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
    await expect.poll(() => names(page)).toEqual([ORDERS, "Appointment sync"]);

    // Saved under a name, it is one click away from then on.
    const save = page.getByRole("form", { name: "Save this view" });
    await save.getByLabel("Save the current filters and sort as").fill("My pilots and assessments, Z to A");
    await save.getByRole("button", { name: "Save view" }).click();
    await expect(save.getByRole("status")).toContainText("Saved “My pilots and assessments, Z to A”.");
    const saved = page.getByRole("list", { name: "Your saved views" }).getByRole("link", { name: "My pilots and assessments, Z to A" });
    await expect(saved).toHaveAttribute("aria-current", "page");

    // The same name twice is refused with a message, nothing saved.
    await save.getByLabel("Save the current filters and sort as").fill("my pilots and assessments, z to a");
    await save.getByRole("button", { name: "Save view" }).click();
    await expect(save.getByRole("alert", { name: "Form error" })).toContainText("already have a saved view of that name");
    await expect(page.getByRole("list", { name: "Your saved views" }).getByRole("listitem")).toHaveCount(1);

    await filters.getByRole("link", { name: "Clear" }).click();
    await expect.poll(async () => (await names(page)).length).toBe(5);
    await page.getByRole("list", { name: "Your saved views" }).getByRole("link", { name: "My pilots and assessments, Z to A" }).click();
    await expect(page).toHaveURL(/mine=1/);
    await expect.poll(() => names(page)).toEqual([ORDERS, "Appointment sync"]);
    await expect(page.getByRole("columnheader", { name: /Implementation/ })).toHaveAttribute("aria-sort", "descending");

    // Another person never sees it.
    const engineer = await browser.newContext({ storageState: storageStatePath("engineer") });
    const erin = await engineer.newPage();
    await erin.goto("/");
    await expect(erin.getByRole("region", { name: "Your saved views" })).toContainText("None yet");
    await expect(erin.getByText("My pilots and assessments, Z to A")).toHaveCount(0);
    await engineer.close();

    await page.getByRole("button", { name: "Delete saved view My pilots and assessments, Z to A" }).click();
    await expect(page.getByRole("region", { name: "Your saved views" })).toContainText("None yet");
    noServerErrors();
  });

  test("filters and sorting work without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("manager"), javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByLabel("Only mine").check();
    await page.getByRole("form", { name: "Filter the portfolio" }).getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/mine=1/);
    await expect.poll(async () => (await names(page)).length).toBe(3);
    await page.getByRole("columnheader", { name: /Readiness/ }).getByRole("link").click();
    await expect(page).toHaveURL(/mine=1.*sort=readiness&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /Readiness/ })).toHaveAttribute("aria-sort", "ascending");
    await expect.poll(async () => (await names(page)).length).toBe(3);
    await context.close();
  });
});

test.describe("daily questions in three clicks or fewer", () => {
  test.beforeAll(async ({ browser }) => {
    // Setup, not counted: Orders and results goes live in three days and gets a go-live blocker.
    await setGoLive(browser, isoDay(3));
    const context = await browser.newContext({ storageState: storageStatePath("manager") });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: ORDERS, exact: true }).first().click();
    await page.getByRole("link", { name: "Configuration review", exact: true }).click();
    await page.getByText("Block this item").click();
    const block = page.getByRole("form", { name: "Block item" });
    await block.getByLabel("Reason").fill(REASON);
    await block.getByLabel("Severity").selectOption("go_live");
    await block.getByRole("button", { name: "Block item" }).click();
    await expect(page.getByText("Go-live blocker", { exact: true }).first()).toBeVisible();
    await context.close();
  });

  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("engineer") });
    const page = await context.newPage();
    await page.goto("/blockers?within=7");
    const row = page.locator("table tbody tr", { hasText: REASON });
    if ((await row.count()) > 0) {
      await row.locator("summary", { hasText: "Resolve" }).click();
      const resolve = row.getByRole("form", { name: "Resolve blocker: Configuration review" });
      await resolve.getByLabel("Resolution").fill("Synthetic: mapping signed");
      await resolve.getByRole("button", { name: "Resolve blocker" }).click();
      await expect(page.locator("table tbody tr", { hasText: REASON })).toHaveCount(0);
    }
    await context.close();
    await setGoLive(browser, "");
  });

  test.describe("an engineer", () => {
    test.use({ storageState: storageStatePath("engineer") });

    test("what blocks go-lives this week, oldest first, exported", async ({ page }) => {
      const noServerErrors = refuseServerErrors(page);
      await page.goto("/");
      // 1: the blockers.
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Blockers \(\d+\)$/ }).click();
      // 2: the quick view.
      await quickViews(page).getByRole("link", { name: "Go-live within 7 days, oldest first" }).click();
      await expect(page).toHaveURL(/within=7&sort=blocked_since&dir=asc/);
      await expect(page.getByRole("columnheader", { name: /Blocked since/ })).toHaveAttribute("aria-sort", "ascending");
      await expect(page.locator("table tbody tr", { hasText: REASON })).toContainText(ORDERS);
      // 3: the export, the same list.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
      const text = readFileSync(await download.path(), "utf8");
      const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
      const col = (name: string) => header!.indexOf(name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => r[col("Reason")])).toContain(REASON);
      const weekAhead = isoDay(7);
      for (const r of rows) expect(r[col("Go-live date")]! <= weekAhead && r[col("Go-live date")] !== "", r.join(" | ")).toBe(true);
      const since = rows.map((r) => r[col("Blocked since")]!);
      expect(since).toEqual([...since].sort());
      noServerErrors();
    });
  });

  test.describe("a manager", () => {
    test.use({ storageState: storageStatePath("manager") });

    test("what changed on my implementations since Monday", async ({ page }) => {
      const noServerErrors = refuseServerErrors(page);
      await page.goto("/");
      // 1: the quick view.
      await quickViews(page).getByRole("link", { name: "Mine, changed since Monday" }).click();
      await expect(page).toHaveURL(/mine=1&changed=this_week/);
      const mine = ["Appointment sync", ORDERS, "Scheduling availability"];
      await expect.poll(async () => {
        const rows = await names(page);
        return rows.includes(ORDERS) && rows.every((name) => mine.includes(name));
      }).toBe(true);
      // 2: what changed, since Monday 00:00 UTC.
      const orders = page.locator("table tbody tr", { has: page.getByRole("link", { name: ORDERS, exact: true }) });
      await orders.getByRole("link", { name: /\d+ changes? since Monday on Orders and results/ }).click();
      await expect(page).toHaveURL(/\/activity\?since=\d{4}-\d{2}-\d{2}$/);
      await expect(page.getByText(/Showing what happened since \d{4}-\d{2}-\d{2} 00:00 UTC/)).toBeVisible();
      const timeline = page.getByRole("list", { name: "Activity timeline" });
      await expect(timeline.getByRole("listitem").filter({ hasText: "blocked an item" }).first()).toContainText("Maya Okafor");
      noServerErrors();
    });
  });
});
