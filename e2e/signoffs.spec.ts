import { expect, test, type Page } from "@playwright/test";
import { chooseEvidence, contextSignedIn, DEMO_PASSWORD, refuseServerErrors, storageStatePath } from "./fixtures";

// Customer IT signs what was shown, a manager's edit supersedes it (after saying whose
// signature it cancels), a stale sign-in must re-enter the password, the production smoke test
// gets the person's check in production it lacked before anyone can sign it, the gate turns
// from No-go to Go as the last signature lands, the manager records Go, and the report prints.
// Runs on "Scheduling availability" (Lakeshore), the story of docs/demo.md.

const IMPLEMENTATION = "Scheduling availability";

test.describe.configure({ mode: "serial" });

async function openImplementation(page: Page) {
  await page.goto("/");
  await page.getByRole("link", { name: IMPLEMENTATION }).click();
  await expect(page.getByRole("heading", { level: 1, name: IMPLEMENTATION })).toBeVisible();
}

async function openItem(page: Page, item: string) {
  await openImplementation(page);
  await page.getByRole("link", { name: item, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
}

const signForm = (page: Page) => page.getByRole("form", { name: "Sign off" });
const requiredSignOffs = (page: Page) => page.getByRole("list", { name: "Required sign-offs" });

test("customer IT signs the snapshot shown; the manager's edit supersedes it", async ({ browser }) => {
  const customer = await contextSignedIn(browser, "lakeshoreIt");
  const page = await customer.newPage();
  const noServerErrors = refuseServerErrors(page);
  await openItem(page, "Manual example validation");

  const snapshot = page.getByRole("group", { name: "What you are signing" });
  await expect(snapshot).toContainText("Manual example validation (version 1)");
  await expect(snapshot).toContainText("Three real schedule changes seen by the front desk as expected");
  await expect(snapshot).toContainText(/SHA-256 [0-9a-f]{64}/);
  await expect(snapshot).toContainText(/You sign v1 · [0-9a-f]{8}/);
  await expect(signForm(page)).toContainText("I have validated this workflow with a real example in production");

  // Nothing is chosen for the signer.
  await expect(signForm(page).getByLabel(/^Approve/)).not.toBeChecked();
  await expect(signForm(page).getByLabel(/^Reject/)).not.toBeChecked();
  await signForm(page).getByRole("button", { name: "Sign version 1" }).click();
  await expect(page.locator("#signoff-decision-error")).toContainText("Choose approve or reject.");

  // A rejection needs a comment.
  await signForm(page).getByLabel(/^Reject/).check();
  await signForm(page).getByRole("button", { name: "Sign version 1" }).click();
  await expect(page.locator("#signoff-comment-error")).toContainText("Say why you reject it");
  await signForm(page).getByLabel(/^Approve/).check();
  await signForm(page).getByRole("button", { name: "Sign version 1" }).click();
  await expect(requiredSignOffs(page).getByText("Signed v1 by Priya Raman")).toBeVisible();
  // The form gives way to the confirmation, which takes the focus and is announced.
  const confirmation = page.getByRole("status", { name: "Sign-off confirmation" });
  await expect(confirmation).toContainText("Your sign-off is recorded.");
  await expect(confirmation).toContainText("You signed this version already.");
  await expect(confirmation).toBeFocused();
  await expect(confirmation).toHaveAttribute("aria-live", "polite");
  noServerErrors();

  const managerContext = await browser.newContext({ storageState: storageStatePath("manager") });
  const manager = await managerContext.newPage();
  await openItem(manager, "Manual example validation");
  const edit = manager.getByRole("form", { name: "Edit item" });
  await edit.getByLabel("Next step").fill("Manager to sign after the front-desk call.");
  // The form says whose signature the save cancels, and waits for the manager to confirm.
  await expect(edit.getByRole("note", { name: "Signatures this cancels" })).toContainText(
    /Saving these changes cancels a signature: Priya Raman \(Customer IT, signed v1 · [0-9a-f]{8}\)/,
  );
  await expect(edit.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await edit.getByLabel("I understand: saving cancels Priya Raman's signature.").check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(manager.getByText(/^Version 2 · last changed by Maya Okafor/)).toBeVisible();
  await expect(requiredSignOffs(manager).getByText("Signed v1, now v2 — re-sign needed")).toBeVisible();
  await expect(manager.getByRole("table").getByText("Superseded")).toBeVisible();
  await expect(manager.getByRole("list", { name: "Item history" })).toContainText(
    /Maya Okafor \(Implementation manager\) superseded the sign-off by Priya Raman \(Customer IT\) on v1 · [0-9a-f]{8} with their edit/,
  );

  await page.reload();
  await expect(requiredSignOffs(page).getByText("Signed v1, now v2 — re-sign needed")).toBeVisible();
  await expect(signForm(page).getByRole("button", { name: "Sign version 2" })).toBeVisible();
  await managerContext.close();
  await customer.close();
});

test("another health system's customer IT can neither see nor reach the item", async ({ browser }) => {
  const lakeshore = await browser.newContext({ storageState: storageStatePath("lakeshoreIt") });
  const own = await lakeshore.newPage();
  await openItem(own, "Production smoke test");
  const path = new URL(own.url()).pathname;
  await lakeshore.close();

  const riverbend = await browser.newContext({ storageState: storageStatePath("riverbendIt") });
  const page = await riverbend.newPage();
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Production smoke test")).toHaveCount(0);
  expect((await page.request.get(`/api${path.split("/items/")[0]}/items-csv`)).status()).toBe(404);
  await riverbend.close();
});

test("a sign-in older than the limit must re-enter the password; the gate turns Go with the last signature", async ({ browser }) => {
  test.slow(); // four people's steps, from a stale sign-in to Go
  // Signed in two hours ago, as time would leave it.
  const context = await contextSignedIn(browser, "lakeshoreIt", { secondsAgo: 2 * 60 * 60, sid: "e2e-stale-lakeshoreIt" });
  const page = await context.newPage();
  const noServerErrors = refuseServerErrors(page);

  await openImplementation(page);
  await expect(page.getByText("Gate: No-go")).toBeVisible();

  await openItem(page, "Manual example validation");
  const password = signForm(page).getByLabel("Your password");
  await expect(password).toBeVisible();
  await password.fill("not-the-password");
  await signForm(page).getByLabel(/^Approve/).check();
  await signForm(page).getByRole("button", { name: /Sign version/ }).click();
  await expect(page.locator("#signoff-password-error")).toContainText("That password is not right");
  await signForm(page).getByLabel("Your password").fill(DEMO_PASSWORD);
  await signForm(page).getByRole("button", { name: /Sign version/ }).click();
  await expect(requiredSignOffs(page).getByText(/Signed v\d by Priya Raman/)).toBeVisible();

  const managerContext = await contextSignedIn(browser, "manager");
  const manager = await managerContext.newPage();
  await openItem(manager, "Manual example validation");
  await signForm(manager).getByLabel(/^Approve/).check();
  await signForm(manager).getByRole("button", { name: /Sign version/ }).click();
  await expect(requiredSignOffs(manager).getByText(/Signed v\d by Maya Okafor/)).toBeVisible();

  // The manager watches the gate while the customer gives the last signature.
  await openImplementation(manager);
  await expect(manager.getByText("Gate: No-go")).toBeVisible();
  await expect(manager.getByRole("list", { name: "Blocking reasons" })).toContainText("“Production smoke test”");

  // Green logs are not proof: the smoke test has only technical evidence, so it is not ready
  // for sign-off and cannot be made ready until a person checks a real example in production.
  await openItem(page, "Production smoke test");
  await expect(page.getByText("This item can be signed once its owner marks it ready for sign-off.")).toBeVisible();
  const status = page.getByRole("form", { name: "Edit item" });
  await status.getByLabel("Status").selectOption("ready_for_signoff");
  await status.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#item-status-error")).toContainText("needs a passing operational validation in production");

  const evidence = page.getByRole("form", { name: "Record evidence" });
  await chooseEvidence(evidence, { kind: "operational" });
  await evidence.getByLabel("What was tested").fill("Blocked ZZTEST provider's Friday afternoon; the production booking page stopped offering it within a minute");
  await evidence.getByRole("button", { name: "Record evidence" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Evidence recorded." })).toBeVisible();
  await status.getByLabel("Status").selectOption("ready_for_signoff");
  await status.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("header").getByText("Ready for sign-off")).toBeVisible();

  // The re-entered password now counts for this session: the next signature needs none.
  await expect(signForm(page)).toBeVisible();
  await expect(signForm(page).getByLabel("Your password")).toHaveCount(0);
  await signForm(page).getByLabel(/^Approve/).check();
  await signForm(page).getByRole("button", { name: /Sign version/ }).click();
  await expect(requiredSignOffs(page).getByText(/Signed v\d by Priya Raman/)).toBeVisible();
  noServerErrors();
  await context.close();

  // Engineering gives the last signature on what the customer checked.
  const engineerContext = await contextSignedIn(browser, "engineer");
  const engineer = await engineerContext.newPage();
  await openItem(engineer, "Production smoke test");
  await expect(engineer.getByRole("group", { name: "What you are signing" })).toContainText("Operational validation, Production, pass");
  await signForm(engineer).getByLabel(/^Approve/).check();
  await signForm(engineer).getByRole("button", { name: /Sign version/ }).click();
  await expect(requiredSignOffs(engineer).getByText(/Signed v\d by Erin Vasquez/)).toBeVisible();
  await engineerContext.close();

  // No reload: the verdict turns Go by itself, and says the page's decision form is out of date.
  await expect(manager.getByText("Gate: Go")).toBeVisible({ timeout: 20_000 });
  await expect(manager.getByText("The gate changed since this page loaded. Reload before recording a decision.")).toBeVisible();
  await manager.reload();
  await expect(manager.getByText("9 of 9 required items signed off or waived.")).toBeVisible();

  await manager.getByText("Record the go/no-go decision").click();
  const decision = manager.getByRole("form", { name: "Go/no-go decision" });
  await decision.getByLabel("Notes (who was in the meeting, what was agreed)").fill("Go-live meeting with Lakeshore IT and the front desk lead.");
  await decision.getByRole("button", { name: "Record Go" }).click();
  await expect(manager.getByRole("list", { name: "Go/no-go decisions" })).toContainText("Go by Maya Okafor");
  await expect(manager.getByRole("main").locator("header").getByText("Live", { exact: true })).toBeVisible();
  await managerContext.close();
});

test("the readiness report prints as a document and its items download as CSV", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("manager") });
  const page = await context.newPage();
  await openImplementation(page);
  await page.getByRole("link", { name: "Readiness report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Lakeshore Medical Group \(fictional\) — Scheduling availability/ })).toBeVisible();
  await expect(page.getByText("Gate: Go")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByText(/Approved by Priya Raman \(Customer IT, Lakeshore Medical Group \(fictional\)\), .* version \d/).first()).toBeVisible();
  await expect(page.getByText(/signed v\d · [0-9a-f]{8} SHA-256 [0-9a-f]{64}/).first()).toBeVisible();

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath("readiness-report-print.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(10_000);

  const csv = await page.request.get(page.url().replace(/\/implementations\/([^/]+)\/report$/, "/api/implementations/$1/items-csv"));
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="readiness-lakeshore-medical-group-fictional-scheduling-availability-/);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toMatch(/^"Position","Item","Category","Required","Status"/);
  expect(text).toContain("Production smoke test");
  await context.close();
});

test("waiver and sign-off forms answer bad input next to the field, never with a server error", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("manager") });
  const page = await context.newPage();
  const noServerErrors = refuseServerErrors(page);
  await page.goto("/");
  await page.getByRole("link", { name: "Appointment sync" }).click();
  await page.getByRole("link", { name: "Support readiness", exact: true }).click();
  await page.getByText("Waive this item").click();
  const form = page.getByRole("form", { name: "Waive item" });
  const cases: [string, string, string, RegExp][] = [
    ["", "Dana Cole", "2030-01-01", /Reason is required/],
    ["x".repeat(10_001), "Dana Cole", "2026-12-31", /too long/],
    ["Reason\u0000", "Dana Cole", "2026-12-31", /not allowed/],
    ["Reason", "Dana Cole", "2025-02-30", /date|past/],
  ];
  for (const [reason, approver, expires, message] of cases) {
    await form.getByLabel("Reason").fill(reason);
    await form.getByLabel("Approved by (name and role)").fill(approver);
    await form.getByLabel("Expires on").evaluate((el, v) => ((el as HTMLInputElement).type = "text", ((el as HTMLInputElement).value = v)), expires);
    await form.getByRole("button", { name: "Waive item" }).click();
    await expect(form.getByText(message).first()).toBeVisible();
  }
  // Stored literally and shown as text: markup in a waiver never runs.
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await form.getByLabel("Reason").fill('<script>alert(1)</script>"><img src=x onerror=alert(1)>');
  await form.getByLabel("Approved by (name and role)").fill("' OR 1=1-- % _ \\ 👩‍⚕️ Ｄａｎａ");
  await form.getByLabel("Expires on").evaluate((el) => ((el as HTMLInputElement).type = "text", ((el as HTMLInputElement).value = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10))));
  await form.getByRole("button", { name: "Waive item" }).click();
  await expect(page.getByText("Approved by ' OR 1=1-- % _ \\ 👩‍⚕️ Ｄａｎａ")).toBeVisible();
  await expect(page.getByText('Reason: <script>alert(1)</script>"><img src=x onerror=alert(1)>')).toBeVisible();
  expect(dialogs).toBe(0);
  noServerErrors();
  await context.close();
});
