import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./fixtures";
import { pagesFor, roles, signedOutPages } from "./pages";

// axe-core on every page for every role (and signed out): no critical and no serious
// violation. Each finding is reported with the rule, the page and the offending markup.

// One test per role walks every page, so one run reports every finding (soft assertions).
async function expectNoSeriousViolations(page: Page, url: string) {
  await page.goto(url);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.html.slice(0, 160)).join(" | ")}`);
  expect.soft(serious, `${url}`).toEqual([]);
}

for (const role of roles) {
  test.describe(`axe as ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });
    test("every page: no critical or serious violation", async ({ page }) => {
      test.setTimeout(600_000);
      for (const url of pagesFor(role)) await expectNoSeriousViolations(page, url);
    });
  });
}

test.describe("axe signed out", () => {
  test("every page: no critical or serious violation", async ({ page }) => {
    test.setTimeout(600_000);
    for (const url of signedOutPages()) await expectNoSeriousViolations(page, url);
  });
});
