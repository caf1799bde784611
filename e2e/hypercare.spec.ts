import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addInterfaceForm, refuseServerErrors, seedId, storageStatePath } from "./fixtures";

// The silent-failure watch after go-live, over real HTTP: on the live "Clinical documents"
// (Lakeshore, fictional) a manager adds an interface and a metrics token, an interface engine
// posts an hour in which one message in five failed, the scheduled evaluation (every 2 seconds
// in the e2e server) opens an alert, and it shows as a post-live blocker in the blockers view,
// the portfolio and the gate; an engineer acknowledges it with an owner, a next step and an
// expected outcome.

const documents = seedId("impl:lakeshore-documents");
const FEED = "Transcription feed (fictional)";

test.use({ storageState: storageStatePath("manager") });

// The new parts of the page pass axe (no critical or serious finding) and fit a 390 px phone.
async function expectAccessibleAndPhoneWide(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(" | ")}`)).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
  if (size) await page.setViewportSize(size);
}

test("an error-rate alert on a live interface is a post-live blocker, seen everywhere, and acknowledged", async ({ page, request, browser }) => {
  test.setTimeout(90_000);
  const noServerErrors = refuseServerErrors(page);
  await page.goto(`/implementations/${documents}/interfaces`);
  const add = await addInterfaceForm(page);
  await add.getByLabel("Name").fill(FEED);
  await add.getByLabel("Kind").selectOption("hl7v2_feed");
  await add.getByRole("button", { name: "Add interface" }).click();
  const item = page.getByRole("listitem", { name: FEED });
  await expect(item).toBeVisible();
  const interfaceId = await item.locator('input[name="interfaceId"]').first().inputValue();

  await page.goto(`/implementations/${documents}/api-tokens`);
  const form = page.getByRole("form", { name: "New API token" });
  await form.getByLabel(/^Name/).fill("Interface engine monitor");
  await form.getByLabel("Production").check();
  await form.getByLabel("Post interface metrics").check();
  await form.getByRole("button", { name: "Make token" }).click();
  const token = (await page.getByLabel("The new token").textContent())!.trim();

  const now = Date.now();
  const posted = await request.post(`/api/v1/implementations/${documents}/interfaces/${interfaceId}/metrics`, {
    data: {
      environment: "production",
      periodStart: new Date(now - 30 * 60_000).toISOString(),
      periodEnd: new Date(now - 60_000).toISOString(),
      messageCount: 100,
      errorCount: 20,
      lastMessageAt: new Date(now - 60_000).toISOString(),
    },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(posted.status()).toBe(201);

  // The next evaluation opens the alert: the blockers view lists it as a post-live blocker.
  const alerts = page.getByRole("list", { name: "Open hypercare alerts" });
  await expect(async () => {
    await page.goto("/blockers");
    await expect(alerts).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const alert = alerts.getByRole("listitem").filter({ hasText: FEED });
  await expect(alert).toContainText("Error rate above threshold");
  await expect(alert).toContainText("Post-live blocker");
  await expect(alert).toContainText("20 errors in 100 messages in the last hour (20.0 %, threshold 5.0 %).");
  await expect(alert).toContainText("Not acknowledged yet");

  // The portfolio's quick view and the gate say the same.
  await page.goto("/?hypercare=open");
  await expect(page.getByRole("link", { name: "1 open post-live hypercare alert" }).first()).toBeVisible();
  await expectAccessibleAndPhoneWide(page);
  await page.goto(`/implementations/${documents}`);
  const gate = page.getByRole("region", { name: "Go/no-go gate" });
  // The risks list shows the first few; the rest are one click away.
  const more = gate.getByText(/^Show \d+ more$/);
  if (await more.count()) await more.first().click();
  await expect(gate.getByRole("link", { name: `Post-live blocker: ${FEED} (production) — 20 errors in 100 messages in the last hour (20.0 %, threshold 5.0 %).` })).toBeVisible();
  noServerErrors();

  // An engineer acknowledges it.
  const context = await browser.newContext({ storageState: storageStatePath("engineer") });
  const engineer = await context.newPage();
  await engineer.goto("/blockers");
  const card = engineer.getByRole("list", { name: "Open hypercare alerts" }).getByRole("listitem").filter({ hasText: FEED });
  await card.locator("summary").filter({ hasText: "Acknowledge" }).click();
  const ack = card.getByRole("form", { name: /^Acknowledge alert:/ });
  await ack.getByRole("button", { name: "Acknowledge alert" }).click();
  await expect(ack.getByText("Choose a person on this implementation.")).toBeVisible();
  await expectAccessibleAndPhoneWide(engineer);
  await ack.getByLabel("Owner").selectOption({ label: "Erin Vasquez" });
  await ack.getByLabel("Next step").fill("Check the transcription engine's rejected-message queue");
  await ack.getByLabel("Expected outcome").fill("Error rate under 5 % within the hour");
  await ack.getByRole("button", { name: "Acknowledge alert" }).click();
  await expect(card).toContainText("Check the transcription engine's rejected-message queue");
  await expect(card.locator("dd").filter({ hasText: "Erin Vasquez" })).toBeVisible();
  await context.close();
});
