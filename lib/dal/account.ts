import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { accountTokens, organizations, users } from "@/db/schema";
import { weakPasswordReason } from "@/lib/auth/common-passwords";
import { hashPassword } from "@/lib/auth/password";
import { roleFitsOrganization, type Viewer } from "@/lib/domain/viewer";
import { renderMail } from "@/lib/mail/render";
import { log } from "@/lib/server/log";
import { findLiveToken, issueToken, linkTo, redeemToken, revokeTokens } from "./account-tokens";
import { recordAudit } from "./audit";
import { invalid, notFound } from "./errors";
import { queueMail } from "./mail";
import { admitMailRequestFromAddress, admitMailToAccount, type MailRequestKind } from "./mail-throttle";
import { authorize } from "./policy";
import { verifyCredentials, type SignedInUser } from "./sign-in";

// A person's own account, mostly before they are signed in: accepting an invitation, resetting
// a forgotten password, asking for an e-mailed sign-in link, the first-admin setup link, and
// changing one's password. Every link is single-use and expiring (account-tokens.ts); every
// request by e-mail is answered the same whether or not the address has an account.

export const LINK_NOT_VALID = "This link is no longer valid: it was used, replaced, revoked or has expired. Ask for a new one.";

async function accountOf(tx: Executor, userId: string | null) {
  if (!userId) return null;
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      invited: users.invited,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
      version: users.version,
      organizationId: users.organizationId,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      organizationActive: isNull(organizations.deactivatedAt),
      signInMethods: organizations.signInMethods,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.disabledAt || !row.organizationActive || !roleFitsOrganization(row.role, row.organizationKind)) return null;
  return row;
}

const actorOf = (a: { id: string; role: Viewer["role"]; organizationId: string }) => ({ userId: a.id, role: a.role, organizationId: a.organizationId });

// What a link's page shows before it is used: whose it is. Null: the link does not work.
export async function describeLink(kind: "invitation" | "password_reset" | "sign_in_link", token: unknown): Promise<{ email: string; name: string; organizationName: string; singleSignOn: boolean } | null> {
  const db = getDb();
  const live = await findLiveToken(db, kind, token);
  const account = await accountOf(db, live?.userId ?? null);
  if (!live || !account) return null;
  if (kind === "invitation" && !account.invited) return null;
  return { email: account.email, name: account.name, organizationName: account.organizationName, singleSignOn: account.signInMethods.includes("sso") };
}

async function setPassword(tx: Executor, account: NonNullable<Awaited<ReturnType<typeof accountOf>>>, password: string) {
  const reason = weakPasswordReason(password, [account.email, account.name]);
  if (reason) throw invalid("Some fields need attention.", { password: [reason] });
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(password), invited: false, sessionVersion: account.sessionVersion + 1, version: account.version + 1, updatedAt: new Date() })
    .where(eq(users.id, account.id));
}

// Accepting an invitation sets the password; the caller then signs in with it.
export async function acceptInvitation(input: { token: string; password: string }, requestId?: string): Promise<{ email: string }> {
  return getDb().transaction(async (tx) => {
    const live = await redeemToken(tx, "invitation", input.token);
    const account = await accountOf(tx, live?.userId ?? null);
    if (!live || !account || !account.invited) throw invalid(LINK_NOT_VALID);
    await setPassword(tx, account, input.password);
    await recordAudit(tx, actorOf(account), { action: "user.invitation_accepted", entityType: "user", entityId: account.id, after: { method: "password" }, requestId });
    return { email: account.email };
  });
}

export async function resetPassword(input: { token: string; password: string }, requestId?: string): Promise<{ email: string }> {
  return getDb().transaction(async (tx) => {
    const live = await redeemToken(tx, "password_reset", input.token);
    const account = await accountOf(tx, live?.userId ?? null);
    if (!live || !account || account.invited || !account.signInMethods.includes("password")) throw invalid(LINK_NOT_VALID);
    await setPassword(tx, account, input.password);
    await recordAudit(tx, actorOf(account), { action: "user.password_reset", entityType: "user", entityId: account.id, requestId });
    return { email: account.email };
  });
}

async function accountByEmail(tx: Executor, email: string) {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return accountOf(tx, row?.id ?? null);
}

