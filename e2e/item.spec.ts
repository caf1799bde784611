import { expect, test, type Page } from "@playwright/test";
import { chooseEvidence, refuseServerErrors, storageStatePath } from "./fixtures";

async function openItem(page: Page, implementation: string, item: string) {
  await page.goto("/");
  await page.getByRole("link", { name: implementation }).click();
  await page.getByRole("link", { name: item, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
}

const itemForm = (page: Page) => page.getByRole("form", { name: "Edit item" });
const evidenceForm = (page: Page) => page.getByRole("form", { name: "Record evidence" });

test.describe("as an implementation manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("assign an item, record technical then operational evidence, and reach ready for sign-off", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await openItem(page, "Appointment sync", "Manual example validation");

    await itemForm(page).getByLabel("Owner").selectOption({ label: "Casey Lin (Riverbend Health (fictional))" });
    await itemForm(page).getByLabel("Next step").fill("Validate three reschedules with the front desk");
    await itemForm(page).getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Version 2")).toBeVisible();
    await expect(itemForm(page).getByLabel("Owner")).toHaveValue(/.+/);

    // Nothing is chosen for the person: without a kind, an environment and an outcome it is refused.
    await evidenceForm(page).getByLabel("What was tested").fill("PUT /Appointment returned 200 for ZZTEST-0002");
    await evidenceForm(page).getByRole("button", { name: "Record evidence" }).click();
    await expect(page.locator("#evidence-kind-error")).toContainText("Choose technical evidence or operational validation.");
    await expect(page.locator("#evidence-outcome-error")).toContainText("Choose pass, fail or inconclusive.");
    await expect(evidenceForm(page).getByLabel("What was tested")).toHaveValue("PUT /Appointment returned 200 for ZZTEST-0002");

    // Technical evidence alone cannot make an operational item ready.
    await chooseEvidence(evidenceForm(page));
    await evidenceForm(page).getByLabel("What was tested").fill("PUT /Appointment returned 200 for ZZTEST-0002");
    await evidenceForm(page).getByRole("button", { name: "Record evidence" }).click();
    await expect(page.getByRole("list", { name: "Evidence records" }).getByText("PUT /Appointment returned 200")).toBeVisible();
    await itemForm(page).getByLabel("Status").selectOption("ready_for_signoff");
    await itemForm(page).getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("#item-status-error")).toContainText("needs a passing operational validation in production");
    await expect(itemForm(page).getByLabel("Next step")).toHaveValue("Validate three reschedules with the front desk");

    await chooseEvidence(evidenceForm(page), { kind: "operational" });
    await evidenceForm(page).getByLabel("What was tested").fill("Front desk saw ZZTEST-0002's appointment move to 3 pm");
    await evidenceForm(page).getByRole("button", { name: "Record evidence" }).click();
    await expect(page.getByText("Front desk saw ZZTEST-0002")).toBeVisible();

    await itemForm(page).getByLabel("Status").selectOption("ready_for_signoff");
    await itemForm(page).getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(page.locator("header").getByText("Ready for sign-off")).toBeVisible();
    noServerErrors();
  });

  test("stale evidence is marked where it shows", async ({ page }) => {
    await openItem(page, "Appointment sync", "Non-production testing");
    await expect(page.getByText("Stale: older than the freshness window")).toBeVisible();
  });

  test("a second tab saving over a newer version is told who changed it, and keeps its input", async ({ browser }) => {
    const first = await browser.newContext({ storageState: storageStatePath("manager") });
    const second = await browser.newContext({ storageState: storageStatePath("manager") });
    const a = await first.newPage();
    const b = await second.newPage();
    await openItem(a, "Appointment sync", "Configuration review");
    await openItem(b, "Appointment sync", "Configuration review");

    await itemForm(a).getByLabel("Next step").fill("Mapping confirmed for clinic A");
    await itemForm(a).getByRole("button", { name: "Save changes" }).click();
    await expect(a.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    await itemForm(b).getByLabel("Next step").fill("Mapping confirmed for clinic B");
    await itemForm(b).getByRole("button", { name: "Save changes" }).click();
    await expect(b.getByRole("alert", { name: "Form error" })).toContainText(/Maya Okafor changed this item at .* UTC, after you opened it/);
    await expect(itemForm(b).getByLabel("Next step")).toHaveValue("Mapping confirmed for clinic B");

    await b.reload();
    await expect(itemForm(b).getByLabel("Next step")).toHaveValue("Mapping confirmed for clinic A");
    await first.close();
    await second.close();
  });

  test("hostile input gets a message next to its field, and stored text never runs", async ({ page }) => {
    test.slow(); // a megabyte of text travels through the form
    const noServerErrors = refuseServerErrors(page);
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await openItem(page, "Appointment sync", "Sample payload review");
    const form = evidenceForm(page);
    await chooseEvidence(form, { environment: "Test" });

    await form.getByLabel("Observed at (UTC)").evaluate((el) => ((el as HTMLInputElement).type = "text", ((el as HTMLInputElement).value = "2025-02-30T10:00")));
    await form.getByLabel("What was tested").fill("Impossible date");
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.locator("#evidence-observedAt-error")).toContainText("Observed at is not a real date: February 2025 has 28 days.");
    await form.getByLabel("Observed at (UTC)").evaluate((el) => ((el as HTMLInputElement).value = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16)));

    // Over the 1 MB limit: refused before sending, said next to the field, the text kept.
    const huge = 1_100_000;
    await form.getByLabel("What was tested").evaluate((el, n) => ((el as HTMLTextAreaElement).value = "y".repeat(n)), huge);
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.locator("#evidence-whatWasTested-error")).toContainText("This text is too long to send (1.0 MB; a form can hold at most 1 MB).");
    await expect(form.getByRole("alert", { name: "Form error" })).toContainText("That form is too large to send (the limit is 1 MB). Nothing was saved.");
    expect(await form.getByLabel("What was tested").evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(huge);

    await form.getByLabel("What was tested").fill("x".repeat(2001));
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.locator("#evidence-whatWasTested-error")).toContainText("too long");

    await form.getByLabel("What was tested").fill("null\u0000byte");
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.locator("#evidence-whatWasTested-error")).toContainText("not allowed");

    await form.getByLabel("What was tested").fill("link check");
    await form.getByLabel("Link (optional)").evaluate((el) => el.setAttribute("type", "text"));
    await form.getByLabel("Link (optional)").fill("javascript:alert(1)");
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.locator("#evidence-linkUrl-error")).toContainText("must start with http:// or https://");

    await form.getByLabel("Link (optional)").fill("");
    await form.getByLabel("What was tested").fill('<script>alert(1)</script>"><img src=x onerror=alert(1)> \u202Eevil 🙂 ｆｕｌｌ %_\\');
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.getByText("<script>alert(1)</script>", { exact: false })).toBeVisible();
    await page.reload();
    await expect(page.getByText('"><img src=x onerror=alert(1)>', { exact: false })).toBeVisible();
    expect(dialogs).toBe(0);
    noServerErrors();
  });
});

