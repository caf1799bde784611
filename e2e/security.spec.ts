import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { request as playwrightRequest, type APIResponse, type Page } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { chooseEvidence, refuseServerErrors, seedId, storageStatePath } from "./fixtures";

// The security suite's browser and HTTP half (the action/route matrix and the bad-input
// corpus run at the action level: test/security/). Here: the headers of every route, over
// real HTTP; oversized and cross-site server-action posts; stored hostile text rendered on
// every page that shows it without running.

const root = join(__dirname, "..");

// Seeded ids for each dynamic route. A new dynamic route fails the test until it is listed.
const riverbend = `/implementations/${seedId("impl:riverbend-appointments")}`;
const dynamicRoutes: Record<string, string[]> = {
  "/implementations/[id]": [riverbend],
  "/implementations/[id]/edit": [`${riverbend}/edit`],
  "/implementations/[id]/items/[itemId]": [`${riverbend}/items/${seedId("item:riverbend-appointments:monitoring-setup")}`],
  "/implementations/[id]/activity": [`${riverbend}/activity`],
  "/implementations/[id]/notifications": [`${riverbend}/notifications`],
  "/implementations/[id]/permissions": [`${riverbend}/permissions`],
  "/implementations/[id]/test-patients": [`${riverbend}/test-patients`],
  "/implementations/[id]/phases": [`${riverbend}/phases`],
  "/implementations/[id]/cutover": [`${riverbend}/cutover`],
  "/implementations/[id]/report": [`${riverbend}/report`],
  "/implementations/[id]/interfaces": [`${riverbend}/interfaces`],
  "/implementations/[id]/interfaces/review": [`${riverbend}/interfaces/review`],
  // The demo has no payload review: an unknown id answers the 404 page, which carries them too.
  "/implementations/[id]/interfaces/reviews/[reviewId]": [`${riverbend}/interfaces/reviews/00000000-0000-4000-8000-000000000000`],
  "/implementations/[id]/interfaces/[interfaceId]": [`${riverbend}/interfaces/00000000-0000-4000-8000-000000000000`],
  "/templates/[id]": [`/templates/${seedId("template:go-live-readiness:1")}`],
  "/admin/organizations/[id]": [`/admin/organizations/${seedId("org:riverbend")}`],
  "/api/implementations/[id]/checklist": [`/api${riverbend}/checklist`],
  "/api/implementations/[id]/items-csv": [`/api${riverbend}/items-csv`],
  "/api/implementations/[id]/gate": [`/api${riverbend}/gate`],
  "/api/implementations/[id]/interfaces-csv": [`/api${riverbend}/interfaces-csv`],
  "/api/auth/[...nextauth]": ["/api/auth/session", "/api/auth/providers", "/api/auth/csrf"],
  "/implementations/[id]/api-tokens": [`${riverbend}/api-tokens`],
  // The machine API takes POSTs with a bearer token (e2e/api.spec.ts); a GET is answered 405.
  "/api/v1/implementations/[id]/evidence": [`/api/v1${riverbend}/evidence`],
  "/api/v1/implementations/[id]/interfaces/[interfaceId]/metrics": [`/api/v1${riverbend}/interfaces/00000000-0000-4000-8000-000000000000/metrics`],
};

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name === "page.tsx" || entry.name === "route.ts") out.push(path);
  }
  return out;
}

// Every page and route handler under app/, as URL patterns (route groups dropped).
function discoverRoutes(): string[] {
  return walk(join(root, "app"))
    .map((file) => `/${relative(join(root, "app"), file)}`.replace(/\/(page\.tsx|route\.ts)$/, "").replace(/\/\([^)]+\)/g, "") || "/")
    .sort();
}

