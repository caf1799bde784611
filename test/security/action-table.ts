import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { eq, sql } from "drizzle-orm";
import { getDb, setDatabaseHandle, type Database, type DatabaseHandle } from "@/db";
import { checklistItems, checklistTemplateItems, checklistTemplates, implementations } from "@/db/schema";
import { seedId } from "@/db/seed";
import { DEMO_PASSWORD } from "@/db/seed";
import type { ActionResult } from "@/lib/actions/result";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { Viewer } from "@/lib/domain/viewer";
import { MAX_PAYLOAD_BYTES } from "@/lib/payloads/types";
import { MAX_PERMISSION_LENGTH } from "@/lib/registers/permission-format";

// The security suite's one table of every server action and route handler (RELIABILITY.md,
// "Framework boundary"): for each, how to build a valid call against a record of the viewer's
// own organization, another organization's record, a missing id and a malformed id, and what
// each role must get. The matrix and bad-input tests discover app/**/actions.ts and
// app/**/route.ts and fail on anything not listed here.
//
// Adding an action: add an entry to `actionTable` keyed by its export name, with
//   fields   — every form field and its kind (drives the bad-input corpus, test/bad-input.ts),
//   input    — (role, target, ctx) => the form fields of a valid call,
//   expect   — role → target → outcome (use `row(own, other, missing, malformed)`),
//   prepare  — optional: rows the call needs (created inside the rolled-back transaction).
// Targets an action has no use for go in `notApplicable` with the reason.

export const root = join(__dirname, "..", "..");
export const roles = ["admin", "implementation_manager", "engineer", "customer_it"] as const;
export type Role = (typeof roles)[number];
export const targets = ["own", "other", "missing", "malformed"] as const;
export type Target = (typeof targets)[number];
export type Outcome = "ok" | "forbidden" | "not_found" | "invalid" | "conflict" | "unauthenticated";

// One signed-in person per role. Customer IT is Riverbend's Casey Lin: "own" means a
// Riverbend record, "other" a Lakeshore one. Vendor staff serve every customer, so for them
// "other" is another customer's record they may legitimately reach.
export const roleEmails: Record<Role, string> = {
  admin: "admin@vendor.example",
  implementation_manager: "manager@vendor.example",
  engineer: "engineer@vendor.example",
  customer_it: "it@riverbend.example",
};

// A demo user as a request would see them: with a browser session signed in a moment ago
// (signing needs a recent sign-in, lib/dal/sign-offs.ts).
export async function sessionViewer(email: string): Promise<Viewer> {
  const { demoViewer } = await import("@/db/testing");
  return { ...(await demoViewer(email)), session: { id: randomUUID(), signedInAt: new Date() } };
}

export const ids = {
  riverbendOrg: seedId("org:riverbend"),
  lakeshoreOrg: seedId("org:lakeshore"),
  riverbendImpl: seedId("impl:riverbend-appointments"),
  lakeshoreImpl: seedId("impl:lakeshore-availability"),
  riverbendItem: (key: string) => seedId(`item:riverbend-appointments:${key}`),
  lakeshoreItem: (key: string) => seedId(`item:lakeshore-availability:${key}`),
  riverbendEnv: (kind: string) => seedId(`env:riverbend-appointments:${kind}`),
  lakeshoreEnv: (kind: string) => seedId(`env:lakeshore-availability:${kind}`),
  publishedTemplate: seedId("template:go-live-readiness:1"),
  user: (key: string) => seedId(`user:${key}`),
  missing: seedId("missing:no-such-record"),
  malformed: "not-a-uuid",
};

// --- field kinds: what the bad-input corpus expects of each field (see test/bad-input.ts) ---
export type FieldKind =
  | { kind: "text"; max: number; required: boolean }
  | { kind: "id" }
  | { kind: "optionalId" }
  | { kind: "enum"; optional?: boolean }
  | { kind: "enumList" }
  | { kind: "date"; optional: boolean }
  | { kind: "pastDateTime" }
  // A moment in the past or the future (a cutover step's due time): nothing in the corpus is one.
  | { kind: "dateTime" }
  | { kind: "url"; optional: boolean }
  | { kind: "version"; optional?: boolean }
  | { kind: "integer" }
  // A number that may be left blank (a hand-set rule: blank keeps the default); nothing in the
  // corpus is a number within a rule's bounds.
  | { kind: "optionalNumber" }
  | { kind: "checkbox" }
  | { kind: "email" }
  | { kind: "password"; max: number }
  | { kind: "redirectPath" }
  // Free text compared by eye (a test patient's label, a permission): required, no control or
  // invisible characters, and for a test patient nothing that looks like a real person's details.
  | { kind: "plainText"; max: number; synthetic?: boolean; strict?: boolean }
  // A required name or title (an implementation's name, an item's title, who approved a
  // waiver): shown in lists and headings, so no invisible or direction-changing characters.
  | { kind: "name"; max: number }
  // The SHA-256 a form carries of what the person reviewed (sign-off snapshot, gate).
  | { kind: "digest" }
  // A required list of values offered by the page (catalog rows, a column's cells).
  | { kind: "choiceList" }
  // A permission cell's version: 0 for a cell never recorded, so a blank reads as 0 and is stale.
  | { kind: "cellVersion" }
  // A password asked for only when the sign-in is old; ignored when it is recent.
  | { kind: "reauthPassword"; max: number }
  // An organization's short name (lowercase letters, digits, hyphens), stored as typed.
  | { kind: "slug" }
  // E-mail domains separated by commas or new lines; blank means any.
  | { kind: "domainList" }
  // A list's filters as URL parameters (a saved view): only what the list itself writes is
  // accepted; blank is the list as it opens.
  | { kind: "listQuery" }
  // The caller's current password, checked (a wrong one is a field error).
  | { kind: "currentPassword"; max: number }
  // A new password, typed twice: changing one copy alone never matches the other.
  | { kind: "newPassword" }
  // A single-use link's token from a mail (43 base64url characters).
  | { kind: "linkToken" }
  // Interfaces: a list of tokens with a grammar (message types, rule fields): blank is an empty
  // list, nothing in the corpus is a valid token.
  | { kind: "tokenList" }
  // An endpoint description: free text, but nothing that looks like a password or token.
  | { kind: "endpoint"; max: number }
  // A sample payload: anything up to the size limit is reviewed (findings, never a refusal),
  // and never stored.
  | { kind: "payload"; maxBytes: number }
  // A CSV file's text: nothing in the corpus is a spreadsheet with the inventory's columns.
  | { kind: "csvFile" }
  // A comment: free text over several lines (line breaks kept), but nothing else invisible or
  // direction-changing, as for names.
  | { kind: "comment"; max: number };

export const text = (max: number): FieldKind => ({ kind: "text", max, required: false });
export const requiredText = (max: number): FieldKind => ({ kind: "text", max, required: true });
export const nameField = (max: number): FieldKind => ({ kind: "name", max });
const idField: FieldKind = { kind: "id" };
const optionalIdField: FieldKind = { kind: "optionalId" };
const enumField: FieldKind = { kind: "enum" };
const versionField: FieldKind = { kind: "version" };
const checkboxField: FieldKind = { kind: "checkbox" };

export type Fields = Record<string, string | string[]>;

// What a fixture may ask of the database (through the rolled-back transaction).
export type FixtureContext = {
  item(id: string): Promise<typeof checklistItems.$inferSelect | undefined>;
  implementation(id: string): Promise<typeof implementations.$inferSelect | undefined>;
  prepared: Record<string, string>;
  viewers: Record<Role, Viewer>;
};

export type ActionSpec = {
  // How the export is called: a form action (previous state, FormData), or a no-argument
  // action such as sign-out whose outcome the test reads from the mocks.
  call: "form" | "none";
  fields: Record<string, FieldKind>;
  input: (role: Role, target: Target, ctx: FixtureContext) => Promise<Fields> | Fields;
  expect: Record<Role, Partial<Record<Target, Outcome>>>;
  notApplicable?: Partial<Record<Target, string>>;
  unauthenticated: Outcome;
  prepare?: (ctx: Pick<FixtureContext, "viewers">) => Promise<Record<string, string>>;
  // Whether a successful call writes an audit event (every mutation does).
  audited?: boolean;
  // The role the bad-input corpus submits as: one allowed to make the call on "own".
  corpusRole?: Role;
};

// Actions outside the role matrix, with why. They are still discovered and must be listed.
export const specialActions: Record<string, string> = {
  revokeApiTokenAction:
    "needs a token made in the same test: managers and engineers only, another organization and a stale version refused, a revoked token then refused with nothing written (lib/dal/api.db.test.ts, e2e/api.spec.ts)",
  acceptInvitationAction:
    "pre-authentication: takes a single-use invitation token from a mail; replayed, revoked, expired and disabled links in lib/dal/account.db.test.ts, the journey in e2e/people.spec.ts; fields in the bad-input corpus",
  resetPasswordAction:
    "pre-authentication: takes a single-use reset token from a mail; replay, expiry and revocation in lib/dal/account.db.test.ts; fields in the bad-input corpus",
  completeSetupAction:
    "pre-authentication: the first-admin setup link, valid only while no admin exists (lib/dal/account.db.test.ts, e2e/first-start.spec.ts)",
  requestPasswordResetAction:
    "pre-authentication: answers every address alike (no account enumeration, lib/dal/account.db.test.ts); its e-mail field is in the bad-input corpus",
  requestSignInLinkAction:
    "pre-authentication: answers every address alike (lib/dal/account.db.test.ts); its e-mail field is in the bad-input corpus",
  signInWithLinkAction:
    "pre-authentication: hands a single-use sign-in token to next-auth's email-link provider (lib/auth/config.ts), redeemed once by lib/dal/account.ts; e2e/people.spec.ts",
  signInAction:
    "pre-authentication: answers every caller alike; throttling and identical failures in lib/dal/sign-in.db.test.ts, e2e/sign-in.spec.ts. Its fields still go through the bad-input corpus.",
  signInWithOidcAction:
    "pre-authentication redirect to the OIDC provider; it takes only a callback path (sanitised by safeCallbackPath, lib/validation/auth.test.ts); e2e/sso.spec.ts",
  reauthenticateWithSsoAction:
    "a redirect to the OIDC provider for a fresh sign-in (prompt=login, max_age=0) before signing: it reads nothing and writes nothing here, takes only a callback path (safeCallbackPath), and the new sign-in time comes back through next-auth's callback. Still run through the crafted-arguments check.",
};

