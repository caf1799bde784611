import { expect, test } from "@playwright/test";
import { refuseServerErrors, seedId, storageStatePath } from "./fixtures";

// The machine API over real HTTP: a manager makes a token on the page (shown once), a CI job
// posts evidence with it, the item shows it as technical and names the token; a token without
// the scope, for another implementation, or revoked is refused with problem details.

const appointments = seedId("impl:riverbend-appointments");
const documents = seedId("impl:lakeshore-documents");

test.use({ storageState: storageStatePath("manager") });

test("a token made on the page posts technical evidence; wrong scope, other implementation and revoked are refused", async ({ page, request }) => {
  const noServerErrors = refuseServerErrors(page);
  await page.goto(`/implementations/${appointments}/api-tokens`);
  const form = page.getByRole("form", { name: "New API token" });
  await form.getByLabel(/^Name/).fill("E2E CI job");
  await form.getByLabel("Production").check();
  await form.getByLabel("Post technical evidence").check();
  await form.getByRole("button", { name: "Make token" }).click();
  const token = (await page.getByLabel("The new token").textContent())!.trim();
  expect(token).toMatch(/^rr_/);

  const observedAt = new Date(Date.now() - 60_000).toISOString();
  const body = { itemKey: "monitoring-setup", environment: "production", outcome: "pass", observedAt, whatWasTested: "E2E: alert rule fired on a synthetic gap", link: "https://ci.example/e2e" };
  const headers = { authorization: `Bearer ${token}`, "idempotency-key": `e2e-${observedAt}` };
  const posted = await request.post(`/api/v1/implementations/${appointments}/evidence`, { data: body, headers });
  expect(posted.status()).toBe(201);
  expect(await posted.json()).toMatchObject({ kind: "technical", token: "E2E CI job" });
  const retried = await request.post(`/api/v1/implementations/${appointments}/evidence`, { data: body, headers });
  expect(retried.headers()["idempotent-replayed"]).toBe("true");

  const other = await request.post(`/api/v1/implementations/${documents}/evidence`, { data: body, headers: { authorization: `Bearer ${token}` } });
  expect(other.status()).toBe(403);
  expect(other.headers()["content-type"]).toBe("application/problem+json");
  const metrics = await request.post(`/api/v1/implementations/${appointments}/interfaces/00000000-0000-4000-8000-000000000000/metrics`, {
    data: { environment: "production", periodStart: "2026-11-30T09:00:00Z", periodEnd: "2026-11-30T10:00:00Z", messageCount: 1, errorCount: 0 },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(metrics.status()).toBe(403);
  expect((await metrics.json()).detail).toContain("may not post this");

  await page.goto(`/implementations/${appointments}/items/${seedId("item:riverbend-appointments:monitoring-setup")}`);
  await expect(page.getByText("API token “E2E CI job”").first()).toBeVisible();

  await page.goto(`/implementations/${appointments}/api-tokens`);
  const row = page.getByRole("row").filter({ hasText: "E2E CI job" });
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row").filter({ hasText: "E2E CI job" })).toContainText("Revoked");
  const revoked = await request.post(`/api/v1/implementations/${appointments}/evidence`, { data: body, headers: { authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).detail).toContain("revoked");

  const spec = await request.get("/api/v1/openapi.json");
  expect((await spec.json()).openapi).toBe("3.1.0");
  noServerErrors();
});