function urlsToCheck(): string[] {
  const routes = discoverRoutes();
  const unlisted = routes.filter((r) => r.includes("[") && !dynamicRoutes[r]);
  if (unlisted.length > 0) throw new Error(`add seeded URLs for ${unlisted.join(", ")} to dynamicRoutes in e2e/security.spec.ts`);
  return [
    ...routes.flatMap((r) => (r.includes("[") ? dynamicRoutes[r]! : [r])),
    "/no-such-page",
    `/implementations/${seedId("missing:page")}`,
  ];
}

function expectSecurityHeaders(response: APIResponse, url: string) {
  const h = response.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, `${url}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, url).toContain("frame-ancestors 'none'");
  expect(csp, url).toContain("object-src 'none'");
  expect(csp, url).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"], `${url}: nosniff`).toBe("nosniff");
  expect(h["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
  // `next start` runs in production mode, as a deployment does.
  expect(h["strict-transport-security"], `${url}: HSTS`).toMatch(/max-age=\d{7,}/);
  return csp.match(/'nonce-([^']+)'/)?.[1];
}

test.describe("headers on every route", () => {
  test("signed in: every page and route handler, 404s included, carries the headers and a fresh nonce", async () => {
    const urls = urlsToCheck();
    expect(urls.length).toBeGreaterThanOrEqual(12);
    const context = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("manager") });
    const nonces = new Set<string>();
    for (const url of urls) {
      const response = await context.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBeLessThan(500);
      const nonce = expectSecurityHeaders(response, url);
      if (nonce) {
        expect(nonces.has(nonce), `${url}: nonce reused`).toBe(false);
        nonces.add(nonce);
      }
      if ((response.headers()["content-type"] ?? "").includes("text/html")) {
        // Every script tag the page sends carries this response's nonce.
        const html = await response.text();
        for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, url).toContain(`nonce="${nonce}"`);
      }
    }
    await context.dispose();
  });

  test("signed out: sign-in, redirects and 401s carry them too", async () => {
    const context = await playwrightRequest.newContext({ baseURL });
    for (const url of urlsToCheck()) {
      const response = await context.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBeLessThan(500);
      expectSecurityHeaders(response, url);
      // The proxy answers 401 before any handler, the benchmark probes' included.
      if (url.startsWith("/api/") && !url.startsWith("/api/auth") && !url.startsWith("/api/v1/") && url !== "/api/health") {
        expect(response.status(), `${url} without a session`).toBe(401);
      }
    }
    await context.dispose();
  });
});

test.describe("another health system's records", () => {
  test("Lakeshore's customer IT gets the same 404 on every Riverbend page and route as on a missing id", async () => {
    const urls = Object.values(dynamicRoutes)
      .flat()
      .filter((url) => url.includes(riverbend) && !url.startsWith("/api/v1/"));
    expect(urls.length).toBeGreaterThanOrEqual(9);
    const context = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("lakeshoreIt") });
    const missing = await context.get(`/implementations/${seedId("missing:page")}`, { maxRedirects: 0 });
    expect(missing.status()).toBe(404);
    for (const url of urls) {
      const response = await context.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(404);
      expectSecurityHeaders(response, url);
      // Nothing of the implementation leaks into the refusal.
      expect(await response.text(), url).not.toContain("Appointment sync");
    }
    await context.dispose();
  });
});

// The id of the sign-in form's server action, as its page renders it for no-JS submission.
async function signInActionId(): Promise<string> {
  const context = await playwrightRequest.newContext({ baseURL });
  const html = await (await context.get("/sign-in")).text();
  await context.dispose();
  const id = html.replaceAll("&quot;", '"').match(/"id":"([0-9a-f]{20,})"/)?.[1];
  if (!id) throw new Error("no server action id on /sign-in");
  return id;
}

test.describe("server-action requests a browser would not send", () => {
  test("next.config.js keeps the 1 MB server-action body limit the proxy enforces", () => {
    expect(readFileSync(join(root, "next.config.js"), "utf8")).toMatch(/bodySizeLimit:\s*"1mb"/);
    expect(readFileSync(join(root, "proxy.ts"), "utf8")).toContain("SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024");
  });

  // The wire format React 19.3 sends (captured from Chromium): form fields named "_1_<field>"
  // BEFORE the root part 0=[null,"$K1"]. Named "1_email" or sent after the root, the decoder
  // hands the action an empty form, and the test would test nothing.
  // A FormData keeps that order; a plain object would not (JavaScript lists the key "0" first).
  const wireForm = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
    form.append("0", '[null,"$K1"]');
    return form;
  };

  for (const [label, size, status] of [
    ["900 kB", 900 * 1024, 200],
    ["1 MB", 1024 * 1024, 413],
    ["2 MB", 2 * 1024 * 1024, 413],
  ] as const) {
    test(`a ${label} body gets ${status === 413 ? "a clean 413" : "an answer from the action"}, never a 5xx`, async () => {
      const id = await signInActionId();
      const context = await playwrightRequest.newContext({ baseURL });
      const password = "x".repeat(size);
      // As the browser's JavaScript sends it (Next-Action header) and as a no-JS form post.
      const withHeader = await context.post("/sign-in", {
        headers: { "Next-Action": id, Origin: baseURL },
        multipart: wireForm({ email: "a@example.org", password }),
        maxRedirects: 0,
      });
      const noScript = await context.post("/sign-in", {
        headers: { Origin: baseURL },
        multipart: { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id, bound: "$@1" }), "$ACTION_1:1": "[null]", email: "a@example.org", password },
        maxRedirects: 0,
      });
      for (const response of [withHeader, noScript]) {
        expect(response.status()).toBe(status);
        if (status === 413) {
          expect(await response.text()).toContain("too large to send (the limit is 1 MB). Nothing was saved.");
          expectSecurityHeaders(response, "413");
        }
      }
      if (status === 200) {
        // The payload reached the action: it judged the 900 kB password, not an empty form.
        const answer = await withHeader.text();
        expect(answer).toContain("That password is too long.");
        expect(answer).not.toContain("Enter your e-mail address.");
      }
      await context.dispose();
    });
  }

  test("the raw wire format reaches the action: a real form's answer differs from an empty form's", async () => {
    const id = await signInActionId();
    const context = await playwrightRequest.newContext({ baseURL });
    const post = (multipart: FormData | Record<string, string>) =>
      context.post("/sign-in", { headers: { "Next-Action": id, Origin: baseURL }, multipart, maxRedirects: 0 });
    const real = await (await post(wireForm({ email: "nobody@example.org", password: "not-the-password" }))).text();
    const empty = await (await post({ "0": '[null,"$K1"]' })).text();
    expect(real).toContain('"code":"unauthenticated"');
    expect(empty).toContain('"code":"invalid"');
    expect(empty).toContain("Enter your e-mail address.");
    await context.dispose();
  });

  test("a post from another site's origin is refused with a 403, not a 5xx", async () => {
    const id = await signInActionId();
    const context = await playwrightRequest.newContext({ baseURL, storageState: storageStatePath("manager") });
    for (const [origin, extra] of [
      ["https://evil.example", {}],
      ["null", {}],
      // A client's own X-Forwarded-Host is not believed (TRUSTED_PROXY_COUNT is 0 here).
      ["https://evil.example", { "X-Forwarded-Host": "evil.example" }],
    ] as const) {
      const response = await context.post("/sign-in", {
        headers: { "Next-Action": id, Origin: origin, ...extra },
        multipart: wireForm({ email: "a@example.org", password: "x" }),
        maxRedirects: 0,
      });
      expect(response.status(), origin).toBe(403);
      expect(await response.text()).toContain("sent from another site");
    }
    // The same form from this site's own origin reaches the action (so the 403s above are the
    // origin check's doing, not a broken request).
    const own = await context.post("/sign-in", {
      headers: { "Next-Action": id, Origin: baseURL },
      multipart: wireForm({ email: "a@example.org", password: "x" }),
      maxRedirects: 0,
    });
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain('"code":"unauthenticated"');
    await context.dispose();
  });

  test("an impossible date-time posted raw to a date-time field is refused next to the field, and nothing is saved", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("manager") });
    const page = await context.newPage();
    const itemPath = `${riverbend}/items/${seedId("item:riverbend-appointments:monitoring-setup")}`;
    await page.goto(itemPath);
    const marker = `raw-date-${Date.now().toString(36)}`;
    // Capture the form's real request from Chromium (its action id and wire format), stop it,
    // then send it again with only the date changed.
    let captured: { headers: Record<string, string>; body: Buffer } | null = null;
    await page.route(`**${itemPath}`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      captured = { headers: route.request().headers(), body: route.request().postDataBuffer()! };
      await route.abort();
    });
    const form = page.getByRole("form", { name: "Record evidence" });
    await chooseEvidence(form);
    await form.getByLabel("What was tested").fill(marker);
    await form.getByLabel("Observed at (UTC)").fill("2025-02-20T10:00");
    await form.getByRole("button", { name: "Record evidence" }).click();
    await expect.poll(() => captured !== null).toBe(true);
    const sent = captured!;
    const body = sent.body.toString("latin1");
    expect(body, "the browser sends the field as _1_observedAt, before the root part").toMatch(/name="_1_observedAt"[\s\S]*name="0"/);
    const impossible = Buffer.from(body.replace("2025-02-20T10:00", "2025-02-30T10:00"), "latin1");
    const response = await context.request.post(itemPath, {
      headers: { "next-action": sent.headers["next-action"]!, origin: baseURL, "content-type": sent.headers["content-type"]!, accept: "text/x-component" },
      data: impossible,
      maxRedirects: 0,
    });
    expect(response.status()).toBe(200);
    const answer = await response.text();
    expect(answer).toContain('"code":"invalid"');
    expect(answer).toContain("Observed at is not a real date: February 2025 has 28 days.");
    await page.unroute(`**${itemPath}`);
    await page.goto(itemPath);
    await expect(page.getByText(marker)).toHaveCount(0);
    await context.close();
  });

  test("a call with arguments the form never sends is answered, not a 5xx", async () => {
    const id = await signInActionId();
    const context = await playwrightRequest.newContext({ baseURL });
    for (const args of ['["x", 42]', "[]", '[null, {"email": "a@example.org"}]']) {
      const response = await context.post("/sign-in", { headers: { "Next-Action": id, Origin: baseURL }, multipart: { "0": args }, maxRedirects: 0 });
      expect(response.status(), args).toBe(200);
      expect(await response.text()).toContain('"code":"invalid"');
    }
    await context.dispose();
  });
});

// Hostile text, stored through the forms, shown on every page that renders it.
const tag = `sec-${Date.now().toString(36)}`;
const payloads = {
  name: `${tag} <script>alert(1)</script>`,
  nextStep: `"><img src=x onerror=alert(1)> ${tag}`,
  whatChanged: `<svg onload=alert(1)> \u202Eevil 🙂 ｆｕｌｌ %_\\ ' OR 1=1-- ${tag}`,
  evidence: `<iframe src="javascript:alert(1)"></iframe> ${tag}`,
  blocker: `<a href="javascript:alert(1)">ticket</a> ${tag}`,
};