// expect row: own, other organization, missing id, malformed id.
export const row = (own: Outcome, other: Outcome, missing: Outcome, malformed: Outcome) => ({ own, other, missing, malformed });

const pick = (target: Target, own: string, other: string) =>
  ({ own, other, missing: ids.missing, malformed: ids.malformed })[target];

async function itemForm(ctx: FixtureContext, itemId: string, changes: Fields): Promise<Fields> {
  const item = await ctx.item(itemId);
  return {
    itemId,
    version: String(item?.version ?? 1),
    ownerId: item?.ownerId ?? "",
    status: item?.status ?? "in_progress",
    nextStep: item?.nextStep ?? "",
    expectedOutcome: item?.expectedOutcome ?? "",
    dueDate: item?.dueDate ?? "",
    whatChanged: item?.whatChanged ?? "",
    whatWasTested: item?.whatWasTested ?? "",
    whatNeedsProof: item?.whatNeedsProof ?? "",
    ...changes,
  };
}

// An item on the viewer's side that the role may edit where its rules allow: engineers and
// customer IT edit only items they own.
function ownItemFor(role: Role): string {
  if (role === "engineer") return ids.riverbendItem("non-production-testing"); // Erin's
  return ids.riverbendItem("representative-test-patients"); // Casey's
}
const otherItem = ids.lakeshoreItem("production-smoke-test"); // Priya's (Lakeshore)

const minuteAgo = () => new Date(Date.now() - 60_000).toISOString().slice(0, 16);
const today = () => new Date().toISOString().slice(0, 10);

const itemDefinition: Fields = {
  title: "Matrix check item",
  description: "Added by the security matrix",
  category: "validation",
  required: "on",
  needsOperationalValidation: "",
  attestationOnly: "",
  requiredSignOffRoles: "implementation_manager",
};
const itemDefinitionFields: Record<string, FieldKind> = {
  title: nameField(200),
  description: text(2000),
  category: enumField,
  required: checkboxField,
  needsOperationalValidation: checkboxField,
  attestationOnly: checkboxField,
  requiredSignOffRoles: { kind: "enumList" },
};

const implementationFields: Record<string, FieldKind> = {
  name: nameField(200),
  ehrVendor: enumField,
  workflows: { kind: "enumList" },
  interfaces: { kind: "enumList" },
  phase: enumField,
  goLiveDate: { kind: "date", optional: true },
  implementationManagerId: optionalIdField,
  engineeringOwnerId: optionalIdField,
  freshnessWindowDays: { kind: "integer" },
};

const managersOnly = {
  admin: row("ok", "ok", "not_found", "invalid"),
  implementation_manager: row("ok", "ok", "not_found", "invalid"),
  engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
  customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
};

const templateNotApplicable = {
  other: "checklist templates are the vendor's, shared by every customer: there is no other organization's template",
};
// Templates have no tenant: own record, missing id, malformed id.
const templateRow = (own: Outcome, missing: Outcome, malformed: Outcome) => ({ own, missing, malformed });
const adminOnlyTemplate = {
  admin: templateRow("ok", "not_found", "invalid"),
  implementation_manager: templateRow("forbidden", "forbidden", "invalid"),
  engineer: templateRow("forbidden", "forbidden", "invalid"),
  customer_it: templateRow("forbidden", "forbidden", "invalid"),
};

async function draftTemplate({ viewers }: Pick<FixtureContext, "viewers">) {
  const { createRevision } = await import("@/lib/dal/templates");
  const { templateId } = await createRevision(viewers.admin, ids.publishedTemplate, "matrix-prepare");
  const db = getDb();
  const [draft] = await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, templateId));
  const [item] = await db.select().from(checklistTemplateItems).where(eq(checklistTemplateItems.templateId, templateId)).limit(1);
  return { templateId, templateVersion: String(draft!.version), templateItemId: item!.id };
}

// A row's version, read through the rolled-back transaction (for tables FixtureContext has no
// reader for). Undefined for a missing or malformed id.
async function versionOf(table: string, id: string): Promise<number | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const [r] = rowsOf(await getDb().execute(sql`select version from ${sql.identifier(table)} where id = ${id}`));
  return r ? Number(r.version) : undefined;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const noDigest = "0".repeat(64);

// Lakeshore's availability project has no blocked item any more (its monitoring setup is
// signed off): block one for the "other organization" case.
async function blockLakeshoreItem({ viewers }: Pick<FixtureContext, "viewers">) {
  const { blockItem } = await import("@/lib/dal/checklist");
  const { blockItemSchema } = await import("@/lib/validation/checklist");
  const itemId = ids.lakeshoreItem("production-smoke-test");
  const version = (await versionOf("checklist_items", itemId))!;
  await blockItem(
    viewers.implementation_manager,
    blockItemSchema.parse({ itemId, version, reason: "Matrix: blocked to be resolved", severity: "go_live", ticketUrl: "", since: today() }),
    "matrix-prepare",
  );
  return {};
}

// An open hypercare alert on an interface of each side (docs/hypercare.md), as the scheduled
// evaluation would have opened it.
async function openHypercareAlerts(): Promise<Record<string, string>> {
  const { interfaces, hypercareAlerts } = await import("@/db/schema");
  const db = getDb();
  const alertOn = async (implementationId: string, environmentId: string) => {
    const [iface] = await db.insert(interfaces).values({ implementationId, name: "Matrix feed (fictional)", kind: "hl7v2_feed", direction: "inbound" }).returning({ id: interfaces.id });
    const [alert] = await db
      .insert(hypercareAlerts)
      .values({ implementationId, interfaceId: iface!.id, environmentId, rule: "no_traffic", since: new Date(Date.now() - 7_200_000), summary: "No message for 120 business-hour minutes (limit 60).", figures: { quietBusinessMinutes: 120, limitMinutes: 60 } })
      .returning({ id: hypercareAlerts.id });
    return alert!.id;
  };
  return {
    riverbendAlert: await alertOn(ids.riverbendImpl, ids.riverbendEnv("production")),
    lakeshoreAlert: await alertOn(ids.lakeshoreImpl, ids.lakeshoreEnv("production")),
  };
}

const unblockSpec: ActionSpec = {
  call: "form",
  fields: { itemId: idField, version: versionField, resolution: requiredText(2000) },
  prepare: blockLakeshoreItem,
  input: async (_role, target, ctx) => {
    // Blocked items: Riverbend's API permission checks (Erin's), Lakeshore's smoke test (blocked by prepare).
    const itemId = pick(target, ids.riverbendItem("api-permission-checks"), ids.lakeshoreItem("production-smoke-test"));
    const item = await ctx.item(itemId);
    return { itemId, version: String(item?.version ?? 1), resolution: "Matrix: resolved" };
  },
  expect: {
    admin: row("forbidden", "forbidden", "not_found", "invalid"),
    implementation_manager: row("ok", "ok", "not_found", "invalid"),
    engineer: row("ok", "ok", "not_found", "invalid"),
    // Casey owns no blocked item; customer IT resolves only blockers on items they own.
    customer_it: row("forbidden", "not_found", "not_found", "invalid"),
  },
  unauthenticated: "unauthenticated",
};

// Sign-offs. Each signing role gets an item of its own side that waits for its role:
// Riverbend's "Epic client IDs" (engineer + customer IT) and "Non-production testing"
// (engineer + manager); Lakeshore's "Manual example validation" (customer IT + manager) and
// "Production smoke test" (engineer + customer IT, already signed by Lakeshore's engineer).
function signOffTarget(role: Role, target: Target): string {
  if (target === "own") return role === "implementation_manager" ? ids.riverbendItem("non-production-testing") : ids.riverbendItem("epic-client-ids");
  if (target === "other") return role === "implementation_manager" ? ids.lakeshoreItem("manual-example-validation") : ids.lakeshoreItem("production-smoke-test");
  return pick(target, "", "");
}

async function signOffForm(role: Role, target: Target, ctx: FixtureContext): Promise<Fields> {
  const itemId = signOffTarget(role, target);
  const item = await ctx.item(itemId);
  let digest = noDigest;
  if (item) {
    // What the signer's page shows, read as a vendor manager (who sees every customer).
    const { getSignOffPanel } = await import("@/lib/dal/sign-offs");
    digest = (await getSignOffPanel(ctx.viewers.implementation_manager, item.implementationId, item.id)).signing.snapshotDigest;
  }
  return { itemId, itemVersion: String(item?.version ?? 1), snapshotDigest: digest, decision: "approve", comment: "Matrix: reviewed and approved", password: "" };
}

const managersDecide = {
  admin: row("forbidden", "forbidden", "forbidden", "invalid"),
  implementation_manager: row("ok", "ok", "not_found", "invalid"),
  engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
  customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
};

// Waivers: a required Riverbend item in progress, a Lakeshore one waiting for sign-off.
const waiverItem = (target: Target) => pick(target, ids.riverbendItem("configuration-review"), ids.lakeshoreItem("manual-example-validation"));

async function grantWaivers({ viewers }: Pick<FixtureContext, "viewers">) {
  const { waiveItem } = await import("@/lib/dal/sign-offs");
  const { waiveItemSchema } = await import("@/lib/validation/sign-offs");
  for (const target of ["own", "other"] as const) {
    const itemId = waiverItem(target);
    const version = (await versionOf("checklist_items", itemId))!;
    await waiveItem(
      viewers.implementation_manager,
      waiveItemSchema.parse({ itemId, version, reason: "Matrix: waived to be revoked", approverName: "Maya Okafor", expiresOn: inDays(30) }),
      "matrix-prepare",
    );
  }
  return {};
}

