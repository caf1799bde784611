import { expect, test, type Page } from "@playwright/test";
import { chooseFilter, refuseServerErrors, storageStatePath } from "./fixtures";

// Uses "Orders and results" (paused, no go-live date), which no other spec counts blockers on;
// the blocker made here is resolved here, leaving the item in progress.

const REASON = "HL7 ORM^O01 feed rejects order codes from the new lab catalogue";

async function openItem(page: Page, implementation: string, item: string) {
  await page.goto("/");
  await page.getByRole("link", { name: implementation }).click();
  await page.getByRole("link", { name: item, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
}

test.describe("blockers view", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("an engineer sees a blocker a manager just created, filters to go-live blockers, resolves it, and the activity shows the diff", async ({ page, browser }) => {
    const noServerErrors = refuseServerErrors(page);
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });

    const managerContext = await browser.newContext({ storageState: storageStatePath("manager") });
    const manager = await managerContext.newPage();
    await openItem(manager, "Orders and results", "Monitoring setup");
    await manager.getByText("Block this item").click();
    const block = manager.getByRole("form", { name: "Block item" });
    await block.getByLabel("Reason").fill(REASON);
    await block.getByLabel("Severity").selectOption("go_live");
    await block.getByLabel("Ticket link (optional)").fill("https://acme.atlassian.net/browse/INT-4821");
    await block.getByRole("button", { name: "Block item" }).click();
    await expect(manager.getByText("Go-live blocker", { exact: true }).first()).toBeVisible();
    await managerContext.close();

    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Blockers \(\d+\)$/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Blockers" })).toBeVisible();
    const row = page.locator("table tbody tr", { hasText: REASON });
    await expect(row).toContainText("Orders and results");
    await expect(row).toContainText("Lakeshore Medical Group (fictional)");
    await expect(row).toContainText("Go-live blocker");
    await expect(row).toContainText("today");
    await expect(row.getByRole("link", { name: "Jira INT-4821" })).toHaveAttribute("href", "https://acme.atlassian.net/browse/INT-4821");

    await chooseFilter(page.getByRole("form", { name: "Filter blockers" }), "Severity", ["Go-live blocker"]);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/severity=go_live/);
    await expect(page.locator("table tbody tr", { hasText: "Post-live" })).toHaveCount(0);
    await expect(row).toBeVisible();
    // Go-live blockers come first, the soonest go-live first: this one has no date, so it is last.
    await expect(page.locator("table tbody tr").last()).toContainText(REASON);
    await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/blockers.csv?severity=go_live");
    const csv = await page.request.get("/api/blockers.csv?severity=go_live");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain(REASON);
    expect(text).not.toContain("Post-live");

    // The navigation's count loads after the page and follows the write below without a reload.
    const blockersLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Blockers \(\d+\)$/ });
    const before = Number((await blockersLink.textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(before).toBeGreaterThan(0);

    await row.locator("summary", { hasText: "Resolve" }).click();
    const resolve = row.getByRole("form", { name: "Resolve blocker: Monitoring setup" });
    await resolve.getByRole("button", { name: "Resolve blocker" }).click();
    await expect(resolve.getByText("Resolution is required.")).toBeVisible();
    await resolve.getByLabel("Resolution").fill("Lab catalogue mapping updated; orders accepted in test <script>alert(1)</script> \u202Eevil");
    await resolve.getByRole("button", { name: "Resolve blocker" }).click();
    await expect(page.locator("table tbody tr", { hasText: REASON })).toHaveCount(0);
    await expect(page).toHaveURL(/severity=go_live/);
    await expect(blockersLink).toHaveText(`Blockers (${before - 1})`);

    await page.goto("/");
    await page.getByRole("link", { name: "Orders and results" }).click();
    await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: "Activity" }).click();
    const timeline = page.getByRole("list", { name: "Activity timeline" });
    const resolved = timeline.getByRole("listitem").filter({ hasText: "resolved a blocker" }).first();
    await expect(resolved).toContainText("Erin Vasquez");
    const diff = resolved.getByRole("table", { name: "Changed fields" });
    await expect(diff.getByRole("row", { name: /Status/ })).toContainText("Blocked");
    await expect(diff.getByRole("row", { name: /Status/ })).toContainText("In progress");
    await expect(diff.getByRole("row", { name: /Blocker reason/ })).toContainText(REASON);
    await expect(diff.getByRole("row", { name: /Resolution/ })).toContainText("Lab catalogue mapping updated; orders accepted in test <script>alert(1)</script>");
    const blocked = timeline.getByRole("listitem").filter({ hasText: "blocked an item" }).first();
    await expect(blocked).toContainText("Maya Okafor");

    await page.getByRole("combobox", { name: "Person" }).selectOption({ label: "Maya Okafor" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/person=/);
    await expect(timeline.getByText("resolved a blocker")).toHaveCount(0);
    await expect(timeline.getByText("blocked an item").first()).toBeVisible();
    expect(dialogs).toBe(0);
    noServerErrors();
  });

  test("hostile filter values are ignored, never a server error", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    for (const search of ["?customer=not-a-uuid", "?severity=%27%20OR%201%3D1--", "?within=-1&mine=%00", `?customer=00000000-0000-4000-8000-000000000000`]) {
      const response = await page.goto(`/blockers${search}`);
      expect(response?.status(), search).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "Blockers" })).toBeVisible();
    }
    expect((await page.request.get("/api/blockers.csv?severity=<script>")).status()).toBe(200);
    noServerErrors();
  });
});

