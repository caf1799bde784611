import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./fixtures";
import { pagesFor, roles, signedOutPages } from "./pages";

// Every page fits a 390 px phone without sideways page scroll, and at 1280 px no table column
// is cut off (a table may scroll inside its own box on a phone, never the page).

async function documentWidth(page: Page) {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

async function clippedColumns(page: Page) {
  // A header cell whose right edge lies beyond the right edge of every scrolling box around
  // it, or of the viewport, cannot be read.
  return page.evaluate(() => {
    const out: string[] = [];
    for (const th of Array.from(document.querySelectorAll("table th"))) {
      const r = th.getBoundingClientRect();
      if (r.width === 0) continue;
      let limit = window.innerWidth;
      for (let el = th.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (/(auto|scroll|hidden)/.test(style.overflowX)) limit = Math.min(limit, el.getBoundingClientRect().right);
      }
      if (r.right > limit + 1) out.push((th.textContent ?? "").trim() || "(blank header)");
    }
    return out;
  });
}

for (const role of roles) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });
    // One test per role walks every page (soft assertions: one run reports every page).
    test("every page fits 390 px, and shows every column at 1280 px", async ({ page }) => {
      test.setTimeout(600_000);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const url of pagesFor(role)) {
        await page.goto(url);
        expect.soft(await documentWidth(page), `${url} at 390 px`).toBeLessThanOrEqual(390);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const url of pagesFor(role)) {
        await page.goto(url);
        expect.soft(await documentWidth(page), `${url} at 1280 px`).toBeLessThanOrEqual(1280);
        expect.soft(await clippedColumns(page), `${url}: columns cut off at 1280 px`).toEqual([]);
      }
    });
  });
}

test.describe("signed out", () => {
  test("every page fits 390 px", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of signedOutPages()) {
      await page.goto(url);
      expect.soft(await documentWidth(page), `${url} at 390 px`).toBeLessThanOrEqual(390);
    }
  });
});
