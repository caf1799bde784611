import "server-only";
import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { accountTokens, implementations, organizations, users } from "@/db/schema";
import { roleFitsOrganization, type Viewer } from "@/lib/domain/viewer";
import type { OrganizationKind, Role, SignInMethod, UserStatus } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { roleLabel } from "@/lib/format/labels";
import { renderMail } from "@/lib/mail/render";
import { log } from "@/lib/server/log";
import type { CreateOrganizationInput, InvitePersonInput, UpdateOrganizationInput } from "@/lib/validation/people";
import { issueToken, linkTo, revokeTokens } from "./account-tokens";
import { recordAudit } from "./audit";
import { conflict, forbidden, invalid, notFound } from "./errors";
import { queueMail } from "./mail";
import { authorize, can } from "./policy";

// Organizations and people: health systems (and the vendor), who belongs to them with which
// role, invitations. Admins manage everything; implementation managers invite, disable and
// enable the customer IT people of the health systems they run an implementation for.

export const rolesFor = (kind: OrganizationKind): Role[] =>
  kind === "vendor" ? ["admin", "implementation_manager", "engineer"] : ["customer_it"];

export const statusOf = (u: { disabledAt: Date | null; invited: boolean }): UserStatus =>
  u.disabledAt ? "disabled" : u.invited ? "invited" : "active";

type OrgRow = typeof organizations.$inferSelect;

// The organization if the viewer may manage its people: admins any; managers only a customer
// organization where they run an implementation. Missing: not found.
async function managedOrganization(tx: Executor, viewer: Viewer, organizationId: string, lock = false): Promise<OrgRow> {
  authorize(viewer, "customer_people.manage");
  const query = tx.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  const [org] = lock ? await query.for("update") : await query;
  if (!org) throw notFound("That organization");
  if (!(await mayManagePeopleOf(tx, viewer, org))) throw forbidden();
  return org;
}

// Admins manage every organization's people; an implementation manager, those of the health
// systems where they run an implementation.
async function mayManagePeopleOf(tx: Executor, viewer: Viewer, org: { id: string; kind: OrganizationKind }): Promise<boolean> {
  if (can(viewer, "organization.manage")) return true;
  if (org.kind !== "customer") return false;
  const [runs] = await tx
    .select({ n: count() })
    .from(implementations)
    .where(and(eq(implementations.customerOrganizationId, org.id), eq(implementations.implementationManagerId, viewer.userId)));
  return Boolean(runs && runs.n > 0);
}

async function managedPerson(tx: Executor, viewer: Viewer, userId: string) {
  authorize(viewer, "customer_people.manage");
  const [person] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!person) throw notFound("That person");
  const org = await managedOrganization(tx, viewer, person.organizationId);
  return { person, org };
}

function checkVersion(row: { version: number }, expected: number, what: string) {
  if (row.version !== expected) throw conflict(`${what} was changed by someone else since you opened this page. Reload to see the latest.`);
}

// --- reads -------------------------------------------------------------------------------

export type OrganizationSummary = { id: string; name: string; slug: string; kind: OrganizationKind; active: boolean; people: number };

export async function listOrganizations(viewer: Viewer): Promise<OrganizationSummary[]> {
  authorize(viewer, "people.read");
  const db = getDb();
  const peopleCount = db
    .select({ organizationId: users.organizationId, n: count().as("n") })
    .from(users)
    .groupBy(users.organizationId)
    .as("people_count");
  const scope = can(viewer, "organization.manage")
    ? undefined
    : and(
        eq(organizations.kind, "customer"),
        sql`exists (select 1 from ${implementations} where ${implementations.customerOrganizationId} = ${organizations.id} and ${implementations.implementationManagerId} = ${viewer.userId})`,
      );
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, kind: organizations.kind, deactivatedAt: organizations.deactivatedAt, people: peopleCount.n })
    .from(organizations)
    .leftJoin(peopleCount, eq(peopleCount.organizationId, organizations.id))
    .where(scope)
    .orderBy(asc(organizations.kind), asc(organizations.name));
  return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, kind: r.kind, active: !r.deactivatedAt, people: Number(r.people ?? 0) }));
}

export type PersonRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  lastSignInAt: Date | null;
  version: number;
  singleSignOn: boolean;
  isViewer: boolean;
};

export type OrganizationPeople = {
  organization: {
    id: string;
    name: string;
    slug: string;
    kind: OrganizationKind;
    active: boolean;
    allowedEmailDomains: string[];
    signInMethods: SignInMethod[];
    ssoJustInTime: boolean;
    version: number;
  };
  people: PersonRow[];
  roleChoices: Role[];
  canEditOrganization: boolean;
  canChangeRoles: boolean;
};

