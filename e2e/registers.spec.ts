import { expect, test, type Browser, type Page } from "@playwright/test";
import { refuseServerErrors, storageStatePath, type AccountKey } from "./fixtures";

// The permission matrix and the test-patient register, on "Patient demographics feed", which
// the seed leaves without either: a manager builds the matrix from the catalog, an engineer
// records results until drift shows, and customer IT proves a surface in production.

const IMPLEMENTATION = "Patient demographics feed";

async function hrefOf(browser: Browser, as: AccountKey, linkName: string): Promise<string> {
  const context = await browser.newContext({ storageState: storageStatePath(as) });
  const page = await context.newPage();
  await page.goto("/");
  const href = await page.getByRole("link", { name: linkName, exact: true }).getAttribute("href");
  await context.close();
  return href!;
}

async function openSection(page: Page, section: "API permissions" | "Test patients") {
  await page.goto("/");
  await page.getByRole("link", { name: IMPLEMENTATION, exact: true }).click();
  await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: section }).click();
  await expect(page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: section })).toHaveAttribute("aria-current", "page");
}

const matrixRow = (page: Page, permission: string) => page.getByRole("row", { name: permission, exact: true });

test.describe.serial("registers", () => {
  test("a manager adds the appointment-sync rows from the catalog in one step, and a bad row is refused next to its field", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("manager") });
    const page = await context.newPage();
    const noServerErrors = refuseServerErrors(page);
    await openSection(page, "API permissions");
    await expect(page.getByText("No permissions yet.")).toBeVisible();

    await page.getByText("Other workflows").click();
    await page.getByText("Appointment sync: 7 proposed rows").click();
    const catalog = page.getByRole("form", { name: "Add catalog rows for Appointment sync" });
    await expect(catalog.getByRole("checkbox", { name: /SIU\^S12/ })).toBeChecked();
    await catalog.getByRole("button", { name: "Add selected rows for Appointment sync" }).click();
    await expect(page.locator("table tbody tr")).toHaveCount(7);
    await expect(page.getByText("0 of 7 required permissions granted in production")).toBeVisible();
    await expect(matrixRow(page, "system/Appointment.crus")).toContainText("Unverified");

    // A row of one's own: the scope grammar answers as you type and again from the server.
    await page.getByText("Add a row of your own").click();
    const add = page.getByRole("form", { name: "Add a permission row" });
    const permission = add.getByLabel(/^Permission/);
    await permission.fill("patient/Appointment.sr");
    await expect(add.getByText(/✕ Permissions are letters from c r u d s, in that order/)).toBeVisible();
    await add.getByRole("button", { name: "Add row" }).click();
    await expect(page.locator("#add-row-permission-error")).toContainText("in that order");
    await expect(permission).toHaveValue("patient/Appointment.sr");

    for (const bad of ["x".repeat(10_240), "<script>alert(1)</script>", "' OR 1=1--", "javascript:alert(1)", "patient/Appoint\u200Bment.rs", "patient/Appointment.rs\u202E"]) {
      await permission.fill(bad);
      await add.getByRole("button", { name: "Add row" }).click();
      await expect(page.locator("#add-row-permission-error")).toBeVisible();
    }
    await add.getByLabel("Interface", { exact: true }).selectOption("hl7v2_feed");
    await permission.fill("ADT-A08");
    await add.getByRole("button", { name: "Add row" }).click();
    await expect(page.locator("#add-row-permission-error")).toContainText("ADT^A08");

    await add.getByLabel("Interface", { exact: true }).selectOption("fhir_api");
    await permission.fill("patient/*.read");
    await expect(add.getByText("✓ Valid, but a SMART v1 scope")).toBeVisible();
    await add.getByLabel("Required for go-live").uncheck();
    await add.getByRole("button", { name: "Add row" }).click();
    await expect(matrixRow(page, "patient/*.read")).toContainText("SMART v1 scope");
    await expect(matrixRow(page, "patient/*.read")).toContainText("Optional");

    // Removed again, so the matrix is the catalog's seven rows.
    await matrixRow(page, "patient/*.read").getByText("Edit or remove").click();
    await page.getByRole("button", { name: "Remove patient/*.read" }).click();
    await expect(page.locator("table tbody tr")).toHaveCount(7);
    noServerErrors();
    await context.close();
  });

  test("an engineer marks sandbox granted and production denied, and the drift shows on the implementation and the portfolio", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("engineer") });
    const page = await context.newPage();
    const noServerErrors = refuseServerErrors(page);
    await openSection(page, "API permissions");
    await expect(page.getByRole("button", { name: "Add selected rows for Patient demographics" })).toBeVisible();

    const appointment = matrixRow(page, "system/Appointment.crus");
    // The matrix reads at a glance: each cell a tile with the result; a click opens its form.
    await expect(appointment.locator('[data-environment="sandbox"] > details > summary')).toHaveText(/Unverified/);
    await expect(page.getByRole("button", { name: "Mark system/Appointment.crus granted in Sandbox" })).toBeHidden();
    await appointment.locator('[data-environment="sandbox"] > details > summary').click();
    // A 10 kB note is refused in the cell, nothing recorded.
    await appointment.locator('[data-environment="sandbox"]').getByText("Note (optional)").click();
    await appointment.locator('[data-environment="sandbox"]').getByLabel(/^Note for/).fill("x".repeat(10_240));
    await page.getByRole("button", { name: "Mark system/Appointment.crus granted in Sandbox" }).click();
    await expect(appointment.locator('[data-environment="sandbox"]')).toContainText("Note is too long");

    await appointment.locator('[data-environment="sandbox"]').getByLabel(/^Note for/).fill("Token exchange and search returned 200");
    await page.getByRole("button", { name: "Mark system/Appointment.crus granted in Sandbox" }).click();
    await expect(appointment.locator('[data-environment="sandbox"]')).toContainText("Granted");
    await expect(appointment.locator('[data-environment="sandbox"]')).toContainText("Erin Vasquez");
    await expect(appointment.locator('[data-environment="sandbox"]')).toContainText("Token exchange and search returned 200");

    await expect(appointment.locator('[data-environment="sandbox"] > details > summary')).toHaveText(/Granted/);
    await appointment.locator('[data-environment="production"] > details > summary').click();
    await page.getByRole("button", { name: "Mark system/Appointment.crus denied in Production" }).click();
    await expect(appointment.locator('[data-environment="production"]')).toContainText("Denied");
    await expect(appointment).toContainText("Works in sandbox/test, unproven in production");
    const drift = page.getByRole("note", { name: "Permission drift" });
    await expect(drift).toContainText("1 permission works in sandbox or test, unproven in production");
    await expect(drift).toContainText("system/Appointment.crus: granted in sandbox, production denied");

    // A check run over the whole test column.
    await page.getByRole("columnheader", { name: /^Test/ }).getByText("Set column…").click();
    const column = page.getByRole("form", { name: "Set the Test column" });
    await column.getByLabel("Note (optional)").fill("Check run after the interface engine upgrade");
    await column.getByRole("button", { name: "Set Test column" }).click();
    await expect(page.getByRole("note", { name: "Permission drift" })).toContainText("7 permissions work in sandbox or test");

    // A tampered hidden id is answered "not found", not a server error.
    await matrixRow(page, "system/Slot.rs").locator('[data-environment="production"] > details > summary').click();
    await page.getByRole("form", { name: "Record system/Slot.rs in Production" }).locator('input[name="requirementId"]').evaluate((el) => {
      (el as HTMLInputElement).value = "not-a-uuid";
    });
    await page.getByRole("button", { name: "Mark system/Slot.rs granted in Production" }).click();
    await expect(matrixRow(page, "system/Slot.rs").getByRole("alert", { name: "Form error" })).toBeVisible();

    await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: "Checklist" }).click();
    const alerts = page.getByRole("region", { name: "Register alerts" });
    await expect(alerts).toContainText("Permission drift: 7 permissions granted in sandbox or test, unproven in production");
    await expect(alerts).toContainText("No passing production scenario for Patient demographics");

    await page.getByRole("link", { name: "API permission checks", exact: true }).click();
    await expect(page.getByText("0 of 7 required permissions granted in production")).toBeVisible();
    await expect(page.getByText("Works in sandbox, unproven in production: 7")).toBeVisible();

    await page.goto("/");
    const row = page.locator("table tbody tr", { has: page.getByRole("link", { name: IMPLEMENTATION }) });
    await expect(row).toContainText("7 unproven in production");
    const clean = page.locator("table tbody tr", { has: page.getByRole("link", { name: "Scheduling availability" }) });
    await expect(clean.getByText("unproven in production")).toHaveCount(0);
    noServerErrors();
    await context.close();
  });

  test("customer IT records a test patient scenario passing in production, and coverage updates", async ({ browser }) => {
    const lakeshoreHref = await hrefOf(browser, "admin", "Scheduling availability");
    const context = await browser.newContext({ storageState: storageStatePath("riverbendIt") });
    const page = await context.newPage();
    const noServerErrors = refuseServerErrors(page);
    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });

    // Another organization's registers, a missing one and a malformed id: the same 404.
    for (const href of [`${lakeshoreHref}/test-patients`, `${lakeshoreHref}/permissions`, "/implementations/00000000-0000-4000-8000-000000000000/permissions", "/implementations/not-a-uuid/test-patients"]) {
      const response = await page.goto(href);
      expect(response?.status(), href).toBe(404);
    }

    await openSection(page, "Test patients");
    await expect(page.getByRole("note", { name: "Missing coverage" })).toContainText("No passing production scenario for Patient demographics");

    await page.getByText("Add a test patient").click();
    const form = page.getByRole("form", { name: "Add a test patient" });
    await expect(form).toContainText("Test identifiers only.");
    const label = form.getByLabel("Label");
    const identifier = form.getByLabel("Test identifier (MRN in the test system)");
    const submit = form.getByRole("button", { name: "Add test patient" });

    const refusals: [string, string, "label" | "testIdentifier", RegExp][] = [
      ["Test patient F (synthetic)", "123-45-6789", "testIdentifier", /Social Security number/],
      ["Test patient F (synthetic)", "(555) 123-4567", "testIdentifier", /phone number/],
      ["casey.patient@example.org", "ZZTEST3001", "label", /e-mail address/],
      ["Born 1984-03-07", "ZZTEST3001", "label", /date \(of birth\?\)/],
      ["Test patient F\u202E (synthetic)", "ZZTEST3001", "label", /invisible or direction-changing character/],
      ["Test patient F (synthetic)", "ZZTEST\u200B3001", "testIdentifier", /invisible or direction-changing character/],
      ["x".repeat(10_240), "ZZTEST3001", "label", /too long/],
    ];
    for (const [labelValue, identifierValue, field, message] of refusals) {
      await label.fill(labelValue);
      await identifier.fill(identifierValue);
      await submit.click();
      await expect(page.locator(`#patient-${field}-error`)).toContainText(message);
      await expect(page.locator("#patient-" + (field === "label" ? "testIdentifier" : "label") + "-error")).toHaveCount(0);
    }

    // Fields the form does not have (role, orgId) are ignored; another organization's
    // implementation id is not found.
    await label.fill("Test patient F (synthetic)");
    await identifier.fill("ZZTEST3001");
    await form.getByLabel("Note (optional)").fill("<script>alert(1)</script> ' OR 1=1--");
    const originalId = await form.locator('input[name="implementationId"]').inputValue();
    await form.locator('input[name="implementationId"]').evaluate((el, id) => {
      (el as HTMLInputElement).value = id;
    }, lakeshoreHref.split("/").pop()!);
    await submit.click();
    await expect(form.getByRole("alert", { name: "Form error" })).toContainText("Implementation was not found.");
    await form.locator('input[name="implementationId"]').evaluate((el, id) => {
      (el as HTMLInputElement).value = id;
      for (const [name, value] of [["role", "admin"], ["orgId", "00000000-0000-4000-8000-000000000000"]]) {
        const extra = document.createElement("input");
        extra.type = "hidden";
        extra.name = name!;
        extra.value = value!;
        (el as HTMLInputElement).form!.appendChild(extra);
      }
    }, originalId);
    await submit.click();
    const patient = page.getByRole("listitem", { name: "Test patient F (synthetic) (ZZTEST3001)" });
    await expect(patient).toContainText("Production");
    await expect(patient).toContainText("<script>alert(1)</script> ' OR 1=1--");

    await patient.getByText("Add a scenario").click();
    const scenario = page.getByRole("form", { name: "Add a scenario for Test patient F (synthetic)" });
    await scenario.getByLabel("Scenario").fill("Patient with inactive contacts reloaded");
    await scenario.getByLabel("Expected outcome").fill("Inactive contacts stay inactive after the reload");
    await scenario.getByLabel("Result").selectOption("pass");
    await scenario.getByRole("button", { name: "Add scenario" }).click();
    await expect(page.locator(`[id$="-observedOutcome-error"]`)).toContainText("Say what you observed");
    await scenario.getByLabel("Observed outcome (when run)").fill("Both inactive contacts still inactive in the EHR");
    await scenario.getByRole("button", { name: "Add scenario" }).click();

    const row = patient.getByRole("row", { name: "Patient with inactive contacts reloaded" });
    await expect(row).toContainText("Pass");
    await expect(row).toContainText("Casey Lin");
    const coverage = page.getByRole("row", { name: "Patient demographics", exact: true });
    await expect(coverage).toContainText("Covered in production");
    await expect(page.getByRole("note", { name: "Missing coverage" })).toHaveCount(0);

    await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: "Checklist" }).click();
    await expect(page.getByRole("region", { name: "Register alerts" })).not.toContainText("No passing production scenario");
    await page.getByRole("link", { name: "Representative test patients", exact: true }).click();
    await expect(page.getByRole("list", { name: "Coverage by workflow surface" })).toContainText("1 passed in production");
    expect(dialogs).toBe(0);
    noServerErrors();
    await context.close();
  });
});
