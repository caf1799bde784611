import { expect, test, type Browser, type Page } from "@playwright/test";
import { refuseServerErrors, seedId, storageStatePath, type AccountKey } from "./fixtures";

// The interface inventory, the source-of-truth map and the sample payload review on "Orders and
// results" (Lakeshore), which the seed leaves without an inventory: a manager builds it, the
// gate names the unagreed domains, an engineer reviews synthetic HL7 v2 and FHIR samples, and
// another organization's customer IT gets not found.

const IMPLEMENTATION = "Orders and results";
const implementationId = seedId("impl:lakeshore-orders");

async function as(browser: Browser, who: AccountKey) {
  const context = await browser.newContext({ storageState: storageStatePath(who) });
  return { context, page: await context.newPage() };
}

async function openInterfaces(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: IMPLEMENTATION, exact: true }).click();
  const tabs = page.getByRole("navigation", { name: "Implementation sections" });
  await tabs.getByRole("link", { name: "Interfaces" }).click();
  await expect(tabs.getByRole("link", { name: "Interfaces" })).toHaveAttribute("aria-current", "page");
}

// Synthetic ORU^R01: ZZTEST names, an identifier that belongs to nobody; OBX-3 left empty.
const oru = [
  "MSH|^~\\&|LAB|LAKESHORE|READYROOM|VENDOR|20261201093000||ORU^R01^ORU_R01|ZZ0500|T|2.5.1",
  "PID|1||ZZTEST5001^^^LAKESHORE^MR||ZZWREN^AVERY^Q||19650704|F|||9 SAMPLE LANE^^LAKETOWN^WI^53000",
  "OBR|1|ZZORD1|ZZFIL1|CBC^Complete blood count",
  "OBX|1|NM||1|4.5|10*3/uL|||||F",
  "ZLB|1|local",
].join("\n");

