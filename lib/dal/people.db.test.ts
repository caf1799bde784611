import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organizations, users } from "@/db/schema";
import { createTestDatabase, demoViewer, type TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/domain/viewer";
import { acceptInvitation, completeSetup, issueSetupLink, setupLinkIsLive } from "./account";
import { changeRole, createOrganization, getOrganizationPeople, invitePerson, listOrganizations, setPersonDisabled } from "./people";
import { loadViewer } from "./users";

// A fresh database with no demo: the first admin comes from the setup link, then
// organizations and people are made through the DAL alone — no SQL.

let testDb: TestDatabase;
let admin: Viewer;
const origin = "http://readyroom.test";
const PASSWORD = "a synthetic passphrase for tests 9";
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

const db = () => testDb.handle.db;
async function versionOf(userId: string) {
  const [row] = await db().select({ version: users.version, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row!;
}
async function lastInvitationToken(email: string) {
  const rows = await db().execute(`select text from mail_messages where "to" = '${email}' order by created_at desc limit 1`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { text: string }[] }).rows) as { text: string }[];
  return list[0]!.text.match(/token=([A-Za-z0-9_-]{43})/)![1]!;
}

describe("first start", () => {
  it("has no account, only a setup link that works once and dies when an admin exists", async () => {
    expect(await db().select().from(users)).toEqual([]);
    const stale = await issueSetupLink(origin);
    const link = await issueSetupLink(origin);
    expect(link).toMatch(/^http:\/\/readyroom\.test\/setup\?token=/);
    // A new start issues a new link; the earlier one stops working.
    expect(await setupLinkIsLive(tokenOf(stale!))).toBe(false);
    await expect(completeSetup({ token: tokenOf(stale!), organizationName: "Acme Integrations (synthetic)", name: "First Admin", email: "first@acme.example", password: PASSWORD })).rejects.toMatchObject({ code: "invalid" });

    await completeSetup({ token: tokenOf(link!), organizationName: "Acme Integrations (synthetic)", name: "First Admin", email: "first@acme.example", password: PASSWORD });
    await expect(completeSetup({ token: tokenOf(link!), organizationName: "Other", name: "Second", email: "second@acme.example", password: PASSWORD })).rejects.toMatchObject({ code: "invalid" });
    expect(await issueSetupLink(origin)).toBeNull();
    admin = await demoViewer("first@acme.example");
    expect(admin).toMatchObject({ role: "admin", organizationKind: "vendor", organizationName: "Acme Integrations (synthetic)" });
  });
});

describe("organizations and people", () => {
  let hillcrest: string;
  let managerId: string;

  it("an admin creates a health system and invites a manager and customer IT with roles that fit", async () => {
    hillcrest = (await createOrganization(admin, { name: "Hillcrest Health (synthetic)", slug: "hillcrest", allowedEmailDomains: ["hillcrest.example"], signInMethods: ["password", "email_link"], ssoJustInTime: false })).organizationId;
    await expect(createOrganization(admin, { name: "Again", slug: "hillcrest", allowedEmailDomains: [], signInMethods: ["password"], ssoJustInTime: false })).rejects.toMatchObject({ code: "invalid" });

    // A health system's people are customer IT only, at its allowed domains.
    await expect(invitePerson(admin, { organizationId: hillcrest, email: "boss@hillcrest.example", name: "Boss", role: "admin" }, origin)).rejects.toMatchObject({ code: "invalid" });
    await expect(invitePerson(admin, { organizationId: hillcrest, email: "it@elsewhere.example", name: "Elsewhere", role: "customer_it" }, origin)).rejects.toMatchObject({ code: "invalid" });
    await invitePerson(admin, { organizationId: hillcrest, email: "it@hillcrest.example", name: "Hill IT (synthetic)", role: "customer_it" }, origin);
    // The vendor's are admins, managers or engineers.
    await expect(invitePerson(admin, { organizationId: admin.organizationId, email: "x@acme.example", name: "X", role: "customer_it" }, origin)).rejects.toMatchObject({ code: "invalid" });
    managerId = (await invitePerson(admin, { organizationId: admin.organizationId, email: "manager@acme.example", name: "Manager (synthetic)", role: "implementation_manager" }, origin)).userId!;
    await acceptInvitation({ token: await lastInvitationToken("manager@acme.example"), password: PASSWORD });

    const people = await getOrganizationPeople(admin, hillcrest);
    expect(people.people).toEqual([expect.objectContaining({ email: "it@hillcrest.example", status: "invited", role: "customer_it" })]);
    const actions = (await db().select({ action: auditEvents.action }).from(auditEvents)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["setup.first_admin_created", "organization.created", "user.invited", "user.invitation_accepted"]));
  });

  it("a manager manages only the health systems they run implementations for, never the vendor's people", async () => {
    const manager = await demoViewer("manager@acme.example");
    expect(await listOrganizations(manager)).toEqual([]);
    await expect(invitePerson(manager, { organizationId: hillcrest, email: "two@hillcrest.example", name: "Two", role: "customer_it" }, origin)).rejects.toMatchObject({ code: "forbidden" });
    await expect(invitePerson(manager, { organizationId: admin.organizationId, email: "eng@acme.example", name: "Eng", role: "engineer" }, origin)).rejects.toMatchObject({ code: "forbidden" });
    const adminRow = await versionOf(admin.userId);
    await expect(setPersonDisabled(manager, { userId: admin.userId, version: adminRow.version, disabled: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeRole(manager, { userId: managerId, version: (await versionOf(managerId)).version, role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the last active admin can be neither disabled nor demoted", async () => {
    const row = await versionOf(admin.userId);
    await expect(changeRole(admin, { userId: admin.userId, version: row.version, role: "engineer" })).rejects.toMatchObject({ code: "invalid" });
    // With a second admin, the first may be demoted.
    await changeRole(admin, { userId: managerId, version: (await versionOf(managerId)).version, role: "admin" });
    const second = await demoViewer("manager@acme.example");
    await expect(setPersonDisabled(second, { userId: second.userId, version: (await versionOf(second.userId)).version, disabled: true })).rejects.toMatchObject({ code: "invalid" });
    await changeRole(second, { userId: admin.userId, version: row.version, role: "implementation_manager" });
    await expect(setPersonDisabled(second, { userId: second.userId, version: (await versionOf(second.userId)).version, disabled: true })).rejects.toMatchObject({ code: "invalid" });
    await expect(changeRole(second, { userId: second.userId, version: (await versionOf(second.userId)).version, role: "engineer" })).rejects.toMatchObject({ code: "invalid" });
    admin = second;
  });

  it("a role change or a disable ends every session at once, and re-enabling does not revive them", async () => {
    const target = await demoViewer("first@acme.example");
    const before = await versionOf(target.userId);
    await changeRole(admin, { userId: target.userId, version: before.version, role: "engineer" });
    expect(await loadViewer(target.userId, before.sessionVersion)).toBeNull();
    const mid = await versionOf(target.userId);
    await setPersonDisabled(admin, { userId: target.userId, version: mid.version, disabled: true });
    const disabled = await versionOf(target.userId);
    await setPersonDisabled(admin, { userId: target.userId, version: disabled.version, disabled: false });
    expect(await loadViewer(target.userId, mid.sessionVersion)).toBeNull();
    expect(await loadViewer(target.userId, (await versionOf(target.userId)).sessionVersion)).not.toBeNull();
    await expect(setPersonDisabled(admin, { userId: target.userId, version: disabled.version, disabled: true })).rejects.toMatchObject({ code: "conflict" });
  });

  it("cannot deactivate the vendor organization", async () => {
    const [vendor] = await db().select().from(organizations).where(eq(organizations.kind, "vendor"));
    const { setOrganizationActive } = await import("./people");
    await expect(setOrganizationActive(admin, { organizationId: vendor!.id, version: vendor!.version, active: false })).rejects.toMatchObject({ code: "invalid" });
  });
});