// The account a requested mail may go to, or null (nothing is sent). The address is counted
// first, for every request, so the limit cannot tell which addresses have accounts.
async function mailableAccount(tx: Executor, kind: MailRequestKind, email: string, ip: string) {
  const event = kind === "password_reset" ? "security.reset_requested" : "security.sign_in_link_requested";
  if (!(await admitMailRequestFromAddress(tx, ip))) {
    log.warn(event, { outcome: "throttled", scope: "address", ip });
    return null;
  }
  const account = await accountByEmail(tx, email);
  const method = kind === "password_reset" ? "password" : "email_link";
  if (!account || account.invited || !account.signInMethods.includes(method)) {
    log.info(event, { outcome: "ignored", ip });
    return null;
  }
  if (!(await admitMailToAccount(tx, kind, account.id))) {
    log.warn(event, { outcome: "throttled", scope: "account", userId: account.id, ip });
    return null;
  }
  return account;
}

// Answered the same for every address: mail goes out only to an active account whose
// organization allows the method; nothing tells the caller which happened.
// Both are limited (mail-throttle.ts): past a limit the answer is still the same, but no mail
// is queued and a security event is logged.
export async function requestPasswordReset(email: string, origin: string, ip: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const account = await mailableAccount(tx, "password_reset", email, ip);
    if (!account) return;
    const { token } = await issueToken(tx, { kind: "password_reset", userId: account.id });
    const mail = renderMail({
      subject: "Reset your Readyroom password",
      greeting: `Hello ${account.name},`,
      paragraphs: ["Someone (we hope you) asked to reset your Readyroom password.", "The link below works once and expires soon. Choosing a new password signs you out everywhere else."],
      action: { label: "Choose a new password", url: linkTo(origin, "/reset-password", token) },
      footer: "If you did not ask for this, ignore this message: your password stays as it is.",
    });
    await queueMail(tx, { ...mail, to: account.email, kind: "password_reset", organizationId: account.organizationId });
    await recordAudit(tx, actorOf(account), { action: "user.password_reset_requested", entityType: "user", entityId: account.id });
  });
}

export async function requestSignInLink(email: string, origin: string, ip: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const account = await mailableAccount(tx, "sign_in_link", email, ip);
    if (!account) return;
    const { token } = await issueToken(tx, { kind: "sign_in_link", userId: account.id });
    const mail = renderMail({
      subject: "Your Readyroom sign-in link",
      greeting: `Hello ${account.name},`,
      paragraphs: ["Use the link below to sign in to Readyroom. It works once and expires in a few minutes."],
      action: { label: "Sign in to Readyroom", url: linkTo(origin, "/sign-in/link", token) },
      footer: "If you did not ask for this, ignore this message.",
    });
    await queueMail(tx, { ...mail, to: account.email, kind: "sign_in_link", organizationId: account.organizationId });
    await recordAudit(tx, actorOf(account), { action: "user.sign_in_link_requested", entityType: "user", entityId: account.id });
  });
}

// Uses an e-mailed sign-in link (from next-auth's "email-link" provider): the person it names,
// if the link is live and they may still sign in that way.
export async function redeemSignInLink(token: unknown): Promise<SignedInUser | null> {
  return getDb().transaction(async (tx) => {
    const live = await redeemToken(tx, "sign_in_link", token);
    const account = await accountOf(tx, live?.userId ?? null);
    if (!live || !account || account.invited || !account.signInMethods.includes("email_link")) {
      log.warn("security.sign_in_failed", { reason: "sign_in_link_refused" });
      return null;
    }
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, account.id));
    await recordAudit(tx, actorOf(account), { action: "auth.signed_in", entityType: "user", entityId: account.id, after: { method: "email_link" } });
    log.info("security.signed_in", { userId: account.id, method: "email_link" });
    return { id: account.id, sessionVersion: account.sessionVersion };
  });
}

// Changing one's password needs the current one (throttled like a sign-in) and ends every
// other session; the caller signs this browser in again with the new password.
export async function changeOwnPassword(viewer: Viewer, input: { currentPassword: string; newPassword: string; ip: string }, requestId?: string): Promise<{ email: string }> {
  authorize(viewer, "password.change_own");
  const ok = await verifyCredentials({ email: viewer.email, password: input.currentPassword, ip: input.ip, purpose: "reauthentication" });
  if (!ok) throw invalid("Some fields need attention.", { currentPassword: ["That is not your current password."] });
  return getDb().transaction(async (tx) => {
    const account = await accountOf(tx, viewer.userId);
    if (!account) throw notFound("Your account");
    const reason = weakPasswordReason(input.newPassword, [account.email, account.name]);
    if (reason) throw invalid("Some fields need attention.", { newPassword: [reason] });
    await setPassword(tx, account, input.newPassword);
    await revokeTokens(tx, "password_reset", account.id);
    await recordAudit(tx, viewer, { action: "user.password_changed", entityType: "user", entityId: account.id, requestId });
    return { email: account.email };
  });
}

