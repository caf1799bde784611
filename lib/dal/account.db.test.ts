import { desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mailMessages, organizations, users } from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { createTestDatabase, demoViewer, type TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/domain/viewer";
import { log } from "@/lib/server/log";
import { acceptInvitation, changeOwnPassword, describeLink, redeemSignInLink, requestPasswordReset, requestSignInLink, resetPassword } from "./account";
import { invitePerson, resendInvitation, revokeInvitation, setOrganizationActive, setPersonDisabled } from "./people";
import { verifyCredentials } from "./sign-in";
import { loadViewer } from "./users";

// Single-use links, against a real database: used once, then refused; refused after expiry
// (the clock is moved), revocation, a newer link or a disable; requests by e-mail answered
// alike whether or not the address has an account.

let testDb: TestDatabase;
let admin: Viewer;
let manager: Viewer;
const ip = "198.51.100.20";
// For the replaced-link cases, so they leave the per-address mail limit test its own count.
const otherIp = "198.51.100.77";
const origin = "http://readyroom.test";
const NEW_PASSWORD = "a synthetic passphrase for tests 9";

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
  admin = await demoViewer("admin@vendor.example");
  manager = await demoViewer("manager@vendor.example");
});
afterAll(() => testDb.drop());
afterEach(() => vi.useRealTimers());

const db = () => testDb.handle.db;
async function mailsTo(email: string) {
  return db().select().from(mailMessages).where(eq(mailMessages.to, email)).orderBy(desc(mailMessages.createdAt));
}
async function lastToken(email: string, path: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const match = mail?.text?.match(new RegExp(`${path.replace("/", "\\/")}\\?token=([A-Za-z0-9_-]{43})`));
  if (!match) throw new Error(`no ${path} link mailed to ${email}`);
  return match[1]!;
}
function moveClock(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() + ms));
}
let n = 0;
async function invite(by: Viewer = manager) {
  n += 1;
  const email = `invitee${n}@riverbend.example`;
  const { userId } = await invitePerson(by, { organizationId: (await demoViewer("it@riverbend.example")).organizationId, email, name: `Invitee ${n} (synthetic)`, role: "customer_it" }, origin);
  return { email, userId: userId!, token: await lastToken(email, "/invitation") };
}

