import { expect, test } from "@playwright/test";
import { chooseEvidence, refuseServerErrors, storageStatePath } from "./fixtures";

// Files run in name order with one worker: this one runs last because it adds an
// implementation, which the other specs' exact portfolio contents do not include.

test.describe("as an implementation manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("create an implementation from the go-live template, then edit its phase and go-live", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/");
    await page.getByRole("link", { name: "New implementation" }).click();
    const form = page.getByRole("form", { name: "New implementation" });

    // Bad input first: a message next to each field, nothing created.
    await form.getByLabel("Evidence freshness window (days)").fill("0");
    await form.getByRole("button", { name: "Create implementation" }).click();
    await expect(page.locator("#impl-name-error")).toContainText("Name is required.");
    await expect(page.locator("#impl-customerOrganizationId-error")).toBeVisible();
    await expect(page.locator("#impl-freshnessWindowDays-error")).toContainText("at least 1 day");

    await form.getByLabel("Customer").selectOption({ label: "Riverbend Health (fictional)" });
    await form.getByLabel("Name").fill("Referral documents");
    await form.getByLabel("Evidence freshness window (days)").fill("21");
    await form.getByLabel("Documents").check();
    await form.getByLabel("SFTP").check();
    await form.getByLabel("Go-live date").fill("2027-06-30");
    await form.getByLabel("Engineering owner").selectOption({ label: "Sam Whitfield" });
    await form.getByRole("button", { name: "Create implementation" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Referral documents" })).toBeVisible();
    await expect(page.locator('section[aria-labelledby="checklist-heading"] ul > li')).toHaveCount(9);
    await expect(page.getByText("Documents", { exact: true })).toBeVisible();
    await expect(page.getByText("21 days")).toBeVisible();

    // An item no template has.
    await page.getByText("Add an item").click();
    const add = page.getByRole("form", { name: "Add an item" });
    await add.getByLabel("Title").fill("Scanned referral letters legible in the chart");
    await add.getByLabel("Customer IT").check();
    await add.getByLabel("Needs operational validation").check();
    await add.getByRole("button", { name: "Add item" }).click();
    await expect(page.locator('section[aria-labelledby="checklist-heading"] ul > li')).toHaveCount(10);
    await expect(page.getByRole("link", { name: "Scanned referral letters legible in the chart", exact: true })).toBeVisible();

    await page.getByRole("link", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: "Edit implementation" });
    await edit.getByLabel("Phase").selectOption("pilot");
    await edit.getByLabel("Go-live date").fill("2027-05-31");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    await page.goto("/");
    const row = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Referral documents" }) });
    await expect(row).toContainText("Pilot");
    await expect(row).toContainText("2027-05-31");
    await expect(row).toContainText("0 / 10 required");
    await expect(row).toContainText("On track");

    // Assign an item to customer IT and prove it: technical evidence, then a person's check.
    await row.getByRole("link", { name: "Referral documents" }).click();
    await page.getByRole("link", { name: "Manual example validation", exact: true }).click();
    const item = page.getByRole("form", { name: "Edit item" });
    await item.getByLabel("Owner").selectOption({ label: "Casey Lin (Riverbend Health (fictional))" });
    await item.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    const evidence = page.getByRole("form", { name: "Record evidence" });
    await chooseEvidence(evidence);
    await evidence.getByLabel("What was tested").fill("SFTP drop of ZZTEST-0300's referral letter processed without error");
    await evidence.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Evidence recorded." })).toBeVisible();
    await chooseEvidence(evidence, { kind: "operational" });
    await evidence.getByLabel("What was tested").fill("HIM clerk found ZZTEST-0300's letter in the chart, legible");
    await evidence.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.getByText("HIM clerk found ZZTEST-0300's letter")).toBeVisible();
    await item.getByLabel("Status").selectOption("ready_for_signoff");
    await item.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("header").getByText("Ready for sign-off")).toBeVisible();

    await page.goto("/");
    await expect(row).toContainText("Ready for sign-off: 1");

    // Bring go-live within two weeks: a No-go that close to go-live puts it at risk.
    await row.getByRole("link", { name: "Referral documents" }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    const soon = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await page.getByRole("form", { name: "Edit implementation" }).getByLabel("Go-live date").fill(soon);
    await page.getByRole("form", { name: "Edit implementation" }).getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.goto("/");
    await expect(row).toContainText("At risk");
    await row.getByLabel("Risk: At risk. Show why").click();
    await expect(row).toContainText(/The gate says No-go: \d+ blocking reasons/);
    await expect(row).toContainText("10 days to go-live.");
    noServerErrors();
  });
});

test.describe("as customer IT", () => {
  test.use({ storageState: storageStatePath("riverbendIt") });

  test("cannot create implementations or open an edit page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "New implementation" })).toHaveCount(0);
    await page.goto("/implementations/new");
    await expect(page.getByText("Only implementation managers and admins create implementations.")).toBeVisible();
    await page.goto("/");
    await page.getByRole("link", { name: "Appointment sync" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Appointment sync" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    const response = await page.goto(`${new URL(page.url()).pathname}/edit`);
    expect(response?.status()).toBe(404);
  });
});