test.describe("resolve form with bad input", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("each bad value gets a message next to the field and nothing changes", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/blockers");
    const row = page.locator("table tbody tr", { hasText: "API permission checks" });
    await row.locator("summary", { hasText: "Resolve" }).click();
    const form = row.getByRole("form", { name: "Resolve blocker: API permission checks" });
    for (const [value, message] of [
      ["x".repeat(10_000), "Resolution is too long"],
      ["fixed\u0000", "Resolution contains a character that is not allowed."],
    ] as const) {
      await form.getByLabel("Resolution").fill(value);
      await form.getByRole("button", { name: "Resolve blocker" }).click();
      await expect(form.getByText(message)).toBeVisible();
    }
    await expect(page.locator("table tbody tr", { hasText: "API permission checks" })).toHaveCount(1);
    noServerErrors();
  });
});

test.describe("who sees what", () => {
  test("customer IT have no blockers page or link, and another system's activity answers 404", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/");
    const lakeshoreHref = await adminPage.getByRole("link", { name: "Scheduling availability" }).getAttribute("href");
    await admin.close();

    const context = await browser.newContext({ storageState: storageStatePath("riverbendIt") });
    const page = await context.newPage();
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My work \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Blockers/ })).toHaveCount(0);
    expect((await page.goto("/blockers"))?.status()).toBe(404);
    expect((await page.request.get("/api/blockers.csv")).status()).toBe(404);
    for (const href of [`${lakeshoreHref}/activity`, `${lakeshoreHref}/notifications`, "/implementations/not-a-uuid/activity"]) {
      expect((await page.goto(href))?.status(), href).toBe(404);
    }
    await page.goto("/my-work");
    await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Items you own/ })).toBeVisible();
    noServerErrors();
    await context.close();
  });
});

test.describe("notification settings", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("a manager sets a webhook: only http(s) URLs, the secret shown once, deliveries logged", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/");
    await page.getByRole("link", { name: "Orders and results" }).click();
    await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: "Notifications" }).click();
    const form = page.getByRole("form", { name: "Webhook URL" });
    const url = form.getByLabel(/Receiver URL/);
    await url.evaluate((el) => el.setAttribute("type", "text"));
    for (const bad of ["javascript:alert(1)", "ftp://files.example/hook", "' OR 1=1--", `https://x.example/${"a".repeat(10_000)}`]) {
      await url.fill(bad);
      await form.getByRole("button", { name: "Create webhook" }).click();
      await expect(page.locator("#webhook-url-error")).toBeVisible();
      await expect(url).toHaveValue(bad);
    }
    await url.fill("http://127.0.0.1:9/readyroom-hook");
    await form.getByRole("button", { name: "Create webhook" }).click();
    await expect(page.getByLabel("Signing secret", { exact: true })).toHaveText(/^whsec_/);
    const secret = await page.getByLabel("Signing secret", { exact: true }).textContent();
    await expect(page.getByText(/Secret ends with …/)).toBeVisible();

    await page.getByRole("button", { name: "Send a test" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test queued" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("table", { name: "Webhook deliveries" })).toContainText("webhook.test");
    expect(await page.content()).not.toContain(secret!);
    noServerErrors();
  });

  test("an engineer sees no webhook settings", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("engineer") });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Orders and results" }).click();
    await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: "Notifications" }).click();
    await expect(page.getByText("Notifications are set up by the implementation manager.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Webhook URL" })).toHaveCount(0);
    await context.close();
  });
});