describe("invitations", () => {
  it("mails a link that sets a password once, then signs in; a replay is refused", async () => {
    const { email, token } = await invite();
    const [mail] = await mailsTo(email);
    expect(mail).toMatchObject({ kind: "invitation", status: "pending" });
    expect(mail!.html).toContain(`${origin}/invitation?token=`);
    expect(await describeLink("invitation", token)).toMatchObject({ email, organizationName: "Riverbend Health (fictional)" });
    // Invited but not accepted: no password sign-in yet.
    expect(await verifyCredentials({ email, password: NEW_PASSWORD, ip })).toBeNull();

    await acceptInvitation({ token, password: NEW_PASSWORD });
    expect(await verifyCredentials({ email, password: NEW_PASSWORD, ip })).not.toBeNull();
    await expect(acceptInvitation({ token, password: "another synthetic passphrase 1" })).rejects.toMatchObject({ code: "invalid" });
    expect(await describeLink("invitation", token)).toBeNull();
  });

  it("stores only a hash of the token", async () => {
    const { token } = await invite();
    const found = await db().execute(`select count(*)::int as n from account_tokens where token_hash = '${token}'`);
    const rows = Array.isArray(found) ? found : (found as { rows: { n: number }[] }).rows;
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("is refused after 7 days", async () => {
    const { token } = await invite();
    moveClock(7 * 24 * 3_600_000 + 60_000);
    await expect(acceptInvitation({ token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
  });

  it("is refused once revoked, and a resent invitation replaces the earlier link", async () => {
    const first = await invite();
    await resendInvitation(manager, { userId: first.userId }, origin);
    const second = await lastToken(first.email, "/invitation");
    expect(second).not.toBe(first.token);
    await expect(acceptInvitation({ token: first.token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });

    await revokeInvitation(manager, { userId: first.userId });
    await expect(acceptInvitation({ token: second, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
  });

  it("is refused after the person is disabled", async () => {
    const { userId, token } = await invite();
    const [row] = await db().select().from(users).where(eq(users.id, userId));
    await setPersonDisabled(manager, { userId, version: row!.version, disabled: true });
    await expect(acceptInvitation({ token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
  });

  it("refuses a common or short password", async () => {
    const { token } = await invite();
    await expect(acceptInvitation({ token, password: "password1234" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("password reset", () => {
  it("answers alike for unknown addresses and mails only real accounts", async () => {
    const before = (await db().select().from(mailMessages)).length;
    await expect(requestPasswordReset("nobody@nowhere.example", origin, ip)).resolves.toBeUndefined();
    await expect(requestPasswordReset("former@lakeshore.example", origin, ip)).resolves.toBeUndefined();
    expect((await db().select().from(mailMessages)).length).toBe(before);
    await expect(requestPasswordReset("it2@riverbend.example", origin, ip)).resolves.toBeUndefined();
    expect((await db().select().from(mailMessages)).length).toBe(before + 1);
  });

  it("sets a new password once, ends every session, and is refused when replayed", async () => {
    await requestPasswordReset("engineer2@vendor.example", origin, ip);
    const token = await lastToken("engineer2@vendor.example", "/reset-password");
    const [before] = await db().select().from(users).where(eq(users.email, "engineer2@vendor.example"));
    await resetPassword({ token, password: NEW_PASSWORD });
    expect(await loadViewer(before!.id, before!.sessionVersion)).toBeNull();
    expect(await verifyCredentials({ email: "engineer2@vendor.example", password: NEW_PASSWORD, ip })).not.toBeNull();
    await expect(resetPassword({ token, password: "another synthetic passphrase 2" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("is refused after 30 minutes", async () => {
    await requestPasswordReset("it2@riverbend.example", origin, ip);
    const token = await lastToken("it2@riverbend.example", "/reset-password");
    moveClock(31 * 60_000);
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({ code: "invalid" });
  });

  it("is refused once a newer reset link replaced it, and after the person is disabled", async () => {
    const { email, userId } = await invite();
    // An invited person has no password yet; accept first so they are an active account.
    await acceptInvitation({ token: await lastToken(email, "/invitation"), password: NEW_PASSWORD });
    await requestPasswordReset(email, origin, otherIp);
    const first = await lastToken(email, "/reset-password");
    await requestPasswordReset(email, origin, otherIp);
    const second = await lastToken(email, "/reset-password");
    expect(second).not.toBe(first);
    await expect(resetPassword({ token: first, password: "another synthetic passphrase 3" })).rejects.toMatchObject({ code: "invalid" });

    const [row] = await db().select().from(users).where(eq(users.id, userId));
    await setPersonDisabled(manager, { userId, version: row!.version, disabled: true });
    await expect(resetPassword({ token: second, password: "another synthetic passphrase 3" })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("e-mailed sign-in links", () => {
  it("signs in once within 15 minutes; a replay or a late click is refused", async () => {
    await requestSignInLink("it@lakeshore.example", origin, ip);
    const token = await lastToken("it@lakeshore.example", "/sign-in/link");
    expect(await redeemSignInLink(token)).not.toBeNull();
    expect(await redeemSignInLink(token)).toBeNull();

    await requestSignInLink("it@lakeshore.example", origin, ip);
    const late = await lastToken("it@lakeshore.example", "/sign-in/link");
    moveClock(16 * 60_000);
    expect(await redeemSignInLink(late)).toBeNull();
  });

  it("is refused once a newer link replaced it, and after the person is disabled", async () => {
    const { email, userId } = await invite();
    await acceptInvitation({ token: await lastToken(email, "/invitation"), password: NEW_PASSWORD });
    await requestSignInLink(email, origin, otherIp);
    const first = await lastToken(email, "/sign-in/link");
    await requestSignInLink(email, origin, otherIp);
    const second = await lastToken(email, "/sign-in/link");
    expect(second).not.toBe(first);
    expect(await redeemSignInLink(first)).toBeNull();

    const [row] = await db().select().from(users).where(eq(users.id, userId));
    await setPersonDisabled(manager, { userId, version: row!.version, disabled: true });
    expect(await redeemSignInLink(second)).toBeNull();
  });

  it("is not sent where the organization does not allow it, nor for unknown addresses", async () => {
    const riverbend = (await demoViewer("it@riverbend.example")).organizationId;
    await db().update(organizations).set({ signInMethods: ["password"] }).where(eq(organizations.id, riverbend));
    try {
      const before = (await db().select().from(mailMessages)).length;
      await requestSignInLink("it@riverbend.example", origin, ip);
      await requestSignInLink("nobody@riverbend.example", origin, ip);
      expect((await db().select().from(mailMessages)).length).toBe(before);
    } finally {
      await db().update(organizations).set({ signInMethods: ["password", "email_link", "sso"] }).where(eq(organizations.id, riverbend));
    }
  });
});

describe("limits on requested mail", () => {
  // A fresh account of its own, so other tests' requests do not count against it.
  async function freshAccount() {
    const { email, token } = await invite();
    await acceptInvitation({ token, password: NEW_PASSWORD });
    return email;
  }
  const mailCount = async (email: string, kind: string) => (await mailsTo(email)).filter((m) => m.kind === kind).length;

  it("queues no 4th reset for one account within 15 minutes, answers it alike, and lets mail through once the window has passed", async () => {
    const email = await freshAccount();
    const warn = vi.spyOn(log, "warn");
    try {
      // Each from another address: the limit is the account's, not the address's.
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await requestPasswordReset(email, origin, `198.51.100.${40 + i}`));
      expect(await mailCount(email, "password_reset")).toBe(3);
      const fourth = await requestPasswordReset(email, origin, "198.51.100.43");
      const unknown = await requestPasswordReset("nobody@nowhere.example", origin, "198.51.100.43");
      expect(fourth).toEqual(answers[0]);
      expect(fourth).toEqual(unknown);
      expect(await mailCount(email, "password_reset")).toBe(3);
      expect(warn).toHaveBeenCalledWith("security.reset_requested", expect.objectContaining({ outcome: "throttled", scope: "account" }));
      // Another kind of mail has its own allowance.
      await requestSignInLink(email, origin, "198.51.100.44");
      expect(await mailCount(email, "sign_in_link")).toBe(1);

      moveClock(15 * 60_000 + 1000);
      await requestPasswordReset(email, origin, "198.51.100.45");
      expect(await mailCount(email, "password_reset")).toBe(4);
    } finally {
      warn.mockRestore();
    }
  });

  it("queues no 4th sign-in link for one account within 15 minutes", async () => {
    const email = await freshAccount();
    for (let i = 0; i < 4; i++) await expect(requestSignInLink(email, origin, `198.51.100.${50 + i}`)).resolves.toBeUndefined();
    expect(await mailCount(email, "sign_in_link")).toBe(3);
  });

  it("lets one address ask for at most 20 mails an hour, across accounts, whether or not they exist", async () => {
    const email = await freshAccount();
    const busy = "198.51.100.60";
    for (let i = 0; i < 20; i++) await requestPasswordReset(`nobody${i}@nowhere.example`, origin, busy);
    const warn = vi.spyOn(log, "warn");
    try {
      await expect(requestPasswordReset(email, origin, busy)).resolves.toBeUndefined();
      await expect(requestSignInLink(email, origin, busy)).resolves.toBeUndefined();
      expect(await mailsTo(email)).toEqual([expect.objectContaining({ kind: "invitation" })]);
      expect(warn).toHaveBeenCalledWith("security.reset_requested", expect.objectContaining({ outcome: "throttled", scope: "address" }));
    } finally {
      warn.mockRestore();
    }
    // Another address is not held back.
    await requestPasswordReset(email, origin, "198.51.100.61");
    expect(await mailCount(email, "password_reset")).toBe(1);
    // After the hour, this address may ask again.
    moveClock(60 * 60_000 + 1000);
    await requestSignInLink(email, origin, busy);
    expect(await mailCount(email, "sign_in_link")).toBe(1);
  });
});

describe("inviting an address that already has an account", () => {
  const riverbend = async () => (await demoViewer("it@riverbend.example")).organizationId;
  const input = async (email: string) => ({ organizationId: await riverbend(), email, name: "Someone (synthetic)", role: "customer_it" as const });
  const userCount = async () => (await db().select({ id: users.id }).from(users)).length;

  it("is told so where the inviter may manage that person", async () => {
    await expect(invitePerson(manager, await input("it2@riverbend.example"), origin)).rejects.toMatchObject({ code: "invalid", fieldErrors: { email: [expect.stringContaining("already has")] } });
    // An admin manages every organization, the vendor's too.
    await expect(invitePerson(admin, await input("engineer@vendor.example"), origin)).rejects.toMatchObject({ code: "invalid", fieldErrors: { email: [expect.stringContaining("already has")] } });
  });

  it("gets a fresh invitation's answer, with nothing created or mailed, where the inviter may not manage that person", async () => {
    const users = await userCount();
    const mails = (await mailsTo("engineer@vendor.example")).length;
    // A manager manages health systems' people, never the vendor's.
    await expect(invitePerson(manager, await input("engineer@vendor.example"), origin)).resolves.toEqual({ userId: null });
    expect(await userCount()).toBe(users);
    expect((await mailsTo("engineer@vendor.example")).length).toBe(mails);
    expect(await demoViewer("engineer@vendor.example")).toMatchObject({ role: "engineer", organizationKind: "vendor" });
  });
});

describe("changing one's own password", () => {
  it("needs the current password and ends the other sessions", async () => {
    const casey = await demoViewer("it@riverbend.example");
    const [row] = await db().select().from(users).where(eq(users.id, casey.userId));
    await expect(changeOwnPassword(casey, { currentPassword: "not it", newPassword: NEW_PASSWORD, ip })).rejects.toMatchObject({ code: "invalid" });
    await changeOwnPassword(casey, { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, ip });
    expect(await loadViewer(casey.userId, row!.sessionVersion)).toBeNull();
    expect(await verifyCredentials({ email: casey.email, password: NEW_PASSWORD, ip })).not.toBeNull();
  });
});

describe("deactivated organizations", () => {
  it("refuse their people's sign-ins and sessions; reactivating does not revive old sessions", async () => {
    const priya = await demoViewer("it@lakeshore.example");
    const [user] = await db().select().from(users).where(eq(users.id, priya.userId));
    const [org] = await db().select().from(organizations).where(eq(organizations.id, priya.organizationId));
    await setOrganizationActive(admin, { organizationId: org!.id, version: org!.version, active: false });
    expect(await loadViewer(priya.userId, user!.sessionVersion)).toBeNull();
    expect(await verifyCredentials({ email: priya.email, password: DEMO_PASSWORD, ip })).toBeNull();
    await setOrganizationActive(admin, { organizationId: org!.id, version: org!.version + 1, active: true });
    expect(await loadViewer(priya.userId, user!.sessionVersion)).toBeNull();
    expect(await verifyCredentials({ email: priya.email, password: DEMO_PASSWORD, ip })).not.toBeNull();
  });
});