test.describe("blockers and configuration changes", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("a manager blocks an item, the portfolio counts it, and clearing it takes it away", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    const demographicsRow = () => page.locator("table tbody tr", { has: page.getByRole("link", { name: "Patient demographics feed" }) });
    await openItem(page, "Patient demographics feed", "Sample payload review");
    await page.getByText("Block this item").click();
    const block = page.getByRole("form", { name: "Block item" });
    await block.getByLabel("Reason").fill("ADT^A08 samples arrive without the merged-patient segment");
    await block.getByLabel("Severity").selectOption("go_live");
    await block.getByLabel("Ticket link (optional)").fill("https://tickets.example/browse/INT-311");
    await block.getByRole("button", { name: "Block item" }).click();
    await expect(page.getByText("Go-live blocker", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "ticket" })).toHaveAttribute("href", "https://tickets.example/browse/INT-311");

    await page.goto("/");
    await expect(demographicsRow()).toContainText("1 open");
    // The forecast follows the gate: No-go (one more blocking reason now), 75 days out — still on track.
    await expect(demographicsRow()).toContainText("No-go");
    await expect(demographicsRow()).toContainText("On track");

    await openItem(page, "Patient demographics feed", "Sample payload review");
    await page.getByText("Clear this blocker").click();
    const unblock = page.getByRole("form", { name: "Unblock item" });
    await unblock.getByLabel("Resolution").fill("Interface team added the MRG segment");
    await unblock.getByRole("button", { name: "Unblock item" }).click();
    await expect(page.locator("header").getByText("In progress")).toBeVisible();
    await page.goto("/");
    await expect(demographicsRow()).not.toContainText("1 open");
    await expect(demographicsRow()).toContainText("On track");
    noServerErrors();
  });

  test("a manager records a configuration change and it joins the history", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Orders and results" }).click();
    await page.getByText("Record a configuration change").click();
    const form = page.getByRole("form", { name: "Record configuration change" });
    await form.getByLabel("What changed").fill("Lab system upgraded to the new ORM^O01 mapping");
    await form.getByRole("button", { name: "Record change" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Configuration change recorded" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Configuration change history" })).toContainText(
      "All environments · Lab system upgraded to the new ORM^O01 mapping",
    );
  });
});