export async function getOrganizationPeople(viewer: Viewer, organizationId: string): Promise<OrganizationPeople> {
  const db = getDb();
  const org = await managedOrganization(db, viewer, organizationId);
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      invited: users.invited,
      lastSignInAt: users.lastSignInAt,
      version: users.version,
      oidcSubject: users.oidcSubject,
    })
    .from(users)
    .where(eq(users.organizationId, org.id))
    .orderBy(asc(users.name));
  const admin = can(viewer, "organization.manage");
  return {
    organization: {
      id: org.id,
      name: org.name,
      slug: org.slug,
      kind: org.kind,
      active: !org.deactivatedAt,
      allowedEmailDomains: org.allowedEmailDomains,
      signInMethods: org.signInMethods,
      ssoJustInTime: org.ssoJustInTime,
      version: org.version,
    },
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      role: p.role,
      status: statusOf(p),
      lastSignInAt: p.lastSignInAt,
      version: p.version,
      singleSignOn: p.oidcSubject !== null,
      isViewer: p.id === viewer.userId,
    })),
    roleChoices: rolesFor(org.kind),
    canEditOrganization: admin,
    canChangeRoles: admin && org.kind === "vendor",
  };
}

// --- organizations (admins) -----------------------------------------------------------------

async function slugTaken(tx: Executor, slug: string, except?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.slug, slug), except ? ne(organizations.id, except) : undefined))
    .limit(1);
  return Boolean(row);
}

export async function createOrganization(viewer: Viewer, input: CreateOrganizationInput, requestId?: string): Promise<{ organizationId: string }> {
  authorize(viewer, "organization.manage");
  return getDb().transaction(async (tx) => {
    if (await slugTaken(tx, input.slug)) throw invalid("Some fields need attention.", { slug: ["Another organization already uses this short name."] });
    const [org] = await tx
      .insert(organizations)
      .values({
        name: input.name,
        slug: input.slug,
        kind: "customer",
        allowedEmailDomains: input.allowedEmailDomains,
        signInMethods: input.signInMethods,
        ssoJustInTime: input.ssoJustInTime,
      })
      .returning();
    await recordAudit(tx, viewer, {
      action: "organization.created",
      entityType: "organization",
      entityId: org!.id,
      after: { name: org!.name, slug: org!.slug, allowedEmailDomains: org!.allowedEmailDomains, signInMethods: org!.signInMethods, ssoJustInTime: org!.ssoJustInTime },
      requestId,
    });
    return { organizationId: org!.id };
  });
}

export async function updateOrganization(viewer: Viewer, input: UpdateOrganizationInput, requestId?: string): Promise<{ organizationId: string }> {
  authorize(viewer, "organization.manage");
  return getDb().transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId)).for("update");
    if (!org) throw notFound("That organization");
    checkVersion(org, input.version, "This organization");
    if (await slugTaken(tx, input.slug, org.id)) throw invalid("Some fields need attention.", { slug: ["Another organization already uses this short name."] });
    const after = {
      name: input.name,
      slug: input.slug,
      allowedEmailDomains: input.allowedEmailDomains,
      signInMethods: input.signInMethods,
      ssoJustInTime: input.ssoJustInTime,
    };
    await tx
      .update(organizations)
      .set({ ...after, version: org.version + 1, updatedAt: new Date() })
      .where(eq(organizations.id, org.id));
    await recordAudit(tx, viewer, {
      action: "organization.updated",
      entityType: "organization",
      entityId: org.id,
      before: { name: org.name, slug: org.slug, allowedEmailDomains: org.allowedEmailDomains, signInMethods: org.signInMethods, ssoJustInTime: org.ssoJustInTime },
      after,
      requestId,
    });
    return { organizationId: org.id };
  });
}

// Deactivating refuses its people's sign-ins (and ends their sessions: the viewer check reads
// the organization); its implementations stay readable to the vendor. The vendor organization
// cannot be deactivated: its admins would lock themselves out.
export async function setOrganizationActive(
  viewer: Viewer,
  input: { organizationId: string; version: number; active: boolean },
  requestId?: string,
): Promise<{ organizationId: string }> {
  authorize(viewer, "organization.manage");
  return getDb().transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId)).for("update");
    if (!org) throw notFound("That organization");
    checkVersion(org, input.version, "This organization");
    if (org.kind === "vendor" && !input.active) throw invalid("The vendor organization cannot be deactivated.");
    if (Boolean(org.deactivatedAt) === !input.active) return { organizationId: org.id };
    await tx
      .update(organizations)
      .set({ deactivatedAt: input.active ? null : new Date(), version: org.version + 1, updatedAt: new Date() })
      .where(eq(organizations.id, org.id));
    if (!input.active) {
      // End every session of its people now, so reactivating later does not revive old cookies.
      await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.organizationId, org.id));
    }
    await recordAudit(tx, viewer, {
      action: input.active ? "organization.reactivated" : "organization.deactivated",
      entityType: "organization",
      entityId: org.id,
      requestId,
    });
    return { organizationId: org.id };
  });
}

