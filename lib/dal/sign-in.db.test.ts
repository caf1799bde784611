import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, signInThrottles } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { findUserForOidc, verifyCredentials } from "./sign-in";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
});
afterAll(() => testDb.drop());
beforeEach(async () => {
  // eslint-disable-next-line drizzle/enforce-delete-with-where -- each test starts with no throttle
  await testDb.handle.db.delete(signInThrottles);
});

const ip = "203.0.113.7";

describe("verifyCredentials", () => {
  it("signs in a demo user with the right password and records the sign-in", async () => {
    const user = await verifyCredentials({ email: "manager@vendor.example", password: DEMO_PASSWORD, ip });
    expect(user).toMatchObject({ sessionVersion: 1 });
    const events = await testDb.handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, user!.id));
    expect(events.map((e) => e.action)).toContain("auth.signed_in");
  });

  it("treats the e-mail case-insensitively", async () => {
    expect(await verifyCredentials({ email: "  Manager@Vendor.EXAMPLE ", password: DEMO_PASSWORD, ip })).not.toBeNull();
  });

  it("refuses a wrong password, an unknown account and a disabled user alike", async () => {
    expect(await verifyCredentials({ email: "manager@vendor.example", password: "wrong", ip })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@vendor.example", password: DEMO_PASSWORD, ip })).toBeNull();
    expect(await verifyCredentials({ email: "former@lakeshore.example", password: DEMO_PASSWORD, ip })).toBeNull();
  });

  it("stops accepting even the right password after 10 failures on one account", async () => {
    for (let i = 0; i < 10; i++) {
      await verifyCredentials({ email: "engineer@vendor.example", password: `guess-${i}`, ip: `198.51.100.${i}` });
    }
    expect(await verifyCredentials({ email: "engineer@vendor.example", password: DEMO_PASSWORD, ip: "198.51.100.200" })).toBeNull();
    // Other accounts are unaffected.
    expect(await verifyCredentials({ email: "engineer2@vendor.example", password: DEMO_PASSWORD, ip: "198.51.100.201" })).not.toBeNull();
  });

  it("throttles one address that fails across many accounts", async () => {
    const attacker = "192.0.2.66";
    // 100 attempts already counted against this address in the current window.
    await testDb.handle.db.insert(signInThrottles).values({ key: `ip:${attacker}`, failures: 100 });
    expect(await verifyCredentials({ email: "admin@vendor.example", password: DEMO_PASSWORD, ip: attacker })).toBeNull();
    expect(await verifyCredentials({ email: "admin@vendor.example", password: DEMO_PASSWORD, ip })).not.toBeNull();
  });

  it("checks at most 10 passwords for one account however many guesses arrive at once", async () => {
    const warn = vi.spyOn(console, "warn");
    const guesses = Array.from({ length: 40 }, (_, i) =>
      verifyCredentials({ email: "manager@vendor.example", password: i === 39 ? DEMO_PASSWORD : `guess-${i}`, ip: `198.51.100.${i}` }),
    );
    const results = await Promise.all(guesses);
    const reasons = warn.mock.calls.map((call) => JSON.parse(String(call[0])).reason as string);
    warn.mockRestore();
    const checked = reasons.filter((r) => r !== "throttled").length + results.filter(Boolean).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(reasons.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(30);
    // Paused now, even for the right password.
    expect(await verifyCredentials({ email: "manager@vendor.example", password: DEMO_PASSWORD, ip })).toBeNull();
  });

  it("keeps colleagues behind one address from using up each other's allowance", async () => {
    const clinic = "203.0.113.50";
    for (let i = 0; i < 3; i++) {
      expect(await verifyCredentials({ email: "it@riverbend.example", password: DEMO_PASSWORD, ip: clinic })).not.toBeNull();
    }
    const [row] = await testDb.handle.db.select().from(signInThrottles).where(eq(signInThrottles.key, `ip:${clinic}`));
    expect(row?.failures).toBe(0);
  });

  it("forgets old failures once the window has passed", async () => {
    await testDb.handle.db.insert(signInThrottles).values({
      key: "account:manager2@vendor.example",
      failures: 9,
      windowStartedAt: new Date(Date.now() - 60 * 60 * 1000),
    });
    await verifyCredentials({ email: "manager2@vendor.example", password: "wrong", ip });
    const [row] = await testDb.handle.db
      .select()
      .from(signInThrottles)
      .where(eq(signInThrottles.key, "account:manager2@vendor.example"));
    expect(row?.failures).toBe(1);
    expect(row?.blockedUntil).toBeNull();
  });

  it("clears an account's failures after a successful sign-in", async () => {
    await verifyCredentials({ email: "it@lakeshore.example", password: "wrong", ip });
    expect(await verifyCredentials({ email: "it@lakeshore.example", password: DEMO_PASSWORD, ip })).not.toBeNull();
    const rows = await testDb.handle.db
      .select()
      .from(signInThrottles)
      .where(eq(signInThrottles.key, "account:it@lakeshore.example"));
    expect(rows).toEqual([]);
  });
});

describe("findUserForOidc", () => {
  const bound = ["riverbend", "lakeshore"];

  it("signs in an existing, enabled user by e-mail", async () => {
    expect(await findUserForOidc("IT@Riverbend.example", bound)).not.toBeNull();
  });

  it("never creates an account and refuses a disabled one", async () => {
    expect(await findUserForOidc("stranger@riverbend.example", bound)).toBeNull();
    expect(await findUserForOidc("former@lakeshore.example", bound)).toBeNull();
  });

  it("refuses users of organizations not bound to the provider, such as the vendor's admin", async () => {
    expect(await findUserForOidc("admin@vendor.example", bound)).toBeNull();
    expect(await findUserForOidc("it@lakeshore.example", ["riverbend"])).toBeNull();
  });
});