// --- the first admin --------------------------------------------------------------------------

export async function adminExists(tx: Executor = getDb()): Promise<boolean> {
  const [row] = await tx.select({ n: count() }).from(users).where(and(eq(users.role, "admin"), eq(users.invited, false), isNull(users.disabledAt)));
  return (row?.n ?? 0) > 0;
}

// At start on a database with no active admin: a fresh setup link (earlier ones stop working).
export async function issueSetupLink(origin: string): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    if (await adminExists(tx)) return null;
    const { token } = await issueToken(tx, { kind: "setup", userId: null });
    return linkTo(origin, "/setup", token);
  });
}

export async function setupLinkIsLive(token: unknown): Promise<boolean> {
  const db = getDb();
  return Boolean(await findLiveToken(db, "setup", token)) && !(await adminExists(db));
}

// The setup page: names the vendor organization (created if there is none) and creates its
// first admin with a password. Works once, and only while there is no active admin.
export async function completeSetup(
  input: { token: string; organizationName: string; name: string; email: string; password: string },
  requestId?: string,
): Promise<{ email: string }> {
  const reason = weakPasswordReason(input.password, [input.email, input.name]);
  if (reason) throw invalid("Some fields need attention.", { password: [reason] });
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    // Serialize setups: two tabs with one link must not create two admins.
    await tx.select({ id: accountTokens.id }).from(accountTokens).where(eq(accountTokens.kind, "setup")).for("update");
    const live = await redeemToken(tx, "setup", input.token);
    if (!live || (await adminExists(tx))) throw invalid(LINK_NOT_VALID);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (taken) throw invalid("Some fields need attention.", { email: ["This e-mail already has an account."] });
    let [vendor] = await tx.select().from(organizations).where(eq(organizations.kind, "vendor")).limit(1);
    if (vendor) {
      await tx.update(organizations).set({ name: input.organizationName, version: vendor.version + 1, updatedAt: new Date() }).where(eq(organizations.id, vendor.id));
    } else {
      [vendor] = await tx.insert(organizations).values({ name: input.organizationName, slug: await freeSlug(tx, input.organizationName), kind: "vendor" }).returning();
    }
    const [admin] = await tx
      .insert(users)
      .values({ organizationId: vendor!.id, email: input.email, name: input.name, role: "admin", passwordHash })
      .returning();
    await recordAudit(tx, { userId: admin!.id, role: "admin", organizationId: vendor!.id }, {
      action: "setup.first_admin_created",
      entityType: "user",
      entityId: admin!.id,
      after: { email: admin!.email, name: admin!.name, organization: input.organizationName },
      requestId,
    });
    return { email: admin!.email };
  });
}

async function freeSlug(tx: Executor, name: string): Promise<string> {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 50) || "vendor";
  for (let i = 0; ; i += 1) {
    const slug = i === 0 ? (base.length >= 2 ? base : `${base}-org`) : `${base}-${i + 1}`;
    const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug)).limit(1);
    if (!row) return slug;
  }
}

// `npm run admin:create`: an admin in the vendor organization (created, named by the caller,
// when there is none), with a one-time link to set the password. Never a password.
export async function createAdminWithLink(input: { email: string; name: string; organizationName?: string }, origin: string): Promise<{ link: string; created: boolean }> {
  return getDb().transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    let [vendor] = await tx.select().from(organizations).where(eq(organizations.kind, "vendor")).limit(1);
    if (!vendor) {
      const name = input.organizationName?.trim() || "Vendor";
      [vendor] = await tx.insert(organizations).values({ name, slug: await freeSlug(tx, name), kind: "vendor" }).returning();
    }
    let [user] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
    let created = false;
    if (user) {
      if (user.organizationId !== vendor!.id || user.role !== "admin") throw invalid("That e-mail belongs to someone who is not an admin of the vendor organization.");
    } else {
      [user] = await tx.insert(users).values({ organizationId: vendor!.id, email, name: input.name.trim(), role: "admin", invited: true }).returning();
      created = true;
    }
    const kind = user!.invited ? "invitation" : "password_reset";
    const { token } = await issueToken(tx, { kind, userId: user!.id });
    await recordAudit(tx, null, { action: created ? "user.invited" : "user.password_reset_requested", entityType: "user", entityId: user!.id, after: { email, role: "admin", by: "admin:create" } });
    return { link: linkTo(origin, kind === "invitation" ? "/invitation" : "/reset-password", token), created };
  });
}