// A notification for each role's person and one for someone else (Jordan Ames, Riverbend).
async function notifyEachRole({ viewers }: Pick<FixtureContext, "viewers">) {
  const { notify } = await import("@/lib/dal/inbox");
  const out: Record<string, string> = {};
  const people: [string, string][] = [...roles.map((r) => [r, viewers[r].userId] as [string, string]), ["other", ids.user("riverbend-it2")]];
  for (const [key, userId] of people) {
    await notify(getDb(), { to: [userId], kind: "mentioned", implementationId: ids.riverbendImpl, title: `Matrix notification for ${key}`, link: "/inbox", dedupeKey: `matrix:${key}` });
    const [r] = rowsOf(await getDb().execute(sql`select id from inbox_notifications where user_id = ${userId} and dedupe_key = ${`matrix:${key}`}`));
    out[key] = String(r!.id);
  }
  return out;
}

// A saved view for each role's person and one of someone else's (Jordan Ames, Riverbend).
async function saveViewForEachRole({ viewers }: Pick<FixtureContext, "viewers">) {
  const { saveView } = await import("@/lib/dal/saved-views");
  const { demoViewer } = await import("@/db/testing");
  const out: Record<string, string> = {};
  const people: [string, Viewer][] = [...roles.map((r) => [r, viewers[r]] as [string, Viewer]), ["other", await demoViewer("it2@riverbend.example")]];
  for (const [key, viewer] of people) {
    const view = await saveView(viewer, { list: "portfolio", name: `Matrix view of ${key}`, query: "window=30" }, "matrix-prepare");
    out[key] = view.id;
  }
  return out;
}

// Webhooks: none in the seed; prepare sets one up on each side.
async function configureWebhooks({ viewers }: Pick<FixtureContext, "viewers">) {
  const { saveWebhook } = await import("@/lib/dal/webhooks");
  const out: Record<string, string> = {};
  for (const [key, implementationId] of [["own", ids.riverbendImpl], ["other", ids.lakeshoreImpl]] as const) {
    await saveWebhook(viewers.admin, { implementationId, version: null, url: `https://hooks.example/${key}` }, "matrix-prepare");
    const [r] = rowsOf(await getDb().execute(sql`select version from webhooks where implementation_id = ${implementationId}`));
    out[key] = String(r!.version);
  }
  return out;
}
const webhookVersion = (target: Target, ctx: FixtureContext) => ctx.prepared[target === "other" ? "other" : "own"]!;

const webhookManagers = {
  admin: row("ok", "ok", "not_found", "invalid"),
  implementation_manager: row("ok", "ok", "not_found", "invalid"),
  engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
  customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
};

// Permission matrix and test-patient register rows of the seed, on each side.
const permissionRow = (target: Target) => pick(target, seedId("perm:riverbend-appointments:0"), seedId("perm:lakeshore-availability:0"));
const testPatient = (target: Target) => pick(target, seedId("patient:riverbend-appointments:0"), seedId("patient:lakeshore-availability:0"));
const scenario = (target: Target) => pick(target, seedId("scenario:riverbend-appointments:0:0"), seedId("scenario:lakeshore-availability:0:0"));
const productionEnv = (target: Target) => (target === "other" ? ids.lakeshoreEnv("production") : ids.riverbendEnv("production"));

// The vendor manages which permissions an integration needs; everyone on the project records results.
const permissionManagers = {
  admin: row("forbidden", "forbidden", "forbidden", "invalid"),
  implementation_manager: row("ok", "ok", "not_found", "invalid"),
  engineer: row("ok", "ok", "not_found", "invalid"),
  customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
};
const projectMembers = {
  admin: row("forbidden", "forbidden", "forbidden", "invalid"),
  implementation_manager: row("ok", "ok", "not_found", "invalid"),
  engineer: row("ok", "ok", "not_found", "invalid"),
  customer_it: row("ok", "not_found", "not_found", "invalid"),
};
// Removing a test patient or scenario erases a recorded result: managers only.
const removalManagers = managersDecide;

// The phase plan and the cutover plan: the manager's to write (not an admin's); the owner of a
// step marks it done. Seeded on both sides (db/seed.ts, seedPlans).
const planManagers = managersDecide;
const phaseTarget = (target: Target) => pick(target, ids.riverbendImpl, ids.lakeshoreImpl);
const phaseRowId = (target: Target, phase: string) => pick(target, seedId(`phase:riverbend-appointments:${phase}`), seedId(`phase:lakeshore-availability:${phase}`));
const cutoverStep = (target: Target, key: string) => pick(target, seedId(`cutover:riverbend-appointments:${key}`), seedId(`cutover:lakeshore-availability:${key}`));
const stepVersion = async (stepId: string) => String((await versionOf("cutover_steps", stepId)) ?? 1);
const phaseFields: Record<string, FieldKind> = {
  implementationId: idField,
  phase: enumField,
  version: { kind: "cellVersion" },
  plannedStart: { kind: "date", optional: true },
  plannedEnd: { kind: "date", optional: true },
  successSignal: text(2000),
  exitCriteria: text(2000),
};
const stepFields: Record<string, FieldKind> = { title: nameField(200), detail: text(2000), ownerId: idField, dueAt: { kind: "dateTime" } };

// Lakeshore's plan has every standard step: take one away, so adding the standard ones adds it back.
async function removeLakeshoreHandOff({ viewers }: Pick<FixtureContext, "viewers">) {
  const { removeCutoverStep } = await import("@/lib/dal/cutover");
  const stepId = seedId("cutover:lakeshore-availability:support-hand-off");
  await removeCutoverStep(viewers.implementation_manager, { stepId, version: (await versionOf("cutover_steps", stepId))! }, "matrix-prepare");
  return {};
}

async function cellVersion(requirementId: string, environmentId: string): Promise<number> {
  if (!/^[0-9a-f-]{36}$/.test(requirementId)) return 0;
  const [r] = rowsOf(
    await getDb().execute(sql`select version from permission_checks where requirement_id = ${requirementId} and environment_id = ${environmentId}`),
  );
  return r ? Number(r.version) : 0;
}

// Every row of a column as the page shows it: "requirementId:cellVersion".
async function columnCells(implementationId: string, environmentId: string): Promise<string[]> {
  const rows = rowsOf(
    await getDb().execute(sql`select r.id, coalesce(c.version, 0) as version from permission_requirements r
      left join permission_checks c on c.requirement_id = r.id and c.environment_id = ${environmentId}
      where r.implementation_id = ${implementationId} order by r.id`),
  );
  return rows.map((r) => `${String(r.id)}:${Number(r.version)}`);
}


// --- organizations and people ---
const organizationFields: Record<string, FieldKind> = {
  name: requiredText(200),
  slug: { kind: "slug" },
  allowedEmailDomains: { kind: "domainList" },
  signInMethods: { kind: "choiceList" },
  ssoJustInTime: checkboxField,
};
const organizationForm: Fields = { name: "Matrix Health (synthetic)", allowedEmailDomains: "", signInMethods: ["password", "email_link"], ssoJustInTime: "" };
const adminOnlyOrganizations = {
  admin: row("ok", "ok", "not_found", "invalid"),
  implementation_manager: row("forbidden", "forbidden", "forbidden", "invalid"),
  engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
  customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
};
const peopleManagers = {
  admin: row("ok", "ok", "not_found", "invalid"),
  implementation_manager: row("ok", "ok", "not_found", "invalid"),
  engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
  customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
};
// An open invitation in each health system, to resend or revoke.
async function inviteOnEachSide({ viewers }: Pick<FixtureContext, "viewers">) {
  const { invitePerson } = await import("@/lib/dal/people");
  const own = await invitePerson(viewers.admin, { organizationId: ids.riverbendOrg, email: "matrix.pending@riverbend.example", name: "Pending Person (synthetic)", role: "customer_it" }, "http://localhost", "matrix-prepare");
  const other = await invitePerson(viewers.admin, { organizationId: ids.lakeshoreOrg, email: "matrix.pending@lakeshore.example", name: "Pending Person (synthetic)", role: "customer_it" }, "http://localhost", "matrix-prepare");
  return { own: own.userId!, other: other.userId! };
}

