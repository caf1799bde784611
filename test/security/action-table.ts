import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { eq, sql } from "drizzle-orm";
import { getDb, setDatabaseHandle, type Database, type DatabaseHandle } from "@/db";
import { checklistItems, checklistTemplateItems, checklistTemplates, implementations } from "@/db/schema";
import { seedId } from "@/db/seed";
import type { ActionResult } from "@/lib/actions/result";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { Viewer } from "@/lib/viewer";

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
  | { kind: "url"; optional: boolean }
  | { kind: "version"; optional?: boolean }
  | { kind: "integer" }
  | { kind: "checkbox" }
  | { kind: "email" }
  | { kind: "password"; max: number }
  | { kind: "redirectPath" };

export const text = (max: number): FieldKind => ({ kind: "text", max, required: false });
export const requiredText = (max: number): FieldKind => ({ kind: "text", max, required: true });
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
  signInAction:
    "pre-authentication: answers every caller alike; throttling and identical failures in lib/dal/sign-in.db.test.ts, e2e/sign-in.spec.ts. Its fields still go through the bad-input corpus.",
  signInWithOidcAction:
    "pre-authentication redirect to the OIDC provider; it takes only a callback path (sanitised by safeCallbackPath, lib/validation/auth.test.ts); e2e/sso.spec.ts",
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
  requiredSignOffRoles: "implementation_manager",
};
const itemDefinitionFields: Record<string, FieldKind> = {
  title: requiredText(200),
  description: text(2000),
  category: enumField,
  required: checkboxField,
  needsOperationalValidation: checkboxField,
  requiredSignOffRoles: { kind: "enumList" },
};

const implementationFields: Record<string, FieldKind> = {
  name: requiredText(200),
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
  unblockItemAction: {
    call: "form",
    fields: { itemId: idField, version: versionField, resolution: requiredText(2000) },
    input: async (_role, target, ctx) => {
      // Blocked items: Riverbend's API permission checks (Erin's), Lakeshore's monitoring setup.
      const itemId = pick(target, ids.riverbendItem("api-permission-checks"), ids.lakeshoreItem("monitoring-setup"));
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
    fields: { name: requiredText(200), description: text(2000), ehrVendor: { kind: "enum", optional: true } },
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
export async function checksum(): Promise<string> {
  const names = await tables();
  const query = names
    .map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from "${t}" x`)
    .join(" union all ");
  return rowsOf(await getDb().execute(sql.raw(query)))
    .map((r) => `${r.t}:${r.n}:${r.h}`)
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

// Runs fn inside a transaction that is always rolled back: the app's writes (their own
// transactions become savepoints) are isolated from the next case, and fast.
export async function isolated<T>(base: DatabaseHandle, fn: () => Promise<T>): Promise<T> {
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