test.describe("as customer IT", () => {
  test.use({ storageState: storageStatePath("riverbendIt") });

  test("edits an item they own, reads one they do not, and cannot reach another system's items", async ({ page, browser }) => {
    await openItem(page, "Appointment sync", "Representative test patients");
    await expect(itemForm(page)).toBeVisible();

    await openItem(page, "Appointment sync", "Monitoring setup");
    await expect(itemForm(page)).toHaveCount(0);
    await expect(page.getByText("Only the item's owner and implementation managers can edit it.")).toBeVisible();

    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const adminPage = await admin.newPage();
    await openItem(adminPage, "Scheduling availability", "Monitoring setup");
    const foreignItem = new URL(adminPage.url()).pathname;
    await admin.close();
    const response = await page.goto(foreignItem);
    expect(response?.status()).toBe(404);
  });
});

test.describe("writes on the item page answer with what changed", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("a comment's answer is its result, not the re-rendered page, and the page then shows it", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await openItem(page, "Appointment sync", "Non-production testing");
    const form = page.getByRole("form", { name: "Add a comment" });
    await form.getByLabel("Comment").fill("Fictional note: the sandbox run is scheduled for Thursday");
    // The action's answer, read on its way to the page.
    let body = "";
    await page.route("**/implementations/**", async (route) => {
      if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.continue();
      const response = await route.fetch();
      body = await response.text();
      await route.fulfill({ response, body });
    });
    await form.getByRole("button", { name: "Add comment" }).click();
    await expect.poll(() => body.length).toBeGreaterThan(0);
    // The page itself (its evidence list, its history) is not in the action's answer.
    expect(body).not.toContain("Evidence records");
    expect(body.length).toBeLessThan(4_000);
    await expect(page.getByRole("list", { name: "Comments on this item" })).toContainText("the sandbox run is scheduled for Thursday");
    noServerErrors();
  });

  test("a save right after recording evidence waits for the page to catch up and is not refused as a conflict", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await openItem(page, "Appointment sync", "Production smoke test");
    // A slow connection: the page's own refresh after each accepted write takes two seconds.
    await page.route("**/implementations/**", async (route) => {
      if (route.request().method() === "GET" && route.request().headers()["rsc"] === "1") await new Promise((done) => setTimeout(done, 2_000));
      await route.fallback();
    });
    await chooseEvidence(evidenceForm(page));
    await evidenceForm(page).getByLabel("What was tested").fill("Fictional: GET /Appointment for ZZTEST-0003 returned 200 in production");
    await evidenceForm(page).getByRole("button", { name: "Record evidence" }).click();
    await expect(evidenceForm(page).getByRole("status")).toContainText("Evidence recorded.");
    // Recording evidence made the item's next version; the edit form must not send the one it read before.
    await itemForm(page).getByLabel("Next step").fill("Repeat the smoke test after the Friday change window");
    await itemForm(page).getByRole("button", { name: "Save changes" }).click();
    await expect(itemForm(page).getByRole("status")).toContainText("Saved.");
    await expect(itemForm(page).getByRole("alert", { name: "Form error" })).toHaveCount(0);
    await page.reload();
    await expect(itemForm(page).getByLabel("Next step")).toHaveValue("Repeat the smoke test after the Friday change window");
    noServerErrors();
  });

  test("without JavaScript a comment lands and the page shows it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("manager"), javaScriptEnabled: false });
    const page = await context.newPage();
    await openItem(page, "Appointment sync", "Non-production testing");
    const form = page.getByRole("form", { name: "Add a comment" });
    await form.getByLabel("Comment").fill("Fictional note posted without JavaScript");
    await form.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByRole("list", { name: "Comments on this item" })).toContainText("Fictional note posted without JavaScript");
    await context.close();
  });
});