// --- interface inventory, source of truth, payload review (lib/dal/interfaces.ts) -------------
// An interface on each side, and a recorded domain (so a blank version reads as stale).
async function prepareInterfaces({ viewers }: Pick<FixtureContext, "viewers">) {
  const { addInterface, setSourceOfTruth } = await import("@/lib/dal/interfaces");
  const { addInterfaceSchema, setSourceOfTruthSchema } = await import("@/lib/validation/interfaces");
  const out: Record<string, string> = {};
  for (const [key, implementationId] of [["own", ids.riverbendImpl], ["other", ids.lakeshoreImpl]] as const) {
    const { interfaceId } = await addInterface(viewers.implementation_manager, addInterfaceSchema.parse({ ...interfaceFormFor(implementationId), name: "Matrix feed" }), "matrix-prepare");
    out[key] = interfaceId;
    await setSourceOfTruth(
      viewers.implementation_manager,
      setSourceOfTruthSchema.parse({ implementationId, domain: "billing", version: "0", authoritativeSystem: "Epic", conflictResolver: "", propagation: "", agreed: "" }),
      "matrix-prepare",
    );
  }
  return out;
}
// An interface on each side with hand-set watch rules (version 1), so a blank version is stale.
async function prepareWatchRules(ctx: Pick<FixtureContext, "viewers">) {
  const out = await prepareInterfaces(ctx);
  const { setInterfaceWatchRules } = await import("@/lib/dal/interface-watch");
  const { setWatchRulesSchema } = await import("@/lib/validation/hypercare");
  for (const interfaceId of [out.own!, out.other!]) {
    await setInterfaceWatchRules(ctx.viewers.implementation_manager, setWatchRulesSchema.parse({ interfaceId, version: "0", noTrafficMinutes: "30" }), "matrix-prepare");
  }
  return out;
}
// An interface on each side with an event no seeded matrix holds (for "add the rows it needs").
async function prepareInterfaceRows({ viewers }: Pick<FixtureContext, "viewers">) {
  const { addInterface } = await import("@/lib/dal/interfaces");
  const { addInterfaceSchema } = await import("@/lib/validation/interfaces");
  const out: Record<string, string> = {};
  for (const [key, implementationId] of [["own", ids.riverbendImpl], ["other", ids.lakeshoreImpl]] as const) {
    const form = { ...interfaceFormFor(implementationId), name: "Matrix Z feed", messageTypes: "ZZM^Z01" };
    out[key] = (await addInterface(viewers.implementation_manager, addInterfaceSchema.parse(form), "matrix-prepare")).interfaceId;
  }
  return out;
}
const interfaceFormFor = (implementationId: string): Fields => ({
  implementationId,
  name: "Matrix SIU feed",
  kind: "hl7v2_feed",
  direction: "inbound",
  sourceSystem: "Epic Bridges",
  targetSystem: "Scheduling engine",
  workflows: "appointment_sync",
  messageTypes: "SIU^S12",
  endpointSandbox: "mllp://sbx.example:6661",
  endpointTest: "",
  endpointProduction: "",
  vendorOwner: "Erin Vasquez",
  customerOwner: "Casey Lin",
  status: "building",
  note: "Matrix: interface",
});
const interfaceFields: Record<string, FieldKind> = {
  name: { kind: "name", max: 200 },
  kind: enumField,
  direction: enumField,
  sourceSystem: text(200),
  targetSystem: text(200),
  workflows: { kind: "enumList" },
  messageTypes: { kind: "tokenList" },
  endpointSandbox: { kind: "endpoint", max: 500 },
  endpointTest: { kind: "endpoint", max: 500 },
  endpointProduction: { kind: "endpoint", max: 500 },
  vendorOwner: text(200),
  customerOwner: text(200),
  status: enumField,
  note: text(2000),
};
const interfaceManagers = permissionManagers;
const interfaceIdFor = (target: Target, ctx: FixtureContext) => pick(target, ctx.prepared.own!, ctx.prepared.other!);
// A synthetic SIU^S12 (names and identifiers that belong to nobody).
const matrixPayload = "MSH|^~\\&|EPIC|RB|RR|V|20261201||SIU^S12|ZZM1|T|2.5\rSCH|A1|F1|||||||||^^60^20261210090000\rPID|1||ZZTEST9^^^RB||ZZTEST^MATRIX\rRGS|1\rAIS|1||OFFICE";

function interfaceActions(): Record<string, ActionSpec> {
  return {
    addInterfaceAction: {
      call: "form",
      fields: { implementationId: idField, ...interfaceFields },
      input: (_role, target) => interfaceFormFor(pick(target, ids.riverbendImpl, ids.lakeshoreImpl)),
      expect: interfaceManagers,
      unauthenticated: "unauthenticated",
    },
    updateInterfaceAction: {
      call: "form",
      fields: { interfaceId: idField, version: versionField, ...interfaceFields },
      prepare: prepareInterfaces,
      input: (_role, target, ctx) => {
        const { implementationId: _drop, ...form } = interfaceFormFor(ids.riverbendImpl);
        return { ...form, name: "Matrix feed", interfaceId: interfaceIdFor(target, ctx), version: "1", status: "testing" };
      },
      expect: interfaceManagers,
      unauthenticated: "unauthenticated",
    },
    setSourceOfTruthAction: {
      call: "form",
      fields: {
        implementationId: idField,
        domain: enumField,
        version: { kind: "cellVersion" },
        authoritativeSystem: text(200),
        conflictResolver: text(200),
        propagation: text(2000),
        agreed: checkboxField,
      },
      prepare: prepareInterfaces,
      input: (_role, target) => ({
        implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
        domain: "billing",
        version: "1",
        authoritativeSystem: "Matrix billing system",
        conflictResolver: "Matrix: revenue cycle",
        propagation: "Matrix: DFT^P03",
        agreed: "",
      }),
      expect: projectMembers,
      unauthenticated: "unauthenticated",
    },
    savePayloadRuleAction: {
      call: "form",
      fields: { implementationId: idField, target: enumField, fields: { kind: "tokenList" } },
      input: (_role, target) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl), target: "SIU^S12", fields: "SCH\nPID-3\nPID-18" }),
      expect: interfaceManagers,
      unauthenticated: "unauthenticated",
    },
    confirmInventoryAction: {
      call: "form",
      fields: { implementationId: idField, digest: { kind: "digest" } },
      prepare: prepareInterfaces,
      input: async (_role, target, ctx) => {
        const implementationId = pick(target, ids.riverbendImpl, ids.lakeshoreImpl);
        if (target === "missing" || target === "malformed") return { implementationId, digest: noDigest };
        const { getInterfaceInventory } = await import("@/lib/dal/interfaces");
        return { implementationId, digest: (await getInterfaceInventory(ctx.viewers.implementation_manager, implementationId)).digest };
      },
      // Only the customer says the list is complete, and only for their own organization.
      expect: {
        admin: row("forbidden", "forbidden", "forbidden", "invalid"),
        implementation_manager: row("forbidden", "forbidden", "forbidden", "invalid"),
        engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
        customer_it: row("ok", "not_found", "not_found", "invalid"),
      },
      corpusRole: "customer_it",
      unauthenticated: "unauthenticated",
    },
    importInterfacesAction: {
      call: "form",
      fields: { implementationId: idField, csv: { kind: "csvFile" } },
      input: (_role, target) => ({
        implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
        csv: "name,kind,direction,workflows,message_types,status\r\nMatrix import A,HL7 v2 feed,inbound,Appointment sync,SIU^S12;SIU^S15,planned\r\nMatrix import B,fhir_api,both,,Appointment,testing\r\n",
      }),
      expect: interfaceManagers,
      unauthenticated: "unauthenticated",
    },
    setWatchRulesAction: {
      call: "form",
      fields: {
        interfaceId: idField,
        version: { kind: "cellVersion" },
        noTrafficMinutes: { kind: "optionalNumber" },
        businessStartHour: { kind: "optionalNumber" },
        businessEndHour: { kind: "optionalNumber" },
        bandWidth: { kind: "optionalNumber" },
        minSamples: { kind: "optionalNumber" },
        errorRatePercent: { kind: "optionalNumber" },
        fingerprintUnchangedMinutes: { kind: "optionalNumber" },
      },
      prepare: prepareWatchRules,
      input: (_role, target, ctx) => ({
        interfaceId: interfaceIdFor(target, ctx),
        version: "1",
        noTrafficMinutes: "45",
        businessStartHour: "",
        businessEndHour: "",
        bandWidth: "2.5",
        minSamples: "",
        errorRatePercent: "",
        fingerprintUnchangedMinutes: "",
      }),
      expect: interfaceManagers,
      unauthenticated: "unauthenticated",
    },
    reviewPayloadAction: {
      call: "form",
      fields: { interfaceId: idField, environmentId: idField, payload: { kind: "payload", maxBytes: MAX_PAYLOAD_BYTES }, note: text(2000) },
      prepare: prepareInterfaces,
      input: (_role, target, ctx) => ({
        interfaceId: interfaceIdFor(target, ctx),
        environmentId: target === "other" ? ids.lakeshoreEnv("test") : ids.riverbendEnv("test"),
        payload: matrixPayload,
        note: "Matrix: sample from the test system",
      }),
      expect: projectMembers,
      unauthenticated: "unauthenticated",
    },
  };
}

