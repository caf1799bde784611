import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";

// The synthetic demo accounts (db/seed.ts) the journeys sign in as.
export const DEMO_PASSWORD = "readyroom-demo";

export const accounts = {
  admin: { email: "admin@vendor.example", name: "Avery Stone", role: "Admin", org: "Readyroom Demo Vendor" },
  manager: { email: "manager@vendor.example", name: "Maya Okafor", role: "Implementation manager", org: "Readyroom Demo Vendor" },
  engineer: { email: "engineer@vendor.example", name: "Erin Vasquez", role: "Engineer", org: "Readyroom Demo Vendor" },
  riverbendIt: { email: "it@riverbend.example", name: "Casey Lin", role: "Customer IT", org: "Riverbend Health (fictional)" },
  lakeshoreIt: { email: "it@lakeshore.example", name: "Priya Raman", role: "Customer IT", org: "Lakeshore Medical Group (fictional)" },
} as const;

export type AccountKey = keyof typeof accounts;

export const storageStatePath = (key: AccountKey) => `e2e/.auth/${key}.json`;

const SESSION_COOKIE = "authjs.session-token";

// A context for this account whose stored session is re-issued as signed in `secondsAgo` seconds
// ago. Signing needs a sign-in from the last 15 minutes, and the stored sessions are made once when
// the suite starts, so a test that signs uses a recent one (secondsAgo 0) rather than depend on
// how long the suite has run. A `sid` of its own keeps what the test does to its session (a
// re-entered password) out of the shared one.
export async function contextSignedIn(browser: Browser, key: AccountKey, options: { secondsAgo?: number; sid?: string } = {}) {
  const state = JSON.parse(readFileSync(storageStatePath(key), "utf8")) as { cookies: { name: string; value: string }[] };
  const cookie = state.cookies.find((c) => c.name === SESSION_COOKIE)!;
  const secret = process.env.E2E_AUTH_SECRET!;
  const token = await decode({ token: cookie.value, secret, salt: SESSION_COOKIE });
  const reissued = await encode({
    token: { ...token, authTime: Math.floor(Date.now() / 1000) - (options.secondsAgo ?? 0), ...(options.sid ? { sid: options.sid } : {}) },
    secret,
    salt: SESSION_COOKIE,
  });
  return browser.newContext({
    storageState: { ...state, cookies: state.cookies.map((c) => (c.name === SESSION_COOKIE ? { ...c, value: reissued } : c)) } as never,
  });
}

export async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

// Fails the test on any 5xx the page receives.
export function refuseServerErrors(page: Page) {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  return () => expect(failures, "server errors").toEqual([]);
}

// db/seed.ts's deterministic ids, for specs that address seeded rows directly (the spec
// process does not load the app's modules).
export function seedId(name: string): string {
  const h = createHash("sha256").update(`readyroom-demo:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// The evidence form starts with nothing chosen: the person says what kind of evidence it is,
// where it was observed and how it came out.
export async function chooseEvidence(
  form: Locator,
  { kind = "technical", environment = "Production", outcome = "Pass" }: { kind?: "technical" | "operational"; environment?: string; outcome?: string } = {},
) {
  await form
    .getByLabel(kind === "operational" ? "Operational validation (a person checked a real example)" : "Technical evidence (a request, job or log)")
    .check();
  await form.getByLabel("Environment").selectOption({ label: environment });
  await form.getByLabel("Outcome").selectOption({ label: outcome });
}

// Ticks choices of a multi-choice filter (components/ui/filter-checks.tsx): opens its
// disclosure, then checks each labelled box. The form still needs its Apply button.
export async function chooseFilter(scope: Page | Locator, label: string, choices: string[]) {
  // The inner locator of `has` is matched inside each outer match, so it starts from the page.
  const page = "page" in scope && typeof scope.page === "function" ? scope.page() : (scope as Page);
  const filter = scope.locator("details").filter({ has: page.locator("legend", { hasText: new RegExp(`^${label}$`) }) });
  if ((await filter.getAttribute("open")) === null) await filter.locator("summary").click();
  const group = filter.getByRole("group", { name: label, exact: true });
  for (const choice of choices) await group.getByLabel(choice, { exact: true }).check();
}

// The inventory's "Add an interface" form: open on an empty inventory, folded away once the
// implementation has an interface (another spec may have added one first).
export async function addInterfaceForm(page: Page): Promise<Locator> {
  const form = page.getByRole("form", { name: "Add an interface" });
  if (!(await form.isVisible())) await page.locator("summary", { hasText: "Add an interface" }).click();
  await expect(form).toBeVisible();
  return form;
}
