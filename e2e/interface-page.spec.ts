import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { addInterfaceForm, refuseServerErrors, seedId, storageStatePath } from "./fixtures";
import { simulateTraffic } from "../lib/hypercare/simulation";

// The silent-failure watch on one interface of "Clinical documents" (live, Lakeshore): a manager
// adds the interface and makes a metrics token, `npm run simulate:hypercare` posts four weeks of
// fictional hourly traffic through the public API, and the interface page shows the week
// against the learned band (chart, summary, per-day table) and the rules in force; a rule set
// by hand takes effect and clears again. The page fits a phone and passes axe; another
// organization's customer IT gets not found.

const implementationId = seedId("impl:lakeshore-documents");
const FEED = "Document index feed (fictional)";
const run = promisify(execFile);
const root = join(__dirname, "..");

test.use({ storageState: storageStatePath("manager") });

test("posted traffic is drawn against its band with a table equivalent, and a hand-set rule takes effect", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const noServerErrors = refuseServerErrors(page);

  await page.goto(`/implementations/${implementationId}/interfaces`);
  const add = await addInterfaceForm(page);
  await add.getByLabel("Name").fill(FEED);
  await add.getByRole("button", { name: "Add interface" }).click();
  const link = page.getByRole("listitem", { name: FEED }).getByRole("link", { name: FEED });
  const href = (await link.getAttribute("href"))!;
  const interfaceId = href.split("/").at(-1)!;

  // Before any figures: the page says how to get some.
  await link.click();
  await expect(page.getByRole("heading", { level: 2, name: FEED })).toBeVisible();
  await expect(page.getByText("No traffic figures in the last 13 weeks.")).toBeVisible();
  await expect(page.getByText(`--interface ${interfaceId}`)).toBeVisible();

  await page.goto(`/implementations/${implementationId}/api-tokens`);
  const form = page.getByRole("form", { name: "New API token" });
  await form.getByLabel(/^Name/).fill("E2E interface engine");
  await form.getByLabel("Production").check();
  await form.getByLabel("Post interface metrics").check();
  await form.getByRole("button", { name: "Make token" }).click();
  const token = (await page.getByLabel("The new token").textContent())!.trim();

  const { stdout } = await run(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/simulate-hypercare.ts", "--url", baseURL!, "--implementation", implementationId, "--interface", interfaceId], {
    cwd: root,
    env: { ...process.env, READYROOM_API_TOKEN: token },
    timeout: 240_000,
  });
  expect(stdout).toMatch(/Posted 672 new hourly figures/);
  expect(stdout).toContain(`/implementations/${implementationId}/interfaces/${interfaceId}`);

  // The silent stretch of the week the script posted (the generator is pure: same figures here).
  const { silent } = simulateTraffic({ end: new Date() });
  const silentDay = silent.from.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

  await page.goto(href);
  const traffic = page.getByRole("region", { name: "Production: messages per hour, last 7 days" });
  await expect(traffic.getByTestId("traffic-summary-production")).toContainText(/[\d,]+ messages from .* UTC; usual for these hours about [\d,]+\. \d+ errors?\./);
  await expect(traffic.getByRole("list", { name: "Production: hours below the usual band" }).getByRole("listitem")).toHaveText([`${silentDay} 10:00–14:00 UTC (4 hours)`]);
  const table = traffic.getByRole("table", { name: "Production: messages by day, last 7 days" });
  const dayRow = table.getByRole("row", { name: new RegExp(`^${silentDay}`) });
  await expect(dayRow.getByRole("cell").nth(2)).toHaveText("4");
  // recharts, loaded on this page only, draws the band and two lines.
  const chart = traffic.locator('[data-chart="interface-traffic"]');
  await expect(chart.locator("svg.recharts-surface")).toBeVisible();
  await expect(chart.locator(".recharts-area")).toHaveCount(1);
  await expect(chart.locator(".recharts-line")).toHaveCount(2);

  // The rules in force: the defaults, until one is set by hand.
  const rules = page.getByRole("table", { name: "Watch rules in force" });
  await expect(rules.getByRole("row", { name: /^No traffic/ })).toContainText("60 minutes");
  await page.getByText("Set rules by hand").click();
  const ruleForm = page.getByRole("form", { name: "Watch rules" });
  await ruleForm.getByLabel("No traffic for longer than (minutes)").fill("2");
  await ruleForm.getByRole("button", { name: "Save watch rules" }).click();
  await expect(page.locator("#watch-rules-noTrafficMinutes-error")).toContainText("from 5 to 10080");
  await ruleForm.getByLabel("No traffic for longer than (minutes)").fill("30");
  await ruleForm.getByRole("button", { name: "Save watch rules" }).click();
  await expect(ruleForm.getByText("Watch rules saved.")).toBeVisible();
  await expect(rules.getByRole("row", { name: /^No traffic/ })).toContainText("30 minutes");
  await expect(rules.getByRole("row", { name: /^No traffic/ })).toContainText("By hand");
  await expect(page.getByText(/Some rules set by hand for this interface by Maya Okafor/)).toBeVisible();

  // The page passes axe and fits a phone, chart included.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(traffic.locator("svg.recharts-surface")).toBeVisible();
  expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByText("Set rules by hand").click();
  await page.getByRole("form", { name: "Use the default watch rules" }).getByRole("button", { name: "Use the defaults for every rule" }).click();
  await expect(rules.getByRole("row", { name: /^No traffic/ })).toContainText("60 minutes");
  await expect(page.getByText("The defaults: nothing is set by hand for this interface.")).toBeVisible();

  // Lakeshore's customer IT reads the page without the form; Riverbend's gets not found.
  for (const [who, visible] of [["lakeshoreIt", true], ["riverbendIt", false]] as const) {
    const context = await browser.newContext({ storageState: storageStatePath(who) });
    const other = await context.newPage();
    await other.goto(href);
    if (visible) {
      await expect(other.getByRole("heading", { level: 2, name: FEED })).toBeVisible();
      await expect(other.getByText("Set rules by hand")).toHaveCount(0);
    } else {
      await expect(other.getByRole("heading", { name: /not found/i })).toBeVisible();
    }
    await context.close();
  }
  noServerErrors();
});