export const actionTable: Record<string, ActionSpec> = {
  updateItemAction: {
    call: "form",
    fields: {
      itemId: idField,
      version: versionField,
      ownerId: optionalIdField,
      status: enumField,
      nextStep: text(2000),
      expectedOutcome: text(2000),
      dueDate: { kind: "date", optional: true },
      whatChanged: text(10_000),
      whatWasTested: text(10_000),
      whatNeedsProof: text(10_000),
    },
    input: async (role, target, ctx) => {
      const id = pick(target, ownItemFor(role), otherItem);
      const form = await itemForm(ctx, id, { nextStep: "Matrix: next step edited" });
      return { ...form, itemId: id };
    },
    expect: {
      admin: row("forbidden", "forbidden", "not_found", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "forbidden", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  recordEvidenceAction: {
    call: "form",
    fields: {
      itemId: idField,
      environmentId: idField,
      kind: enumField,
      whatWasTested: requiredText(2000),
      outcome: enumField,
      observedAt: { kind: "pastDateTime" },
      linkUrl: { kind: "url", optional: true },
    },
    input: (role, target) => ({
      itemId: pick(target, ownItemFor(role), otherItem),
      environmentId: target === "other" ? ids.lakeshoreEnv("test") : ids.riverbendEnv("test"),
      kind: "technical",
      whatWasTested: "Matrix: evidence recorded",
      outcome: "pass",
      observedAt: minuteAgo(),
      linkUrl: "https://tickets.example/browse/MATRIX-1",
    }),
    expect: {
      admin: row("forbidden", "forbidden", "forbidden", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "ok", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  blockItemAction: {
    call: "form",
    fields: {
      itemId: idField,
      version: versionField,
      reason: requiredText(2000),
      severity: enumField,
      ticketUrl: { kind: "url", optional: true },
      since: { kind: "date", optional: false },
    },
    input: async (role, target, ctx) => {
      const itemId = pick(target, ownItemFor(role), otherItem);
      const item = await ctx.item(itemId);
      return {
        itemId,
        version: String(item?.version ?? 1),
        reason: "Matrix: blocked for a test",
        severity: "post_live",
        ticketUrl: "",
        since: today(),
      };
    },
    expect: {
      admin: row("forbidden", "forbidden", "not_found", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "forbidden", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  unblockItemAction: unblockSpec,
  createApiTokenAction: {
    call: "form",
    fields: { implementationId: idField, name: nameField(100), environments: { kind: "choiceList" }, scopes: { kind: "choiceList" }, expiresInDays: { kind: "integer" } },
    input: (_role, target) => ({
      implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
      name: "Matrix: CI job",
      environments: ["sandbox", "test"],
      scopes: ["evidence"],
      expiresInDays: "30",
    }),
    expect: {
      admin: row("forbidden", "forbidden", "forbidden", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "ok", "not_found", "invalid"),
      customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  recordConfigurationChangeAction: {
    call: "form",
    fields: { implementationId: idField, environmentId: optionalIdField, changedAt: { kind: "pastDateTime" }, note: requiredText(2000) },
    input: (_role, target) => ({
      implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
      environmentId: target === "other" ? ids.lakeshoreEnv("production") : ids.riverbendEnv("production"),
      changedAt: minuteAgo(),
      note: "Matrix: configuration changed",
    }),
    expect: {
      admin: row("forbidden", "forbidden", "forbidden", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "ok", "not_found", "invalid"),
      customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  addItemAction: {
    call: "form",
    fields: { implementationId: idField, ...itemDefinitionFields },
    input: (_role, target) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl), ...itemDefinition }),
    expect: {
      admin: row("forbidden", "forbidden", "forbidden", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
      customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  createImplementationAction: {
    call: "form",
    fields: { customerOrganizationId: idField, templateId: idField, ...implementationFields },
    input: (_role, target) => ({
      customerOrganizationId: pick(target, ids.riverbendOrg, ids.lakeshoreOrg),
      templateId: ids.publishedTemplate,
      name: "Matrix implementation",
      ehrVendor: "epic",
      workflows: "appointment_sync",
      interfaces: "fhir_api",
      phase: "assessment",
      goLiveDate: "",
      implementationManagerId: ids.user("manager"),
      engineeringOwnerId: ids.user("engineer"),
      freshnessWindowDays: "14",
    }),
    // A customer is chosen from a list: an unknown one is a field error, not "not found".
    expect: {
      admin: row("ok", "ok", "invalid", "invalid"),
      implementation_manager: row("ok", "ok", "invalid", "invalid"),
      engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
      customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  updateImplementationAction: {
    call: "form",
    fields: { implementationId: idField, version: versionField, status: enumField, ...implementationFields },
    input: async (_role, target, ctx) => {
      const id = pick(target, ids.riverbendImpl, ids.lakeshoreImpl);
      const impl = (await ctx.implementation(id)) ?? (await ctx.implementation(ids.riverbendImpl))!;
      return {
        implementationId: id,
        version: String(impl.version),
        status: impl.status,
        name: `${impl.name} (matrix)`,
        ehrVendor: impl.ehrVendor,
        workflows: impl.workflows,
        interfaces: impl.interfaces,
        phase: impl.phase,
        goLiveDate: impl.goLiveDate ?? "",
        implementationManagerId: impl.implementationManagerId ?? "",
        engineeringOwnerId: impl.engineeringOwnerId ?? "",
        freshnessWindowDays: String(impl.freshnessWindowDays),
      };
    },
    expect: managersOnly,
    unauthenticated: "unauthenticated",
  },
  createTemplateAction: {
    call: "form",
    fields: { name: nameField(200), description: text(2000), ehrVendor: { kind: "enum", optional: true } },
    input: () => ({ name: "Matrix template", description: "", ehrVendor: "" }),
    expect: {
      admin: { own: "ok" },
      implementation_manager: { own: "forbidden" },
      engineer: { own: "forbidden" },
      customer_it: { own: "forbidden" },
    },
    notApplicable: {
      other: "a new template names no record",
      missing: "a new template names no record",
      malformed: "a new template names no record",
    },
    unauthenticated: "unauthenticated",
    corpusRole: "admin",
  },
  createRevisionAction: {
    call: "form",
    fields: { templateId: idField },
    input: (_role, target) => ({ templateId: pick(target, ids.publishedTemplate, ids.publishedTemplate) }),
    expect: adminOnlyTemplate,
    notApplicable: templateNotApplicable,
    unauthenticated: "unauthenticated",
    corpusRole: "admin",
  },
  saveTemplateItemAction: {
    call: "form",
    fields: { templateId: idField, itemId: optionalIdField, version: { kind: "version", optional: true }, ...itemDefinitionFields, expectedOutcome: text(2000) },
    prepare: draftTemplate,
    input: (_role, target, ctx) => ({
      templateId: pick(target, ctx.prepared.templateId!, ctx.prepared.templateId!),
      itemId: "",
      version: "",
      ...itemDefinition,
      expectedOutcome: "Matrix: expected outcome",
    }),
    expect: adminOnlyTemplate,
    notApplicable: templateNotApplicable,
    unauthenticated: "unauthenticated",
    corpusRole: "admin",
  },
  removeTemplateItemAction: {
    call: "form",
    fields: { templateId: idField, itemId: idField },
    prepare: draftTemplate,
    input: (_role, target, ctx) => ({
      templateId: ctx.prepared.templateId!,
      itemId: pick(target, ctx.prepared.templateItemId!, ctx.prepared.templateItemId!),
    }),
    expect: adminOnlyTemplate,
    notApplicable: templateNotApplicable,
    unauthenticated: "unauthenticated",
    corpusRole: "admin",
  },
  publishTemplateAction: {
    call: "form",
    fields: { templateId: idField, version: versionField },
    prepare: draftTemplate,
    input: (_role, target, ctx) => ({
      templateId: pick(target, ctx.prepared.templateId!, ctx.prepared.templateId!),
      version: ctx.prepared.templateVersion!,
    }),
    expect: adminOnlyTemplate,
    notApplicable: templateNotApplicable,
    unauthenticated: "unauthenticated",
    corpusRole: "admin",
  },
  resolveBlockerAction: unblockSpec,
  acknowledgeHypercareAlertAction: {
    call: "form",
    fields: { alertId: idField, ownerId: idField, nextStep: requiredText(500), expectedOutcome: requiredText(500) },
    prepare: openHypercareAlerts,
    input: (_role, target, ctx) => ({
      alertId: pick(target, ctx.prepared.riverbendAlert!, ctx.prepared.lakeshoreAlert!),
      ownerId: ids.user("engineer"),
      nextStep: "Matrix: check the feed's outbound queue",
      expectedOutcome: "Matrix: messages flow again",
    }),
    expect: {
      admin: row("forbidden", "forbidden", "forbidden", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "ok", "not_found", "invalid"),
      customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  signOffItemAction: {
    call: "form",
    fields: {
      itemId: idField,
      itemVersion: versionField,
      snapshotDigest: { kind: "digest" },
      decision: enumField,
      comment: text(4000),
      password: { kind: "reauthPassword", max: 1000 },
    },
    input: (role, target, ctx) => signOffForm(role, target, ctx),
    expect: {
      // Admins are never signers.
      admin: row("forbidden", "forbidden", "forbidden", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      // Lakeshore's smoke test has only technical evidence, so it is still in progress: reached,
      // and refused as not ready for sign-off (docs/demo.md).
      engineer: row("ok", "invalid", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  waiveItemAction: {
    call: "form",
    fields: { itemId: idField, version: versionField, reason: requiredText(2000), approverName: nameField(200), expiresOn: { kind: "date", optional: false } },
    input: async (_role, target, ctx) => {
      const itemId = waiverItem(target);
      return {
        itemId,
        version: String((await ctx.item(itemId))?.version ?? 1),
        reason: "Matrix: waived for the pilot",
        approverName: "Maya Okafor",
        expiresOn: inDays(30),
      };
    },
    expect: managersDecide,
    unauthenticated: "unauthenticated",
  },
  revokeWaiverAction: {
    call: "form",
    fields: { itemId: idField, version: versionField, reason: requiredText(2000) },
    prepare: grantWaivers,
    input: async (_role, target, ctx) => {
      const itemId = waiverItem(target);
      return { itemId, version: String((await ctx.item(itemId))?.version ?? 1), reason: "Matrix: waiver revoked" };
    },
    expect: managersDecide,
    unauthenticated: "unauthenticated",
  },
  recordGoLiveDecisionAction: {
    call: "form",
    fields: { implementationId: idField, gateDigest: { kind: "digest" }, decision: enumField, notes: text(10_000) },
    input: async (_role, target, ctx) => {
      const implementationId = pick(target, ids.riverbendImpl, ids.lakeshoreImpl);
      let gateDigest = noDigest;
      if (await ctx.implementation(implementationId)) {
        const { getGate } = await import("@/lib/dal/gate");
        gateDigest = (await getGate(ctx.viewers.implementation_manager, implementationId)).digest;
      }
      // No-go is allowed whatever the verdict while the implementation is active or live.
      return { implementationId, gateDigest, decision: "no_go", notes: "Matrix: not yet" };
    },
    expect: managersDecide,
    unauthenticated: "unauthenticated",
  },
  saveWebhookAction: {
    call: "form",
    fields: { implementationId: idField, version: { kind: "version", optional: true }, url: { kind: "url", optional: false } },
    input: (_role, target) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl), version: "", url: "https://hooks.example/readyroom" }),
    expect: webhookManagers,
    unauthenticated: "unauthenticated",
  },
  rotateWebhookSecretAction: {
    call: "form",
    fields: { implementationId: idField, version: versionField },
    prepare: configureWebhooks,
    input: (_role, target, ctx) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl), version: webhookVersion(target, ctx) }),
    expect: webhookManagers,
    unauthenticated: "unauthenticated",
  },
  setWebhookEnabledAction: {
    call: "form",
    fields: { implementationId: idField, version: versionField, enabled: enumField },
    prepare: configureWebhooks,
    input: (_role, target, ctx) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl), version: webhookVersion(target, ctx), enabled: "false" }),
    expect: webhookManagers,
    unauthenticated: "unauthenticated",
  },
  sendTestDeliveryAction: {
    call: "form",
    fields: { implementationId: idField },
    prepare: configureWebhooks,
    input: (_role, target) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl) }),
    expect: webhookManagers,
    unauthenticated: "unauthenticated",
  },
  addCatalogRowsAction: {
    call: "form",
    fields: { implementationId: idField, workflow: enumField, rows: { kind: "choiceList" } },
    // Neither side's matrix has the documents workflow's rows yet.
    input: (_role, target) => ({
      implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
      workflow: "documents",
      rows: ["fhir_api|system/DocumentReference.crs", "fhir_api|system/Binary.r"],
    }),
    expect: permissionManagers,
    unauthenticated: "unauthenticated",
  },
  addPermissionRowAction: {
    call: "form",
    fields: { implementationId: idField, interface: enumField, permission: { kind: "plainText", max: MAX_PERMISSION_LENGTH, strict: true }, interfaceId: optionalIdField, required: checkboxField, note: text(2000) },
    // A proprietary API permission is free text as the API names it (FHIR and HL7 have their own grammar).
    input: (_role, target) => ({
      implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
      interface: "proprietary_api",
      permission: "scheduling.matrix.read",
      interfaceId: "",
      required: "on",
      note: "Matrix: added by hand",
    }),
    expect: permissionManagers,
    unauthenticated: "unauthenticated",
  },
  addInterfaceRowsAction: {
    call: "form",
    fields: { implementationId: idField, interfaceId: idField },
    // An interface on each side whose event no matrix holds yet.
    prepare: prepareInterfaceRows,
    input: (_role, target, ctx) => ({ implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl), interfaceId: interfaceIdFor(target, ctx) }),
    expect: permissionManagers,
    unauthenticated: "unauthenticated",
  },
  updatePermissionRowAction: {
    call: "form",
    fields: { requirementId: idField, version: versionField, interfaceId: optionalIdField, required: checkboxField, note: text(2000) },
    input: async (_role, target) => {
      const requirementId = permissionRow(target);
      return { requirementId, version: String((await versionOf("permission_requirements", requirementId)) ?? 1), interfaceId: "", required: "on", note: "Matrix: note edited" };
    },
    expect: permissionManagers,
    unauthenticated: "unauthenticated",
  },
  removePermissionRowAction: {
    call: "form",
    fields: { requirementId: idField, version: versionField },
    input: async (_role, target) => {
      const requirementId = permissionRow(target);
      return { requirementId, version: String((await versionOf("permission_requirements", requirementId)) ?? 1) };
    },
    expect: permissionManagers,
    unauthenticated: "unauthenticated",
  },
  recordPermissionCheckAction: {
    call: "form",
    fields: { requirementId: idField, environmentId: idField, version: { kind: "cellVersion" }, result: enumField, note: text(2000) },
    input: async (_role, target) => {
      const requirementId = permissionRow(target);
      const environmentId = productionEnv(target);
      return { requirementId, environmentId, version: String(await cellVersion(requirementId, environmentId)), result: "denied", note: "Matrix: 403 from production" };
    },
    expect: projectMembers,
    unauthenticated: "unauthenticated",
  },
  setPermissionColumnAction: {
    call: "form",
    fields: { implementationId: idField, environmentId: idField, result: enumField, note: text(2000), onlyUnverified: checkboxField, cells: { kind: "choiceList" } },
    input: async (_role, target) => {
      const implementationId = pick(target, ids.riverbendImpl, ids.lakeshoreImpl);
      const environmentId = productionEnv(target);
      const cells = await columnCells(target === "other" ? ids.lakeshoreImpl : ids.riverbendImpl, environmentId);
      return { implementationId, environmentId, result: "granted", note: "Matrix: check run", onlyUnverified: "", cells };
    },
    expect: projectMembers,
    unauthenticated: "unauthenticated",
  },
  addTestPatientAction: {
    call: "form",
    fields: {
      implementationId: idField,
      environmentId: idField,
      label: { kind: "plainText", max: 120, synthetic: true },
      testIdentifier: { kind: "plainText", max: 64, synthetic: true },
      note: text(2000),
    },
    input: (_role, target) => ({
      implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
      environmentId: target === "other" ? ids.lakeshoreEnv("test") : ids.riverbendEnv("test"),
      label: "Matrix patient (synthetic)",
      testIdentifier: "ZZMATRIX01",
      note: "Synthetic: added by the security matrix",
    }),
    expect: projectMembers,
    unauthenticated: "unauthenticated",
  },
  removeTestPatientAction: {
    call: "form",
    fields: { testPatientId: idField, version: versionField },
    input: async (_role, target) => {
      const testPatientId = testPatient(target);
      return { testPatientId, version: String((await versionOf("test_patients", testPatientId)) ?? 1) };
    },
    expect: removalManagers,
    unauthenticated: "unauthenticated",
  },
  addScenarioAction: {
    call: "form",
    fields: {
      testPatientId: idField,
      workflowSurface: enumField,
      interfaceId: optionalIdField,
      scenario: requiredText(500),
      expectedOutcome: requiredText(2000),
      observedOutcome: text(2000),
      result: enumField,
    },
    // Not run yet: an observed outcome is optional then (a pass or fail needs one).
    input: (_role, target) => ({
      testPatientId: testPatient(target),
      workflowSurface: "scheduling_availability",
      scenario: "Matrix: provider blocks a morning",
      expectedOutcome: "Slots withdrawn within 5 minutes",
      observedOutcome: "Matrix: not seen yet",
      result: "not_run",
      interfaceId: "",
    }),
    expect: projectMembers,
    unauthenticated: "unauthenticated",
  },
  recordScenarioResultAction: {
    call: "form",
    fields: { scenarioId: idField, version: versionField, result: enumField, observedOutcome: text(2000) },
    input: async (_role, target) => {
      const scenarioId = scenario(target);
      return { scenarioId, version: String((await versionOf("test_patient_scenarios", scenarioId)) ?? 1), result: "not_run", observedOutcome: "Matrix: to be run again" };
    },
    expect: projectMembers,
    unauthenticated: "unauthenticated",
  },
  removeScenarioAction: {
    call: "form",
    fields: { scenarioId: idField, version: versionField },
    input: async (_role, target) => {
      const scenarioId = scenario(target);
      return { scenarioId, version: String((await versionOf("test_patient_scenarios", scenarioId)) ?? 1) };
    },
    expect: removalManagers,
    unauthenticated: "unauthenticated",
  },
  savePhaseAction: {
    call: "form",
    fields: phaseFields,
    input: async (_role, target) => ({
      implementationId: phaseTarget(target),
      phase: "pilot",
      version: String((await versionOf("implementation_phases", phaseRowId(target, "pilot"))) ?? 1),
      plannedStart: inDays(-20),
      plannedEnd: inDays(10),
      successSignal: "Matrix: one clinic books without a manual fix",
      exitCriteria: "Matrix: customer accepts the pilot",
    }),
    expect: planManagers,
    unauthenticated: "unauthenticated",
  },
  setPhaseExitAction: {
    call: "form",
    fields: { implementationId: idField, phase: enumField, version: versionField, exit: enumField },
    // A phase whose exit criteria are not met yet on each side: Riverbend's pilot, Lakeshore's expansion.
    input: async (_role, target) => {
      const phase = target === "other" ? "expansion" : "pilot";
      return { implementationId: phaseTarget(target), phase, version: String((await versionOf("implementation_phases", phaseRowId(target, phase))) ?? 1), exit: "met" };
    },
    expect: planManagers,
    unauthenticated: "unauthenticated",
  },
  addCutoverStepAction: {
    call: "form",
    fields: { implementationId: idField, ...stepFields },
    input: (_role, target) => ({
      implementationId: pick(target, ids.riverbendImpl, ids.lakeshoreImpl),
      title: "Matrix: downtime forms printed",
      detail: "Matrix: at every front desk",
      ownerId: target === "other" ? ids.user("lakeshore-it") : ids.user("riverbend-it"),
      dueAt: `${inDays(5)}T12:00`,
    }),
    expect: planManagers,
    unauthenticated: "unauthenticated",
  },
  addStandardCutoverStepsAction: {
    call: "form",
    fields: { implementationId: idField },
    prepare: removeLakeshoreHandOff,
    // Riverbend's demographics feed has no cutover step yet.
    input: (_role, target) => ({ implementationId: pick(target, seedId("impl:riverbend-demographics"), ids.lakeshoreImpl) }),
    expect: planManagers,
    unauthenticated: "unauthenticated",
  },
  updateCutoverStepAction: {
    call: "form",
    fields: { stepId: idField, version: versionField, ...stepFields },
    input: async (_role, target) => {
      const stepId = cutoverStep(target, "change-freeze");
      return { stepId, version: await stepVersion(stepId), title: "Change freeze", detail: "Matrix: both sides freeze", ownerId: ids.user("engineer"), dueAt: `${inDays(3)}T17:00` };
    },
    expect: planManagers,
    unauthenticated: "unauthenticated",
  },
  setCutoverStepDoneAction: {
    call: "form",
    fields: { stepId: idField, version: versionField, done: enumField },
    // Own: the step the role's person owns on Riverbend's plan (Erin's freeze, Casey's smoke test);
    // other: Lakeshore's smoke test, Priya's.
    input: async (role, target) => {
      const stepId = target === "own" && role === "customer_it" ? cutoverStep(target, "production-smoke-test") : target === "other" ? cutoverStep(target, "production-smoke-test") : cutoverStep(target, "change-freeze");
      return { stepId, version: await stepVersion(stepId), done: "done" };
    },
    expect: {
      admin: row("forbidden", "forbidden", "not_found", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "forbidden", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  removeCutoverStepAction: {
    call: "form",
    fields: { stepId: idField, version: versionField },
    input: async (_role, target) => {
      const stepId = cutoverStep(target, "support-hand-off");
      return { stepId, version: await stepVersion(stepId) };
    },
    expect: planManagers,
    unauthenticated: "unauthenticated",
  },
  ...interfaceActions(),
  signOutAction: {
    call: "none",
    fields: {},
    input: () => ({}),
    // Every signed-in person may end their own sessions; signed out, it still clears the cookie.
    expect: {
      admin: { own: "ok" },
      implementation_manager: { own: "ok" },
      engineer: { own: "ok" },
      customer_it: { own: "ok" },
    },
    notApplicable: {
      other: "ends only the caller's own sessions: it takes no id",
      missing: "takes no id",
      malformed: "takes no id",
    },
    unauthenticated: "ok",
  },
  // --- organizations and people (lib/dal/people.ts) -----------------------------------------
  // Organizations are the tenants themselves: "own" is Riverbend, "other" Lakeshore. Only
  // admins configure them; managers invite and disable customer IT people of the health
  // systems they run implementations for (Maya runs both Riverbend and Lakeshore projects).
  createOrganizationAction: {
    call: "form",
    fields: organizationFields,
    corpusRole: "admin",
    input: () => ({ ...organizationForm, slug: "matrix-health" }),
    expect: {
      admin: { own: "ok" },
      implementation_manager: { own: "forbidden" },
      engineer: { own: "forbidden" },
      customer_it: { own: "forbidden" },
    },
    notApplicable: { other: "a new organization names no record", missing: "a new organization names no record", malformed: "a new organization names no record" },
    unauthenticated: "unauthenticated",
  },
  updateOrganizationAction: {
    call: "form",
    fields: { organization: idField, version: versionField, ...organizationFields },
    corpusRole: "admin",
    input: async (_role, target) => {
      const organization = pick(target, ids.riverbendOrg, ids.lakeshoreOrg);
      return { organization, version: String((await versionOf("organizations", organization)) ?? 1), ...organizationForm, slug: target === "other" ? "lakeshore" : "riverbend" };
    },
    expect: adminOnlyOrganizations,
    unauthenticated: "unauthenticated",
  },
  setOrganizationActiveAction: {
    call: "form",
    fields: { organization: idField, version: versionField, active: enumField },
    corpusRole: "admin",
    input: async (_role, target) => {
      const organization = pick(target, ids.riverbendOrg, ids.lakeshoreOrg);
      return { organization, version: String((await versionOf("organizations", organization)) ?? 1), active: "false" };
    },
    expect: adminOnlyOrganizations,
    unauthenticated: "unauthenticated",
  },
  invitePersonAction: {
    call: "form",
    fields: { organization: idField, email: { kind: "email" }, name: requiredText(200), personRole: enumField },
    input: (_role, target) => ({ organization: pick(target, ids.riverbendOrg, ids.lakeshoreOrg), email: "matrix.invitee@health.example", name: "Matrix Invitee (synthetic)", personRole: "customer_it" }),
    expect: peopleManagers,
    unauthenticated: "unauthenticated",
  },
  changeRoleAction: {
    call: "form",
    fields: { person: idField, version: versionField, personRole: enumField },
    corpusRole: "admin",
    // Roles are the vendor's to change: own is a vendor engineer made a manager; another
    // organization's person (customer IT) cannot be given a vendor role.
    input: async (_role, target) => {
      const person = pick(target, ids.user("engineer2"), ids.user("lakeshore-it"));
      return { person, version: String((await versionOf("users", person)) ?? 1), personRole: target === "other" ? "admin" : "implementation_manager" };
    },
    expect: {
      admin: row("ok", "invalid", "not_found", "invalid"),
      implementation_manager: row("forbidden", "forbidden", "forbidden", "invalid"),
      engineer: row("forbidden", "forbidden", "forbidden", "invalid"),
      customer_it: row("forbidden", "forbidden", "forbidden", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  setPersonDisabledAction: {
    call: "form",
    fields: { person: idField, version: versionField, disabled: enumField },
    input: async (_role, target) => {
      const person = pick(target, ids.user("riverbend-it2"), ids.user("lakeshore-it"));
      return { person, version: String((await versionOf("users", person)) ?? 1), disabled: "true" };
    },
    expect: peopleManagers,
    unauthenticated: "unauthenticated",
  },
  resendInvitationAction: {
    call: "form",
    fields: { person: idField },
    prepare: inviteOnEachSide,
    input: (_role, target, ctx) => ({ person: pick(target, ctx.prepared.own!, ctx.prepared.other!) }),
    expect: peopleManagers,
    unauthenticated: "unauthenticated",
  },
  revokeInvitationAction: {
    call: "form",
    fields: { person: idField },
    prepare: inviteOnEachSide,
    input: (_role, target, ctx) => ({ person: pick(target, ctx.prepared.own!, ctx.prepared.other!) }),
    expect: peopleManagers,
    unauthenticated: "unauthenticated",
  },
  // --- the inbox, notification settings and comments (lib/dal/inbox.ts, comments.ts) --------
  // Notifications are personal: "own" is one addressed to the caller, "other" one addressed to
  // someone else (Riverbend's Jordan Ames), which everyone gets as "not found".
  markNotificationReadAction: {
    call: "form",
    fields: { notificationId: idField },
    prepare: notifyEachRole,
    input: (role, target, ctx) => ({ notificationId: pick(target, ctx.prepared[role]!, ctx.prepared.other!) }),
    expect: {
      admin: row("ok", "not_found", "not_found", "invalid"),
      implementation_manager: row("ok", "not_found", "not_found", "invalid"),
      engineer: row("ok", "not_found", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    // One's own reading state, not a change to anyone's record: not audited (lib/dal/inbox.ts).
    audited: false,
    unauthenticated: "unauthenticated",
  },
  markAllNotificationsReadAction: {
    call: "form",
    fields: { scope: enumField },
    prepare: notifyEachRole,
    input: () => ({ scope: "all" }),
    expect: { admin: { own: "ok" }, implementation_manager: { own: "ok" }, engineer: { own: "ok" }, customer_it: { own: "ok" } },
    notApplicable: { other: "marks only the caller's own notifications: it takes no id", missing: "takes no id", malformed: "takes no id" },
    audited: false,
    unauthenticated: "unauthenticated",
  },
  saveNotificationSettingsAction: {
    call: "form",
    fields: { mailMode: enumField, weeklyDigest: checkboxField, version: versionField },
    input: () => ({ mailMode: "daily", weeklyDigest: "on", version: "0" }),
    expect: { admin: { own: "ok" }, implementation_manager: { own: "ok" }, engineer: { own: "ok" }, customer_it: { own: "ok" } },
    notApplicable: { other: "changes only the caller's own settings: it takes no id", missing: "takes no id", malformed: "takes no id" },
    unauthenticated: "unauthenticated",
  },
  addCommentAction: {
    call: "form",
    fields: { itemId: idField, body: { kind: "comment", max: 4000 } },
    input: (_role, target) => ({ itemId: pick(target, ids.riverbendItem("sample-payload-review"), otherItem), body: "Matrix: a comment for @Casey Lin" }),
    expect: {
      admin: row("ok", "ok", "not_found", "invalid"),
      implementation_manager: row("ok", "ok", "not_found", "invalid"),
      engineer: row("ok", "ok", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  // --- saved views (lib/dal/saved-views.ts): a person's own; "other" is someone else's view.
  saveViewAction: {
    call: "form",
    fields: { list: enumField, name: nameField(80), query: { kind: "listQuery" } },
    input: () => ({ list: "portfolio", name: "Matrix: my go-lives this month", query: "mine=1&window=30&sort=readiness&dir=desc" }),
    expect: { admin: { own: "ok" }, implementation_manager: { own: "ok" }, engineer: { own: "ok" }, customer_it: { own: "ok" } },
    notApplicable: { other: "saves a view for the caller only: it takes no id", missing: "takes no id", malformed: "takes no id" },
    unauthenticated: "unauthenticated",
  },
  deleteViewAction: {
    call: "form",
    fields: { viewId: idField },
    prepare: saveViewForEachRole,
    input: (role, target, ctx) => ({ viewId: pick(target, ctx.prepared[role]!, ctx.prepared.other!) }),
    expect: {
      admin: row("ok", "not_found", "not_found", "invalid"),
      implementation_manager: row("ok", "not_found", "not_found", "invalid"),
      engineer: row("ok", "not_found", "not_found", "invalid"),
      customer_it: row("ok", "not_found", "not_found", "invalid"),
    },
    unauthenticated: "unauthenticated",
  },
  changePasswordAction: {
    call: "form",
    fields: { currentPassword: { kind: "currentPassword", max: MAX_PASSWORD_LENGTH }, newPassword: { kind: "newPassword" }, confirmPassword: { kind: "newPassword" } },
    input: () => ({ currentPassword: DEMO_PASSWORD, newPassword: "a synthetic matrix passphrase 42", confirmPassword: "a synthetic matrix passphrase 42" }),
    expect: { admin: { own: "ok" }, implementation_manager: { own: "ok" }, engineer: { own: "ok" }, customer_it: { own: "ok" } },
    notApplicable: { other: "changes only the caller's own password: it takes no id", missing: "takes no id", malformed: "takes no id" },
    unauthenticated: "unauthenticated",
  },
};

// The sign-in form's fields, for the bad-input corpus (signInAction is outside the role matrix).
export const signInFields: Record<string, FieldKind> = {
  email: { kind: "email" },
  password: { kind: "password", max: MAX_PASSWORD_LENGTH },
  callbackUrl: { kind: "redirectPath" },
};

// --- route handlers ---------------------------------------------------------------------
export type RouteSpec = {
  methods: Partial<Record<string, { params: (target: Target) => Record<string, string>; expect: Record<Role, Partial<Record<Target, number>>>; unauthenticated: number; notApplicable?: Partial<Record<Target, string>> }>>;
};

export const specialRoutes: Record<string, string> = {
  "api/v1/implementations/[id]/evidence": "the machine API: bearer API tokens, not sessions; scope, implementation, environment, expiry and revocation in lib/dal/api.db.test.ts, over HTTP in e2e/api.spec.ts",
  "api/v1/implementations/[id]/interfaces/[interfaceId]/metrics": "the machine API: bearer API tokens, not sessions; lib/dal/api.db.test.ts and e2e/api.spec.ts",
  "api/v1/openapi.json": "the public API description: no tenant data, the same document for everyone",
  "api/auth/[...nextauth]": "next-auth's own sign-in/callback/session endpoints (pre-authentication); e2e/sign-in.spec.ts and e2e/sso.spec.ts",
};

// A read by id: missing and malformed ids are 404 like another organization's.
const readAll = (own: number, other: number): Record<Target, number> => ({ own, other, missing: 404, malformed: 404 });

export const routeTable: Record<string, RouteSpec> = {
  "api/implementations/[id]/checklist": {
    methods: {
      GET: {
        params: (target) => ({ id: pick(target, ids.riverbendImpl, ids.lakeshoreImpl) }),
        expect: {
          admin: readAll(200, 200),
          implementation_manager: readAll(200, 200),
          engineer: readAll(200, 200),
          customer_it: readAll(200, 404),
        },
        unauthenticated: 401,
      },
    },
  },
  "api/implementations/[id]/gate": {
    methods: {
      GET: {
        params: (target) => ({ id: pick(target, ids.riverbendImpl, ids.lakeshoreImpl) }),
        expect: {
          admin: readAll(200, 200),
          implementation_manager: readAll(200, 200),
          engineer: readAll(200, 200),
          customer_it: readAll(200, 404),
        },
        unauthenticated: 401,
      },
    },
  },
  "api/implementations/[id]/interfaces-csv": {
    methods: {
      GET: {
        params: (target) => ({ id: pick(target, ids.riverbendImpl, ids.lakeshoreImpl) }),
        expect: {
          admin: readAll(200, 200),
          implementation_manager: readAll(200, 200),
          engineer: readAll(200, 200),
          customer_it: readAll(200, 404),
        },
        unauthenticated: 401,
      },
    },
  },
  "api/implementations/[id]/items-csv": {
    methods: {
      GET: {
        params: (target) => ({ id: pick(target, ids.riverbendImpl, ids.lakeshoreImpl) }),
        expect: {
          admin: readAll(200, 200),
          implementation_manager: readAll(200, 200),
          engineer: readAll(200, 200),
          customer_it: readAll(200, 404),
        },
        unauthenticated: 401,
      },
    },
  },
  "api/blockers.csv": {
    methods: {
      GET: {
        params: () => ({}),
        // The cross-portfolio blockers list is vendor staff's; customer IT sees blockers on
        // their own implementation pages, and here gets the same 404 as for anything unknown.
        expect: { admin: { own: 200 }, implementation_manager: { own: 200 }, engineer: { own: 200 }, customer_it: { own: 404 } },
        unauthenticated: 401,
        notApplicable: {
          other: "takes no id: every customer's blockers are vendor staff's to read",
          missing: "takes no id (the customer filter is a URL parameter that only narrows the list)",
          malformed: "takes no id (a malformed filter is ignored, lib/validation/blockers.test.ts)",
        },
      },
    },
  },
  // Benchmark probes: they exist only with READYROOM_BENCH on (never in production, nor here),
  // and answer 404 to everyone otherwise.
  ...Object.fromEntries(
    ["api/bench/empty", "api/bench/sql-statements"].map((route) => [
      route,
      {
        methods: {
          GET: {
            params: () => ({}),
            expect: { admin: { own: 404 }, implementation_manager: { own: 404 }, engineer: { own: 404 }, customer_it: { own: 404 } },
            unauthenticated: 404,
            notApplicable: { other: "takes no id", missing: "takes no id", malformed: "takes no id" },
          },
        },
      } satisfies RouteSpec,
    ]),
  ),
  // The navigation's counts: each person's own, in their own scope (lib/dal/blockers.db.test.ts).
  "api/nav-counts": {
    methods: {
      GET: {
        params: () => ({}),
        expect: { admin: { own: 200 }, implementation_manager: { own: 200 }, engineer: { own: 200 }, customer_it: { own: 200 } },
        unauthenticated: 401,
        notApplicable: { other: "takes no id: it counts the signed-in person's own work", missing: "takes no id", malformed: "takes no id" },
      },
    },
  },
  "api/health": {
    methods: {
      GET: {
        params: () => ({}),
        expect: { admin: { own: 200 }, implementation_manager: { own: 200 }, engineer: { own: 200 }, customer_it: { own: 200 } },
        // For load balancers: public, and it tells nothing about any tenant.
        unauthenticated: 200,
        notApplicable: { other: "takes no id", missing: "takes no id", malformed: "takes no id" },
      },
    },
  },
};

// --- discovery ----------------------------------------------------------------------------
function walk(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, name, out);
    else if (entry.name === name) out.push(path);
  }
  return out.sort();
}

// Every `app/**/actions.ts`, as paths relative to the repository.
export function actionModules(): string[] {
  return walk(join(root, "app"), "actions.ts").map((p) => relative(root, p));
}

// Every route handler: its path under app/ (route groups kept) and the HTTP methods it exports.
export function routeHandlers(): { route: string; file: string; methods: string[] }[] {
  return walk(join(root, "app"), "route.ts").map((file) => {
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map((m) => m[1]!);
    if (/export\s*\{[^}]*\b(GET|POST|PUT|PATCH|DELETE)\b/.test(source)) methods.push(...[...source.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!));
    const route = relative(join(root, "app"), file).replace(/\/route\.ts$/, "").replace(/\([^)]+\)\//g, "");
    return { route, file: relative(root, file), methods: [...new Set(methods)].sort() };
  });
}

// --- the database, before and after ---------------------------------------------------------
type Rows = Record<string, unknown>[];
const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? result : ((result as { rows: Rows }).rows ?? []));

let tableNames: string[] | undefined;
async function tables(): Promise<string[]> {
  tableNames ??= rowsOf(
    await getDb().execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`),
  ).map((r) => String(r.table_name));
  return tableNames;
}

// Row counts and an md5 over every row of every table: equal before and after means nothing
// was written, not even half of something.
export async function checksum(except: readonly string[] = []): Promise<string> {
  const names = (await tables()).filter((t) => !except.includes(t));
  const query = names
    .map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from "${t}" x`)
    .join(" union all ");
  // Sorted here: PostgreSQL may return the parts of a UNION ALL in any order (a parallel
  // append does), and the same tables in another order are not a change.
  return rowsOf(await getDb().execute(sql.raw(query)))
    .map((r) => `${r.t}:${r.n}:${r.h}`)
    .sort()
    .join(" ");
}

export async function auditCount(): Promise<number> {
  return Number(rowsOf(await getDb().execute(sql`select count(*)::int as n from audit_events`))[0]!.n);
}

// Whether some column of some row now holds exactly this text (stored literally).
export async function storedSomewhere(value: string): Promise<boolean> {
  const names = (await tables()).filter((t) => t !== "audit_events");
  const clauses = names.map((t) => sql`exists (select 1 from ${sql.identifier(t)} x, jsonb_each_text(to_jsonb(x)) kv where kv.value = ${value})`);
  const result = rowsOf(await getDb().execute(sql`select (${sql.join(clauses, sql` or `)}) as found`));
  return Boolean(result[0]!.found);
}

class Rollback extends Error {}

// The case holding the app's database handle; the next one waits for it to end.
let current: Promise<unknown> = Promise.resolve();

// Runs fn inside a transaction that is always rolled back: the app's writes (their own
// transactions become savepoints) are isolated from the next case, and fast.
//
// The app reaches the database through one process-wide handle, which this swaps for the
// transaction and back, so two cases must never overlap. They can: a test that times out is
// reported failed but its function keeps running, and the next test starts beside it. Then one
// case's `finally` restores the server's handle while the other is mid-action, whose writes go
// through the pool outside any test transaction and are committed — seen by every later case's
// checksum as "refused, but the database changed" (on PostgreSQL; PGlite's single connection
// serialized them). So cases take turns: each waits until the one before has rolled back.
export async function isolated<T>(base: DatabaseHandle, fn: () => Promise<T>): Promise<T> {
  const previous = current;
  let release!: () => void;
  current = new Promise<void>((resolve) => {
    release = resolve;
  });
  await previous;
  let out: T | undefined;
  try {
    await base.db.transaction(async (tx) => {
      setDatabaseHandle({ db: tx as unknown as Database, driver: base.driver, close: async () => {} });
      try {
        out = await fn();
      } finally {
        setDatabaseHandle(base);
      }
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  } finally {
    release();
  }
  return out as T;
}

export function fixtureContext(viewers: Record<Role, Viewer>, prepared: Record<string, string>): FixtureContext {
  return {
    viewers,
    prepared,
    async item(id) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const [r] = await getDb().select().from(checklistItems).where(eq(checklistItems.id, id));
      return r;
    },
    async implementation(id) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const [r] = await getDb().select().from(implementations).where(eq(implementations.id, id));
      return r;
    },
  };
}

export function toFormData(fields: Fields): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

// What an action answered, as one outcome: its result code, "ok", or for a redirect (which
// Next implements by throwing) "ok" as well.
export type Invocation = { outcome: Outcome | "unexpected" | "threw"; result?: ActionResult<unknown>; error?: unknown };
export async function invokeForm(fn: unknown, fields: Fields): Promise<Invocation> {
  try {
    const result = (await (fn as (p: null, f: FormData) => Promise<ActionResult<unknown>>)(null, toFormData(fields))) ?? { ok: true, data: undefined };
    return { outcome: result.ok ? "ok" : result.code, result };
  } catch (error) {
    if (error && typeof error === "object" && "redirectTo" in error) return { outcome: "ok" };
    return { outcome: "threw", error };
  }
}
