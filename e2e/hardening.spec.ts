import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { refuseServerErrors, seedId, signInThroughForm, storageStatePath } from "./fixtures";

// The edges found by attacking a running server: a webhook aimed at loopback through an IPv6
// spelling, the sign-in pause a stranger could cause, the audit trail's integrity page, and no
// eval in the app's own scripts under the CSP.

test.describe("a webhook aimed at the server's own loopback", () => {
  test.use({ storageState: storageStatePath("manager") });
  let listener: Server;
  let hits = 0;
  test.beforeAll(async () => {
    listener = createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  });
  test.afterAll(() => listener.close());

  test("through [::ffff:127.0.0.1] is refused and logged, and the listener receives nothing", async ({ page }) => {
    const port = (listener.address() as { port: number }).port;
    const noServerErrors = refuseServerErrors(page);
    await page.goto(`/implementations/${seedId("impl:riverbend-demographics")}/notifications`);
    const form = page.getByRole("form", { name: "Webhook URL" });
    await form.getByLabel(/Receiver URL/).fill(`http://[::ffff:127.0.0.1]:${port}/hook`);
    await form.getByRole("button", { name: /Create webhook|Save URL/ }).click();
    await expect(page.getByText(/Webhook created|Saved/).first()).toBeVisible();
    const turnOn = page.getByRole("form", { name: "Turn notifications on" });
    if (await turnOn.count()) await turnOn.getByRole("button", { name: "Turn on" }).click();
    await page.getByRole("button", { name: "Send a test" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test queued" })).toBeVisible();
    // The worker runs every few seconds; the refusal lands in the log.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("table", { name: "Webhook deliveries" })).toContainText("is in a private, loopback or link-local network", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole("table", { name: "Webhook deliveries" })).not.toContainText("Delivered");
    expect(hits, "requests the loopback listener received").toBe(0);
    noServerErrors();
  });
});

test("five wrong passwords pause that account from this address and say how long; the person is told what to do", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  // engineer2 is signed in by no other spec: pausing it here from this address harms none.
  const password = page.getByLabel("Password");
  for (let i = 0; i < 5; i++) {
    await signInThroughForm(page, "engineer2@vendor.example", `wrong-${i}`);
    await expect(page.getByText("We couldn't sign you in with that e-mail and password.")).toBeVisible();
    // The answer has arrived once the button is back and the form has cleared the password.
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    await expect(password).toHaveValue("");
  }
  await signInThroughForm(page, "engineer2@vendor.example");
  await expect(page.getByText(/Sign-in is paused after repeated failed attempts\. Try again in 1 minute/)).toBeVisible();
  await expect(page.getByText(/ask your administrator to reset it/)).toBeVisible();
  await context.close();
});

test.describe("the audit trail's integrity", () => {
  test.use({ storageState: storageStatePath("admin") });
  test("an admin sees every chain checked and whole", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Audit integrity" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit trail integrity" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "The audit trail is whole" })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("Whole");
  });
});

test.describe("the Content-Security-Policy", () => {
  test.use({ storageState: storageStatePath("manager") });

  async function watchViolations(page: Page) {
    const violations: string[] = [];
    await page.exposeFunction("__reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportViolation: (v: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    return violations;
  }

  test("the implementation and item pages run without a single violation (no eval)", async ({ page }) => {
    const violations = await watchViolations(page);
    const impl = `/implementations/${seedId("impl:riverbend-appointments")}`;
    await page.goto(impl);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.goto(`${impl}/items/${seedId("item:riverbend-appointments:monitoring-setup")}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
});