function watchDialogs(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return () => expect(dialogs, "a stored script ran").toEqual([]);
}

test.describe("stored hostile text never runs", () => {
  test.describe.configure({ mode: "serial" });
  let implementationPath = "";
  let itemPath = "";

  test("a manager stores it in a new implementation's name, an item, evidence and a blocker", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("manager") });
    const page = await context.newPage();
    const noDialogs = watchDialogs(page);
    const noServerErrors = refuseServerErrors(page);

    await page.goto("/implementations/new");
    const form = page.getByRole("form", { name: "New implementation" });
    // Riverbend's: later specs count Lakeshore's portfolio rows.
    await form.getByLabel("Customer").selectOption({ label: "Riverbend Health (fictional)" });
    await form.getByLabel("Name").fill(payloads.name);
    await form.getByRole("button", { name: "Create implementation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: payloads.name })).toBeVisible();
    implementationPath = new URL(page.url()).pathname;

    await page.getByRole("link", { name: "Monitoring setup", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Monitoring setup" })).toBeVisible();
    itemPath = new URL(page.url()).pathname;
    expect(itemPath).toContain("/items/");
    const item = page.getByRole("form", { name: "Edit item" });
    await item.getByLabel("Next step").fill(payloads.nextStep);
    await item.getByLabel("What changed").fill(payloads.whatChanged);
    await item.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

    const evidence = page.getByRole("form", { name: "Record evidence" });
    await chooseEvidence(evidence);
    await evidence.getByLabel("What was tested").fill(payloads.evidence);
    await evidence.getByRole("button", { name: "Record evidence" }).click();
    await expect(page.getByRole("list", { name: "Evidence records" }).getByText(payloads.evidence)).toBeVisible();

    await page.getByText("Block this item").click();
    const block = page.getByRole("form", { name: "Block item" });
    await block.getByLabel("Reason").fill(payloads.blocker);
    await block.getByLabel("Severity").selectOption("go_live");
    await block.getByRole("button", { name: "Block item" }).click();
    await expect(page.getByText(payloads.blocker)).toBeVisible();

    noDialogs();
    noServerErrors();
    await context.close();
  });

  for (const who of ["manager", "riverbendIt", "engineer"] as const) {
    test(`${who} sees it as text on the portfolio, the implementation, its edit page and the item`, async ({ browser }) => {
      expect(itemPath, "the previous test stored the payloads").not.toBe("");
      const context = await browser.newContext({ storageState: storageStatePath(who) });
      const page = await context.newPage();
      const noDialogs = watchDialogs(page);
      const noServerErrors = refuseServerErrors(page);
      // Markup from the payloads, had it been parsed: none of it may be in the document.
      const injected = () => page.locator('img[src="x"], [onerror], [onload], iframe, a[href^="javascript:" i]');
      // Next's own nonce'd flight-data scripts carry the payloads as escaped strings; a script
      // without the nonce holding one would be injected.
      const inlineAlerts = () => page.evaluate(() => [...document.scripts].filter((s) => !s.nonce && s.textContent?.includes("alert(1)")).length);

      await page.goto("/");
      await expect(page.getByRole("link", { name: payloads.name })).toBeVisible();
      await page.goto(implementationPath);
      await expect(page.getByRole("heading", { level: 1, name: payloads.name })).toBeVisible();
      await expect(injected()).toHaveCount(0);
      await page.goto(itemPath);
      for (const text of [payloads.evidence, payloads.blocker]) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
      if (who === "manager") {
        await expect(page.getByRole("form", { name: "Edit item" }).getByLabel("Next step")).toHaveValue(payloads.nextStep);
        await expect(page.getByRole("form", { name: "Edit item" }).getByLabel("What changed")).toHaveValue(payloads.whatChanged);
        await page.goto(`${implementationPath}/edit`);
        await expect(page.getByRole("form", { name: "Edit implementation" }).getByLabel("Name")).toHaveValue(payloads.name);
      } else {
        await expect(page.getByText(payloads.nextStep, { exact: false }).first()).toBeVisible();
      }
      await expect(injected()).toHaveCount(0);
      expect(await inlineAlerts()).toBe(0);
      noDialogs();
      noServerErrors();
      await context.close();
    });
  }

  test("another health system's customer IT cannot open it at all", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("lakeshoreIt") });
    const page = await context.newPage();
    const response = await page.goto(itemPath);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(payloads.evidence)).toHaveCount(0);
    await context.close();
  });
});
