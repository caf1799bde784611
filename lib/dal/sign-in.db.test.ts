import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, organizations, signInThrottles, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { checkCredentials, findUserForOidc, verifyCredentials } from "./sign-in";

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

  it("does not let ten wrong passwords from a stranger's address lock the account's owner out", async () => {
    const stranger = "192.0.2.10";
    for (let i = 0; i < 10; i++) {
      await verifyCredentials({ email: "engineer@vendor.example", password: `guess-${i}`, ip: stranger });
    }
    // The owner, at their own address, signs in at once.
    expect(await verifyCredentials({ email: "engineer@vendor.example", password: DEMO_PASSWORD, ip: "198.51.100.200" })).not.toBeNull();
    // The stranger's address is paused for this account, even with the right password.
    expect(await checkCredentials({ email: "engineer@vendor.example", password: DEMO_PASSWORD, ip: stranger })).toMatchObject({ status: "throttled", scope: "pair" });
  });

  it("pauses one account from one address after 5 failures, one minute then doubling", async () => {
    const here = "198.51.100.77";
    const attempt = (password: string) => checkCredentials({ email: "engineer2@vendor.example", password, ip: here });
    for (let i = 0; i < 4; i++) expect(await attempt(`guess-${i}`)).toEqual({ status: "failed" });
    expect(await attempt("guess-4")).toEqual({ status: "failed" }); // the fifth is still checked, then the pause begins
    const first = await attempt(DEMO_PASSWORD);
    expect(first).toMatchObject({ status: "throttled", scope: "pair" });
    expect(first.status === "throttled" && first.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(first.status === "throttled" && first.retryAfterSeconds).toBeGreaterThan(50);
    // The minute passes: one more attempt is checked; another failure pauses for two minutes.
    const key = "pair:engineer2@vendor.example|198.51.100.77";
    await testDb.handle.db.update(signInThrottles).set({ blockedUntil: new Date(Date.now() - 1000) }).where(eq(signInThrottles.key, key));
    expect(await attempt("guess-5")).toEqual({ status: "failed" });
    const second = await attempt(DEMO_PASSWORD);
    expect(second.status === "throttled" && second.retryAfterSeconds).toBeGreaterThan(60);
    expect(second.status === "throttled" && second.retryAfterSeconds).toBeLessThanOrEqual(120);
    // After that pause the right password works and clears the pair.
    await testDb.handle.db.update(signInThrottles).set({ blockedUntil: new Date(Date.now() - 1000) }).where(eq(signInThrottles.key, key));
    expect(await attempt(DEMO_PASSWORD)).toMatchObject({ status: "signed_in" });
    expect(await testDb.handle.db.select().from(signInThrottles).where(eq(signInThrottles.key, key))).toEqual([]);
  });

  it("keeps a softer account-wide limit against guesses from many addresses", async () => {
    // 49 failures from many addresses already counted in this window; one more starts the pause.
    await testDb.handle.db.insert(signInThrottles).values({ key: "account:it@riverbend.example", failures: 49 });
    expect(await checkCredentials({ email: "it@riverbend.example", password: "guess-50", ip: "198.18.0.50" })).toEqual({ status: "failed" });
    expect(await checkCredentials({ email: "it@riverbend.example", password: DEMO_PASSWORD, ip: "203.0.113.99" })).toMatchObject({ status: "throttled", scope: "account" });
  });

  it("throttles one address that fails across many accounts", async () => {
    const attacker = "192.0.2.66";
    // 100 attempts already counted against this address in the current window: it is paused.
    await testDb.handle.db.insert(signInThrottles).values({ key: `ip:${attacker}`, failures: 100, blockedUntil: new Date(Date.now() + 60_000) });
    expect(await verifyCredentials({ email: "admin@vendor.example", password: DEMO_PASSWORD, ip: attacker })).toBeNull();
    expect(await verifyCredentials({ email: "admin@vendor.example", password: DEMO_PASSWORD, ip })).not.toBeNull();
  });

  it("checks at most 5 passwords for one account from one address however many guesses arrive at once", async () => {
    const warn = vi.spyOn(console, "warn");
    const guesses = Array.from({ length: 40 }, (_, i) =>
      verifyCredentials({ email: "manager@vendor.example", password: i === 39 ? DEMO_PASSWORD : `guess-${i}`, ip: "198.51.100.1" }),
    );
    const results = await Promise.all(guesses);
    const reasons = warn.mock.calls.map((call) => JSON.parse(String(call[0])).reason as string);
    warn.mockRestore();
    const checked = reasons.filter((r) => r !== "throttled").length + results.filter(Boolean).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(reasons.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(35);
    // Paused now from that address, even for the right password; not from the owner's own.
    expect(await verifyCredentials({ email: "manager@vendor.example", password: DEMO_PASSWORD, ip: "198.51.100.1" })).toBeNull();
    expect(await verifyCredentials({ email: "manager@vendor.example", password: DEMO_PASSWORD, ip })).not.toBeNull();
  }, 120_000);

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
  const issuer = "https://idp.example";
  const who = (email: string, subject = `sub-${email.toLowerCase()}`, emailVerified = true) => ({ issuer, subject, email, emailVerified, name: null });

  it("signs in an existing, enabled user by verified e-mail and links the identity", async () => {
    const first = await findUserForOidc(who("IT@Riverbend.example", "casey-at-idp"), bound);
    expect(first).not.toBeNull();
    // From now on the subject decides: a changed e-mail at the provider still reaches Casey…
    expect((await findUserForOidc(who("casey.new@elsewhere.example", "casey-at-idp"), bound))?.id).toBe(first!.id);
    // …and another subject presenting Casey's e-mail does not take the account over.
    expect(await findUserForOidc(who("it@riverbend.example", "someone-else"), bound)).toBeNull();
  });

  it("refuses an e-mail the provider has not verified", async () => {
    expect(await findUserForOidc(who("it2@riverbend.example", "jordan", false), bound)).toBeNull();
  });

  it("creates no account without just-in-time creation, and refuses a disabled one", async () => {
    expect(await findUserForOidc(who("stranger@riverbend.example"), bound)).toBeNull();
    expect(await findUserForOidc(who("former@lakeshore.example"), bound)).toBeNull();
  });

  it("refuses users of organizations not bound to the provider, such as the vendor's admin", async () => {
    expect(await findUserForOidc(who("admin@vendor.example"), bound)).toBeNull();
    expect(await findUserForOidc(who("it@lakeshore.example"), ["riverbend"])).toBeNull();
  });

  it("creates a customer IT account just in time for an allowed domain of a health system that enables it", async () => {
    const db = testDb.handle.db;
    await db.update(organizations).set({ allowedEmailDomains: ["lakeshore.example"], ssoJustInTime: true }).where(eq(organizations.slug, "lakeshore"));
    try {
      expect(await findUserForOidc(who("newcomer@elsewhere.example"), bound)).toBeNull();
      const created = await findUserForOidc({ ...who("newcomer@lakeshore.example", "newcomer-sub"), name: "New Comer (synthetic)" }, bound);
      expect(created).not.toBeNull();
      const [row] = await db.select().from(users).where(eq(users.id, created!.id));
      expect(row).toMatchObject({ role: "customer_it", email: "newcomer@lakeshore.example", oidcSubject: "newcomer-sub", invited: false });
    } finally {
      await db.update(organizations).set({ allowedEmailDomains: [], ssoJustInTime: false }).where(eq(organizations.slug, "lakeshore"));
    }
  });
});