// --- people -------------------------------------------------------------------------------

function invitationMail(input: { to: string; name: string; organizationName: string; inviterName: string; role: Role; link: string; expiresAt: Date }) {
  return renderMail({
    subject: `You are invited to Readyroom (${input.organizationName})`,
    greeting: `Hello ${input.name},`,
    paragraphs: [
      `${input.inviterName} invited you to Readyroom as ${roleLabel[input.role]} for ${input.organizationName}.`,
      "Readyroom tracks whether an EHR integration is ready to go live: checklists, evidence and sign-offs.",
      `Open the link below to choose your password. It works once and expires on ${formatUtc(input.expiresAt)}.`,
    ],
    action: { label: "Accept the invitation", url: input.link },
    footer: "If you did not expect this invitation, ignore this message.",
  });
}

async function sendInvitation(tx: Executor, viewer: Viewer, person: { id: string; email: string; name: string; role: Role }, org: OrgRow, origin: string) {
  const { token, expiresAt } = await issueToken(tx, { kind: "invitation", userId: person.id, createdById: viewer.userId });
  const mail = invitationMail({ to: person.email, name: person.name, organizationName: org.name, inviterName: viewer.name, role: person.role, link: linkTo(origin, "/invitation", token), expiresAt });
  await queueMail(tx, { ...mail, to: person.email, kind: "invitation", organizationId: org.id });
}

// The new person's id; null when nothing was created (see below), which callers must not show.
export async function invitePerson(viewer: Viewer, input: InvitePersonInput, origin: string, requestId?: string): Promise<{ userId: string | null }> {
  authorize(viewer, "customer_people.manage");
  return getDb().transaction(async (tx) => {
    const org = await managedOrganization(tx, viewer, input.organizationId);
    if (org.kind === "vendor" && !can(viewer, "user.manage")) throw forbidden();
    if (org.deactivatedAt) throw invalid("This organization is deactivated: reactivate it before inviting people.");
    if (!roleFitsOrganization(input.role, org.kind)) {
      throw invalid("Some fields need attention.", { role: [org.kind === "vendor" ? "The vendor's people are admins, implementation managers or engineers." : "A health system's people are customer IT."] });
    }
    const domain = input.email.split("@")[1] ?? "";
    if (org.allowedEmailDomains.length > 0 && !org.allowedEmailDomains.includes(domain)) {
      throw invalid("Some fields need attention.", { email: [`${org.name} accepts addresses at ${org.allowedEmailDomains.join(", ")} only.`] });
    }
    const [existing] = await tx
      .select({ id: users.id, organizationId: users.organizationId, organizationKind: organizations.kind })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(users.email, input.email))
      .limit(1);
    if (existing) {
      // Saying so is fine where the inviter may manage that person anyway. An account in an
      // organization they may not manage gets the answer a fresh invitation gets (the page shows
      // "Invitation sent."), with nothing created or mailed, so an inviter cannot learn who has
      // an account elsewhere; the attempt is logged for the admins.
      if (await mayManagePeopleOf(tx, viewer, { id: existing.organizationId, kind: existing.organizationKind })) {
        throw invalid("Some fields need attention.", { email: ["Someone with this e-mail already has a Readyroom account."] });
      }
      log.warn("security.invitation_ignored", { reason: "account_in_unmanaged_organization", by: viewer.userId, organizationId: org.id, requestId });
      return { userId: null };
    }
    const [person] = await tx
      .insert(users)
      .values({ organizationId: org.id, email: input.email, name: input.name, role: input.role, invited: true })
      .returning();
    await sendInvitation(tx, viewer, person!, org, origin);
    await recordAudit(tx, viewer, {
      action: "user.invited",
      entityType: "user",
      entityId: person!.id,
      after: { email: person!.email, name: person!.name, role: person!.role, organizationId: org.id },
      requestId,
    });
    return { userId: person!.id };
  });
}

// The active admins other than this one, locked so two demotions cannot both pass the check.
async function otherActiveAdmins(tx: Executor, exceptUserId: string): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), eq(users.invited, false), ne(users.id, exceptUserId)))
    .for("update");
  return rows.length;
}

