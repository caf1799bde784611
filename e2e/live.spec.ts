import { expect, test } from "@playwright/test";
import { storageStatePath } from "./fixtures";

test("a change by one person shows on a colleague's open implementation page within 10 s, without reloading", async ({ browser }) => {
  const watcherContext = await browser.newContext({ storageState: storageStatePath("riverbendIt") });
  const editorContext = await browser.newContext({ storageState: storageStatePath("manager") });
  const watcher = await watcherContext.newPage();
  const editor = await editorContext.newPage();

  await watcher.goto("/");
  await watcher.getByRole("link", { name: "Appointment sync" }).click();
  await expect(watcher.getByRole("heading", { name: "Readiness checklist" })).toBeVisible();
  let reloads = 0;
  watcher.on("load", () => reloads++);

  await editor.goto("/");
  await editor.getByRole("link", { name: "Appointment sync" }).click();
  await editor.getByRole("link", { name: "Monitoring setup", exact: true }).click();
  const form = editor.getByRole("form", { name: "Edit item" });
  await form.getByLabel("Next step").fill("Page the on-call engineer on a forced failure");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await expect(watcher.getByText("Next: Page the on-call engineer on a forced failure")).toBeVisible({ timeout: 10_000 });
  expect(reloads).toBe(0);
  await watcherContext.close();
  await editorContext.close();
});

test.describe("the checklist route", () => {
  test.use({ storageState: storageStatePath("lakeshoreIt") });

  test("answers another organization's implementation, a missing one and a malformed id with the same 404", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: storageStatePath("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/");
    const href = await adminPage.getByRole("link", { name: "Appointment sync" }).getAttribute("href");
    const own = await adminPage.getByRole("link", { name: "Scheduling availability" }).getAttribute("href");
    await admin.close();

    await page.goto("/");
    expect((await page.request.get(`/api${own}/checklist`)).status()).toBe(200);
    for (const path of [href, "/implementations/00000000-0000-4000-8000-000000000000", "/implementations/not-a-uuid"]) {
      const response = await page.request.get(`/api${path}/checklist`);
      expect(response.status(), path!).toBe(404);
      expect(await response.json()).toEqual({ error: "not_found" });
    }
  });
});
