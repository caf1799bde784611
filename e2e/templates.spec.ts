import { expect, test } from "@playwright/test";
import { refuseServerErrors, storageStatePath } from "./fixtures";

// Uses a template family of its own, so the shipped templates other specs rely on stay as seeded.
test.describe("as an admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("create a template, publish it, then revise it without editing the published revision", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto("/");
    await page.getByRole("link", { name: "Templates" }).click();
    await expect(page.getByRole("heading", { name: "Checklist templates" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Go-live readiness 1 Published/ })).toBeVisible();

    await page.getByText("New template").click();
    const create = page.getByRole("form", { name: "New template" });
    await create.getByRole("button", { name: "Create draft template" }).click();
    await expect(page.locator("#template-name-error")).toContainText("Name is required.");
    await create.getByLabel("Name").fill("Imaging go-live");
    await create.getByRole("button", { name: "Create draft template" }).click();
    await expect(page.getByRole("heading", { name: /Imaging go-live · revision 1/ })).toBeVisible();

    await page.getByRole("button", { name: "Publish this revision" }).click();
    await expect(page.getByRole("alert", { name: "Form error" })).toContainText("Add at least one item before publishing.");

    await page.getByText("Add an item").click();
    const add = page.getByRole("form", { name: "Add template item" });
    await add.getByLabel("Title").fill("DICOM routing verified");
    await add.getByLabel("Engineer").check();
    await add.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByRole("list", { name: "Template items" })).toContainText("DICOM routing verified");
    await page.getByRole("button", { name: "Publish this revision" }).click();
    await expect(page.getByText("Published", { exact: true })).toBeVisible();
    await expect(page.getByRole("form", { name: "Add template item" })).toHaveCount(0);

    await page.getByRole("button", { name: "Start a new revision" }).click();
    await expect(page.getByRole("heading", { name: /Imaging go-live · revision 2/ })).toBeVisible();
    await page.getByText("Edit", { exact: true }).click();
    const edit = page.getByRole("form", { name: "Edit DICOM routing verified" });
    await edit.getByLabel("Title").fill("DICOM routing and worklist verified");
    await edit.getByRole("button", { name: "Save item" }).click();
    await expect(page.getByRole("list", { name: "Template items" })).toContainText("DICOM routing and worklist verified");
    await page.getByRole("button", { name: "Publish this revision" }).click();
    await expect(page.getByText("Published", { exact: true })).toBeVisible();

    await page.goto("/templates");
    await expect(page.getByRole("row", { name: /Imaging go-live 2 Published/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /Imaging go-live 1 Retired/ })).toBeVisible();
    noServerErrors();
  });
});

test.describe("as an implementation manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("the new implementation form offers the published revision; template pages are not theirs", async ({ page }) => {
    await page.goto("/implementations/new");
    await expect(page.getByLabel("Checklist template").locator("option", { hasText: "Imaging go-live (revision 2)" })).toHaveCount(1);
    await expect(page.getByRole("link", { name: "Templates" })).toHaveCount(0);
    expect((await page.goto("/templates"))?.status()).toBe(404);
  });
});