test.describe.serial("interfaces", () => {
  test("a manager builds the inventory; a secret in an endpoint is refused; the gate names the unagreed data domains", async ({ browser }) => {
    const { context, page } = await as(browser, "manager");
    const noServerErrors = refuseServerErrors(page);
    await openInterfaces(page);
    await expect(page.getByText("No interfaces yet.")).toBeVisible();

    const add = page.getByRole("form", { name: "Add an interface" });
    await add.getByLabel("Name").fill("Lab results feed");
    await add.getByLabel("Kind").selectOption("hl7v2_feed");
    await add.getByLabel("Source system").fill("Lab system");
    await add.getByLabel("Target system").fill("Oracle Health");
    await add.getByRole("checkbox", { name: "Orders and results" }).check();
    await add.getByLabel(/^Message types or resources/).fill("ORU^R01^ORU_R01, ORM^O01, DiagnosticReport");
    await add.getByLabel("Production endpoint").fill("sftp://svc:Winter2026!@files.lakeshore.example/results");
    await add.getByRole("button", { name: "Add interface" }).click();
    await expect(page.locator("#iface-new-endpointProduction-error")).toContainText("user name and password");
    await add.getByLabel("Production endpoint").fill("mllp://engine.lakeshore.example:7001");
    await add.getByRole("button", { name: "Add interface" }).click();

    const item = page.getByRole("listitem", { name: "Lab results feed" });
    await expect(item).toContainText("ORU^R01, ORM^O01, DiagnosticReport");
    await expect(item).toContainText("mllp://engine.lakeshore.example:7001");

    await expect(page.getByRole("note", { name: "Source of truth not agreed" })).toContainText("Patient, Orders, Results");
    await page.getByRole("link", { name: "Checklist" }).click();
    await expect(page.getByText("Gate: No-go")).toBeVisible();
    const more = page.getByText(/^Show \d+ more$/);
    for (let i = 0; i < (await more.count()); i++) await more.nth(i).click();
    await expect(page.getByRole("link", { name: /No agreed source of truth for orders data/ })).toBeVisible();
    await page.goto(`/implementations/${implementationId}/report`);
    await expect(page.getByText(/No agreed source of truth for orders data/).first()).toBeAttached();

    // A customer's list arrives as a spreadsheet: each row's problems show before anything is written.
    await openInterfaces(page);
    await page.getByText("Import from a spreadsheet (CSV)").click();
    const importForm = page.getByRole("form", { name: "Import interfaces from CSV" });
    const csv = (rows: string[]) => ({ name: "inventory.csv", mimeType: "text/csv", buffer: Buffer.from(["name,kind,direction,workflows,message_types,status", ...rows].join("\r\n")) });
    await importForm.getByLabel("CSV file").setInputFiles(csv(["Order feed,HL7 v2 feed,outbound,Orders and results,ORM^O01,building", "Lab results feed,fhir_api,inbound,,,", "Pigeon,carrier pigeon,sideways,,,"]));
    const preview = page.getByRole("region", { name: "Import preview" });
    await expect(preview.getByRole("row", { name: "Line 2" })).toContainText("Ready");
    await expect(preview.getByRole("row", { name: "Line 3" })).toContainText("already has an interface of that name");
    await expect(preview.getByRole("row", { name: "Line 4" })).toContainText("kind:");
    await expect(importForm.getByRole("button", { name: "Import 3 interfaces" })).toBeDisabled();
    await importForm.getByLabel("CSV file").setInputFiles(csv(["Order feed,HL7 v2 feed,outbound,Orders and results,ORM^O01,building"]));
    await importForm.getByRole("button", { name: "Import 1 interface" }).click();
    await expect(page.getByRole("listitem", { name: "Order feed" })).toContainText("ORM^O01");

    await openInterfaces(page);
    const orders = page.getByRole("row", { name: "Orders" });
    await orders.getByText("Record orders").click();
    const form = page.getByRole("form", { name: "Source of truth for Orders" });
    await form.getByLabel("Authoritative system").fill("Oracle Health");
    await form.getByLabel("Who resolves conflicts").fill("Lab informatics");
    await form.getByLabel("How corrections propagate").fill("ORM^O01 order update");
    await form.getByLabel("Agreed by both sides").check();
    await form.getByRole("button", { name: "Save orders" }).click();
    await expect(page.getByRole("row", { name: "Orders" })).toContainText("Agreed");
    await expect(page.getByRole("note", { name: "Source of truth not agreed" })).toContainText("Patient, Results");
    noServerErrors();
    await context.close();
  });

  test("an engineer reviews synthetic HL7 v2 and FHIR samples and gets field-level findings with nothing identifying shown", async ({ browser }) => {
    const { context, page } = await as(browser, "engineer");
    const noServerErrors = refuseServerErrors(page);
    await openInterfaces(page);
    await page.getByRole("link", { name: "Review a sample payload" }).click();
    await expect(page.getByText("The raw payload is never stored.")).toBeVisible();

    const form = page.getByRole("form", { name: "Review a sample payload" });
    await form.getByLabel("Environment the sample came from").selectOption({ label: "Test" });
    await form.getByLabel(/^HL7 v2 message or batch/).fill(oru);
    await form.getByRole("button", { name: "Review payload" }).click();
    await expect(page.getByRole("status")).toContainText(/Reviewed: \d+ errors?/);
    await page.getByRole("link", { name: "Open the findings" }).click();

    await expect(page.getByRole("heading", { name: "Lab results feed: ORU^R01" })).toBeVisible();
    const findings = page.getByRole("table", { name: /Findings by severity/ });
    await expect(findings.getByRole("row").filter({ hasText: "OBX-3 empty" })).toContainText("4");
    await expect(findings.getByRole("row").filter({ hasText: "ZLB" })).toContainText("not in the spec (local extension)");
    await expect(page.getByText("Recorded as technical evidence")).toBeVisible();
    for (const identifying of ["ZZWREN", "AVERY", "19650704", "SAMPLE LANE", "ZZTEST5001"]) await expect(page.locator("main")).not.toContainText(identifying);

    // Malformed input answers with findings, never a server error.
    await page.goBack();
    await page.goto(`/implementations/${implementationId}/interfaces/review`);
    for (const [payload, finding] of [
      ['{"resourceType": "Appointment", "status": "confirmed"', "Invalid JSON"],
      ['{"resourceType": "ProcedureRequest", "status": "active"}', "not R4"],
      ["MSH|^~|broken separators", "Wrong separators"],
    ] as const) {
      const again = page.getByRole("form", { name: "Review a sample payload" });
      await again.getByLabel(/^HL7 v2 message or batch/).fill(payload);
      await again.getByRole("button", { name: "Review payload" }).click();
      await expect(page.getByRole("status")).toContainText("Reviewed:");
      await page.getByRole("link", { name: "Open the findings" }).click();
      await expect(page.getByRole("table", { name: /Findings by severity/ })).toContainText(finding);
      await page.goto(`/implementations/${implementationId}/interfaces/review`);
    }

    // The item shows the reviews as technical evidence in the environment chosen.
    await page.goto("/");
    await page.getByRole("link", { name: IMPLEMENTATION, exact: true }).click();
    await page.getByRole("link", { name: "Sample payload review" }).first().click();
    await expect(page.getByText(/Sample payload review of Lab results feed: ORU\^R01/).first()).toBeVisible();
    noServerErrors();
    await context.close();
  });

  test("customer IT of another organization gets not found; the customer's own IT confirms the inventory", async ({ browser }) => {
    const { context, page } = await as(browser, "riverbendIt");
    for (const path of [`/implementations/${implementationId}/interfaces`, `/implementations/${implementationId}/interfaces/review`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await context.close();
    const own = await as(browser, "lakeshoreIt");
    await openInterfaces(own.page);
    await expect(own.page.getByRole("listitem", { name: "Lab results feed" })).toBeVisible();
    // Customer IT records the source of truth but does not edit the inventory; they confirm it.
    await expect(own.page.getByRole("form", { name: "Add an interface" })).toHaveCount(0);
    await expect(own.page.getByText("Not confirmed yet")).toBeVisible();
    await own.page.getByRole("form", { name: "Confirm the inventory" }).getByRole("button", { name: "Confirm this inventory" }).click();
    await expect(own.page.getByText(/Confirmed by Priya Raman/)).toBeVisible();
    await expect(own.page.getByText(/✓\s*Current/)).toBeVisible();
    await own.context.close();
  });
  test("the permission matrix adds the rows an interface needs, linked to it, skipping rows it already has", async ({ browser }) => {
    const { context, page } = await as(browser, "manager");
    const noServerErrors = refuseServerErrors(page);
    await page.goto(`/implementations/${implementationId}/permissions`);
    // The seed's matrix already holds ORM^O01: only ORU^R01 is proposed for the lab results feed.
    const proposal = page.getByRole("form", { name: "Add the rows Lab results feed needs" });
    await expect(proposal).toContainText("ORU^R01");
    await expect(proposal).not.toContainText("ORM^O01");
    await proposal.getByRole("button", { name: "Add the rows Lab results feed needs" }).click();
    const row = page.getByRole("row", { name: "ORU^R01", exact: true });
    await expect(row).toContainText("Interface: Lab results feed");
    await expect(row).toContainText("Unverified");
    await expect(page.getByRole("form", { name: "Add the rows Lab results feed needs" })).toHaveCount(0);
    noServerErrors();
    await context.close();
  });
});