export async function changeRole(viewer: Viewer, input: { userId: string; version: number; role: Role }, requestId?: string): Promise<{ userId: string }> {
  authorize(viewer, "user.manage");
  return getDb().transaction(async (tx) => {
    const { person, org } = await managedPerson(tx, viewer, input.userId);
    checkVersion(person, input.version, "This person");
    if (!roleFitsOrganization(input.role, org.kind)) {
      throw invalid("Some fields need attention.", { role: [org.kind === "vendor" ? "The vendor's people are admins, implementation managers or engineers." : "A health system's people are customer IT."] });
    }
    if (person.role === input.role) return { userId: person.id };
    if (person.role === "admin" && !person.disabledAt && !person.invited && (await otherActiveAdmins(tx, person.id)) === 0) {
      throw invalid("This is the last active admin: make someone else an admin first.");
    }
    await tx
      .update(users)
      .set({ role: input.role, sessionVersion: person.sessionVersion + 1, version: person.version + 1, updatedAt: new Date() })
      .where(eq(users.id, person.id));
    await recordAudit(tx, viewer, { action: "user.role_changed", entityType: "user", entityId: person.id, before: { role: person.role }, after: { role: input.role }, requestId });
    return { userId: person.id };
  });
}

// Disabling ends every session at once (the session version moves on, so re-enabling later
// does not revive an old cookie) and voids any open invitation or reset link.
export async function setPersonDisabled(viewer: Viewer, input: { userId: string; version: number; disabled: boolean }, requestId?: string): Promise<{ userId: string }> {
  authorize(viewer, "customer_people.manage");
  return getDb().transaction(async (tx) => {
    const { person, org } = await managedPerson(tx, viewer, input.userId);
    if (org.kind === "vendor" && !can(viewer, "user.manage")) throw forbidden();
    checkVersion(person, input.version, "This person");
    if (Boolean(person.disabledAt) === input.disabled) return { userId: person.id };
    if (input.disabled) {
      if (person.id === viewer.userId) throw invalid("You cannot disable your own account.");
      if (person.role === "admin" && !person.invited && (await otherActiveAdmins(tx, person.id)) === 0) {
        throw invalid("This is the last active admin: make someone else an admin first.");
      }
      for (const kind of ["invitation", "password_reset", "sign_in_link"] as const) await revokeTokens(tx, kind, person.id);
    }
    await tx
      .update(users)
      .set({ disabledAt: input.disabled ? new Date() : null, sessionVersion: person.sessionVersion + 1, version: person.version + 1, updatedAt: new Date() })
      .where(eq(users.id, person.id));
    await recordAudit(tx, viewer, { action: input.disabled ? "user.disabled" : "user.enabled", entityType: "user", entityId: person.id, requestId });
    return { userId: person.id };
  });
}

async function invitedPerson(tx: Executor, viewer: Viewer, userId: string) {
  const { person, org } = await managedPerson(tx, viewer, userId);
  if (org.kind === "vendor" && !can(viewer, "user.manage")) throw forbidden();
  if (!person.invited || person.disabledAt) throw invalid("This person has no open invitation.");
  return { person, org };
}

export async function resendInvitation(viewer: Viewer, input: { userId: string }, origin: string, requestId?: string): Promise<{ userId: string }> {
  authorize(viewer, "customer_people.manage");
  return getDb().transaction(async (tx) => {
    const { person, org } = await invitedPerson(tx, viewer, input.userId);
    if (org.deactivatedAt) throw invalid("This organization is deactivated: reactivate it before inviting people.");
    await sendInvitation(tx, viewer, person, org, origin);
    await recordAudit(tx, viewer, { action: "user.invitation_resent", entityType: "user", entityId: person.id, requestId });
    return { userId: person.id };
  });
}

// Revoking voids the link; the person stays listed as disabled so the history still names them.
export async function revokeInvitation(viewer: Viewer, input: { userId: string }, requestId?: string): Promise<{ userId: string }> {
  authorize(viewer, "customer_people.manage");
  return getDb().transaction(async (tx) => {
    const { person } = await invitedPerson(tx, viewer, input.userId);
    await revokeTokens(tx, "invitation", person.id);
    await tx
      .update(users)
      .set({ disabledAt: new Date(), sessionVersion: person.sessionVersion + 1, version: person.version + 1, updatedAt: new Date() })
      .where(eq(users.id, person.id));
    await recordAudit(tx, viewer, { action: "user.invitation_revoked", entityType: "user", entityId: person.id, requestId });
    return { userId: person.id };
  });
}

// Whether a live invitation exists for this user (used when SSO accepts an invitation).
export async function hasLiveInvitation(tx: Executor, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: accountTokens.id, expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.kind, "invitation"), isNull(accountTokens.usedAt), isNull(accountTokens.revokedAt)))
    .limit(1);
  return row && row.expiresAt.getTime() > Date.now() ? row.id : null;
}
