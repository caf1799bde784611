import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/domain/viewer";
import { detectSecret } from "@/lib/interfaces/secrets";
import { detectPhi } from "@/lib/registers/phi";
import { badInputs, extraFieldMarker, extraFields, type BadInput } from "../bad-input";
import {
  actionModules,
  actionTable,
  checksum,
  fixtureContext,
  invokeForm,
  isolated,
  roleEmails,
  sessionViewer,
  roles,
  root,
  signInFields,
  type FieldKind,
  type Fields,
  type Invocation,
  type Outcome,
  type Role,
} from "./action-table";
import { mockState } from "./mocks";

// The bad-input corpus (test/bad-input.ts) through every field of every server action, as
// the role allowed to make the call. Each answer must be the one `expectation` names —
// never a 5xx-like "unexpected" or a throw — a refusal must leave the database exactly as it
// was, and accepted free text must be stored literally.

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "security-corpus-0001" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", async () => {
  const { RedirectSignal } = await import("./mocks");
  return {
    redirect: (to: string) => {
      throw new RedirectSignal(to);
    },
    notFound: () => {
      throw new Error("NEXT_NOT_FOUND");
    },
  };
});
vi.mock("@/lib/auth/session-viewer", async () => {
  const { mockState } = await import("./mocks");
  return { getViewer: async () => mockState.viewer, requireViewer: async () => mockState.viewer };
});
vi.mock("next-auth", async () => ({ AuthError: (await import("./mocks")).MockAuthError }));
vi.mock("@/lib/auth/config", async () => {
  const { mockState, RedirectSignal, MockAuthError } = await import("./mocks");
  return {
    auth: async () => null,
    handlers: {},
    // Every well-formed sign-in reaches next-auth, which here answers "wrong password".
    signIn: async (...args: unknown[]) => {
      mockState.signIns.push(args);
      throw new MockAuthError("CredentialsSignin");
    },
    signOut: async (options: { redirectTo?: string }) => {
      throw new RedirectSignal(options.redirectTo ?? "/");
    },
  };
});

const modules = await Promise.all(actionModules().map(async (file) => (await import(join(root, file))) as Record<string, unknown>));
const actions = new Map(modules.flatMap((m) => Object.entries(m)));

// --- the expectation table: input × field kind -----------------------------------------------
// `outcomes`: the answers that are right. `stored`: for an accepted text, the exact value that
// must now be in the database.
type Expectation = { outcomes: Outcome[]; stored?: string; neverStored?: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const refused: Expectation = { outcomes: ["invalid"] };

// Inputs that hide characters or change the reading direction: refused in names and titles
// (and a test patient's label and identifier), stored literally in free text. Listed by name,
// not by the product's own pattern, so the table says what is right independently.
const hiddenCharacterInputs = new Set([
  "NUL byte",
  "RTL override U+202E",
  "zero-width space U+200B",
  "zero-width non-joiner U+200C",
  "zero-width joiner U+200D outside an emoji",
  "word joiner U+2060",
  "byte-order mark U+FEFF",
  "left-to-right mark U+200E",
  "right-to-left isolate U+2067 … U+2069",
  "line separator U+2028",
  "Hangul filler U+3164 (renders blank)",
  "CR LF inside",
]);
const accepted: Expectation = { outcomes: ["ok"] };

// `vendorStaff`: the submitting role serves every customer, so another organization's id is a
// record it may legitimately reach (the matrix covers customer IT's view of it).
export function expectation(kind: FieldKind, input: BadInput, vendorStaff: boolean): Expectation {
  const { value } = input;
  const reachable = vendorStaff && input.name === "another organization's UUID";
  if (Array.isArray(value)) {
    // A field sent twice: a list where one value is expected is refused; a checkbox reads it
    // as unticked; sign-in reads the first value.
    if (kind.kind === "checkbox") return accepted;
    if (kind.kind === "enumList") return refused; // "first"/"second" are not choices
    if (kind.kind === "password" || kind.kind === "redirectPath") return { outcomes: ["unauthenticated"] };
    return refused;
  }
  const blank = value.trim() === "";
  switch (kind.kind) {
    case "text":
      if (value.includes("\u0000") || value.length > kind.max) return refused;
      if (kind.required && blank) return refused;
      return blank ? accepted : { outcomes: ["ok"], stored: value.trim() };
    case "id":
      // A well-formed id that names nothing of the right kind is "not found" or a field error.
      // A record the role may reach is checked against the version or digest the form carries
      // for another record, so it may also be a conflict (the go/no-go's gate digest).
      if (reachable) return { outcomes: ["ok", "not_found", "invalid", "conflict"] };
      return UUID.test(value) ? { outcomes: ["not_found", "invalid"] } : refused;
    case "optionalId":
      if (value === "") return accepted;
      if (reachable) return { outcomes: ["ok", "not_found", "invalid"] };
      return UUID.test(value) ? { outcomes: ["not_found", "invalid"] } : refused;
    case "enum":
      return kind.optional && value === "" ? accepted : refused;
    case "enumList":
      return value === "" ? accepted : refused;
    case "date":
      return kind.optional && blank ? accepted : refused;
    case "pastDateTime":
    case "dateTime":
      return refused;
    case "url":
      return kind.optional && blank ? accepted : refused;
    case "version":
      return kind.optional && value === "" ? accepted : refused;
    case "integer":
      return refused;
    case "optionalNumber":
      return blank ? accepted : refused;
    case "checkbox":
      return accepted; // anything but "on" is an unticked box
    case "email":
      return refused;
    case "password":
      return value === "" || value.includes("\u0000") || value.length > kind.max ? refused : { outcomes: ["unauthenticated"] };
    case "redirectPath":
      return { outcomes: ["unauthenticated"] };
    case "name":
    case "plainText": {
      // Raw length counts; then trimmed, it must be non-blank, hold nothing hidden, and (for a
      // test patient) not look like a real person's details (lib/registers/phi.ts). An emoji
      // drawn with zero-width joiners is visible, so it is a name like any other.
      if (value.length > kind.max || blank || hiddenCharacterInputs.has(input.name)) return refused;
      const trimmed = value.trim();
      if (kind.kind === "plainText" && kind.synthetic && detectPhi(trimmed)) return refused;
      // A strict field (a permission string) refuses every format character, emoji joiners too.
      if (kind.kind === "plainText" && kind.strict && /\p{Cf}/u.test(trimmed)) return refused;
      return { outcomes: ["ok"], stored: trimmed };
    }
    case "comment": {
      // Line breaks are a comment's own; every other hidden character is refused.
      if (value.length > kind.max || blank) return refused;
      if (hiddenCharacterInputs.has(input.name) && input.name !== "CR LF inside") return refused;
      return { outcomes: ["ok"], stored: value.trim() };
    }
    case "digest":
      return refused; // nothing in the corpus is 64 lowercase hex digits
    case "choiceList":
      return refused; // nothing in the corpus is one of the page's choices
    case "cellVersion":
      // A blank reads as 0, "never recorded": stale for a cell that has a result.
      return blank ? { outcomes: ["conflict"] } : refused;
    case "slug": {
      const trimmed = value.trim();
      return /^[a-z0-9][a-z0-9-]{1,62}$/.test(trimmed) ? { outcomes: ["ok"], stored: trimmed } : refused;
    }
    case "domainList":
      return blank ? accepted : refused; // nothing in the corpus is a domain name
    case "currentPassword":
      return refused; // not the caller's password: a field error
    case "newPassword":
      return refused; // one copy changed alone never matches the other
    case "linkToken":
      return refused; // nothing in the corpus is a live link's token
    case "reauthPassword":
      // Not needed after a recent sign-in, so any password that fits is ignored, never stored.
      return value.length > kind.max ? refused : accepted;
    case "tokenList":
      return blank ? accepted : refused;
    case "listQuery":
      // Nothing in the corpus is a parameter the list writes; blank is the unfiltered list.
      return blank ? accepted : refused;
    case "csvFile":
      return refused;
    case "endpoint":
      if (value.includes("\u0000") || value.length > kind.max) return refused;
      if (detectSecret(value.trim())) return refused;
      return blank ? accepted : { outcomes: ["ok"], stored: value.trim() };
    case "payload":
      // Reviewed whatever it holds (binary and garbage get findings); never stored.
      if (blank || Buffer.byteLength(value, "utf8") > kind.maxBytes) return refused;
      // (A UUID is already in the database as some row's id: nothing to learn from finding it.)
      return UUID.test(value.trim()) ? accepted : { outcomes: ["ok"], neverStored: value };
  }
}

// Which tables two checksums disagree on, with their row counts before → after.
function changedTables(before: string, after: string): string {
  const parse = (c: string) => new Map(c.split(" ").map((part) => [part.split(":")[0]!, part] as const));
  const a = parse(before);
  const b = parse(after);
  return [...a.keys()].filter((t) => a.get(t) !== b.get(t)).map((t) => `${a.get(t)!.split(":")[1]} → ${b.get(t)?.split(":")[1]} ${t}`).join(", ");
}

type Rows = Record<string, unknown>[];
const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? result : ((result as { rows: Rows }).rows ?? []));

// How many column values anywhere equal this text.
async function occurrences(value: string): Promise<number> {
  const tables = rowsOf(
    await getDb().execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  ).map((r) => String(r.table_name));
  const parts = tables.map((t) => sql`(select count(*)::int from ${sql.identifier(t)} x, jsonb_each_text(to_jsonb(x)) kv where kv.value = ${value})`);
  return Number(rowsOf(await getDb().execute(sql`select (${sql.join(parts, sql` + `)}) as n`))[0]!.n);
}

// Stored literally: in some column, or (for what only the audit trail keeps, such as a
// blocker's resolution) as a value in an audit event's "after".
async function storedSomewhere(value: string): Promise<boolean> {
  if ((await occurrences(value)) > 0) return true;
  const audit = await getDb().execute(
    sql`select count(*)::int as n from audit_events a, jsonb_each_text(coalesce(a.after, '{}'::jsonb)) kv where kv.value = ${value}`,
  );
  return Number(rowsOf(audit)[0]!.n) > 0;
}

let testDb: TestDatabase;
const viewers = {} as Record<Role, Viewer>;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
  for (const role of roles) viewers[role] = await sessionViewer(roleEmails[role]);
});
afterAll(() => testDb.drop());

type Target = { action: string; role: Role | null; extraRole?: Role; expectation?: (kind: FieldKind, input: BadInput) => Expectation; fields: Record<string, FieldKind>; base: (ctx: ReturnType<typeof fixtureContext>, as?: Role) => Promise<Fields> | Fields; prepare?: () => Promise<Record<string, string>> };

const corpusTargets: Target[] = [
  ...Object.entries(actionTable)
    .filter(([, spec]) => Object.keys(spec.fields).length > 0)
    .map(([action, spec]) => {
      const role = spec.corpusRole ?? "implementation_manager";
      return {
        action,
        role,
        // Extra fields are sent by the least privileged role that may make the call.
        extraRole: spec.expect.customer_it.own === "ok" ? ("customer_it" as const) : role,
        fields: spec.fields,
        base: (ctx: ReturnType<typeof fixtureContext>, as: Role = role) => spec.input(as, "own", ctx),
        prepare: spec.prepare ? () => spec.prepare!({ viewers }) : undefined,
      };
    }),
  // Pre-authentication requests by e-mail: answered alike for every address, so a valid one is "ok".
  ...(["requestPasswordResetAction", "requestSignInLinkAction"] as const).map((action) => ({
    action,
    role: null,
    fields: { email: { kind: "email" } } as Record<string, FieldKind>,
    base: () => ({ email: "it@riverbend.example" }),
  })),
  // Links from a mail: nothing in the corpus is a live link's token, so each is refused.
  ...(["acceptInvitationAction", "resetPasswordAction"] as const).map((action) => ({
    action,
    role: null,
    fields: { token: { kind: "linkToken" }, password: { kind: "newPassword" }, confirmPassword: { kind: "newPassword" } } as Record<string, FieldKind>,
    base: () => ({ token: "A".repeat(43), password: "a synthetic corpus passphrase 7", confirmPassword: "a synthetic corpus passphrase 7" }),
  })),
  {
    action: "signInWithLinkAction",
    role: null,
    fields: { token: { kind: "linkToken" } } as Record<string, FieldKind>,
    base: () => ({ token: "A".repeat(43) }),
  },
  {
    // The first-admin setup works only while no admin exists; the demo has admins, so every
    // submission, well-formed names included, is refused with a message and writes nothing.
    action: "completeSetupAction",
    role: null,
    fields: {
      token: { kind: "linkToken" },
      organizationName: { kind: "text", max: 200, required: true },
      name: { kind: "text", max: 200, required: true },
      email: { kind: "email" },
      password: { kind: "newPassword" },
      confirmPassword: { kind: "newPassword" },
    } as Record<string, FieldKind>,
    base: () => ({
      token: "A".repeat(43),
      organizationName: "Corpus Integrations (synthetic)",
      name: "Corpus Admin (synthetic)",
      email: "corpus.admin@vendor.example",
      password: "a synthetic corpus passphrase 7",
      confirmPassword: "a synthetic corpus passphrase 7",
    }),
    expectation: () => refused,
  },
  {
    action: "signInAction",
    role: null,
    fields: signInFields,
    base: () => ({ email: "it@riverbend.example", password: "not-the-password", callbackUrl: "/" }),
  },
];

const fieldCount = corpusTargets.reduce((n, t) => n + Object.keys(t.fields).length, 0);

// A wrong current password counts against the account like a failed sign-in (the throttle's
// whole purpose), so that one table may change when a password field is refused.
async function run(target: Target, fields: Fields, kind?: FieldKind): Promise<{ answer: Invocation; before: string; after: () => Promise<string> }> {
  const except = kind?.kind === "currentPassword" ? ["sign_in_throttles"] : [];
  const before = await checksum(except);
  // Signed in a moment ago at every call: the corpus runs for many minutes, longer than the
  // recent sign-in that signing needs (SIGN_OFF_REAUTH_MINUTES).
  const viewer = target.role ? viewers[target.role] : null;
  mockState.viewer = viewer ? { ...viewer, session: { id: viewer.session?.id ?? null, signedInAt: new Date() } } : null;
  mockState.signIns = [];
  const answer = await invokeForm(actions.get(target.action), fields).finally(() => {
    mockState.viewer = null;
  });
  return { answer, before, after: () => checksum(except) };
}

describe(`bad input: ${badInputs.length} inputs × ${fieldCount} fields of ${corpusTargets.length} actions = ${badInputs.length * fieldCount} cases`, () => {
  it("covers RELIABILITY.md's list with at least 30 inputs", () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(30);
    expect(new Set(badInputs.map((i) => i.name)).size).toBe(badInputs.length);
  });

  it("declares every field each action's valid input sends", async () => {
    for (const target of corpusTargets) {
      await isolated(testDb.handle, async () => {
        const prepared = target.prepare ? await target.prepare() : {};
        const base = await target.base(fixtureContext(viewers, prepared));
        expect(Object.keys(base).sort(), target.action).toEqual(Object.keys(target.fields).sort());
      });
    }
  });

  const cases = corpusTargets.flatMap((target) => Object.entries(target.fields).map(([field, kind]) => ({ target, field, kind })));
  it.for(cases.map((c) => ({ ...c, label: `${c.target.action}.${c.field} (${c.kind.kind})` })))(
    "$label",
    // A password field checks each input with bcrypt (a quarter second, more on a busy machine),
    // and every case takes two checksums of the whole database: on a loaded CI machine a field
    // can take minutes. The limit only stops a hung test; it is not a speed requirement.
    { timeout: 600_000 },
    async ({ target, field, kind }, { signal }) => {
      const problems: string[] = [];
      for (const input of badInputs) {
        // Timed out: stop here rather than run on beside the next test (see isolated()).
        if (signal.aborted) return;
        const expected = target.expectation?.(kind, input) ?? expectation(kind, input, target.role !== null && target.role !== "customer_it");
        await isolated(testDb.handle, async () => {
          const prepared = target.prepare ? await target.prepare() : {};
          const base = await target.base(fixtureContext(viewers, prepared));
          const { answer, before, after } = await run(target, { ...base, [field]: input.value }, kind);
          const where = `${input.name}: got ${answer.outcome}`;
          if (answer.outcome === "threw" || answer.outcome === "unexpected") {
            problems.push(`${where} (${String(answer.error ?? JSON.stringify(answer.result))})`);
            return;
          }
          if (!expected.outcomes.includes(answer.outcome)) {
            problems.push(`${where}, expected ${expected.outcomes.join(" or ")} ${JSON.stringify(answer.result).slice(0, 200)}`);
          }
          if (answer.outcome === "invalid") {
            // A clear message next to the field — or, for a field error the DAL finds, a message.
            const messages = answer.result && !answer.result.ok ? answer.result.fieldErrors?.[field] : undefined;
            if (!messages?.length && !(answer.result && !answer.result.ok && answer.result.message)) problems.push(`${where} without a message`);
            if (answer.result && !answer.result.ok && JSON.stringify(answer.result).includes(String(input.value).slice(0, 40)) && String(input.value).length > 3) {
              problems.push(`${input.name}: the answer echoes the input back`);
            }
          }
          if (answer.outcome !== "ok") {
            const now = await after();
            if (now !== before) problems.push(`${input.name}: refused, but the database changed (${changedTables(before, now)})`);
          } else if (expected.stored !== undefined && !(await storedSomewhere(expected.stored))) {
            problems.push(`${input.name}: accepted, but not stored literally`);
          } else if (expected.neverStored !== undefined && expected.neverStored.trim().length > 3 && !expected.neverStored.includes("\u0000") && (await storedSomewhere(expected.neverStored))) {
            problems.push(`${input.name}: a raw payload was stored`);
          }
          if (target.action === "signInAction" && answer.outcome === "unauthenticated") {
            const redirectTo = (mockState.signIns.at(-1)?.[1] as { redirectTo?: string } | undefined)?.redirectTo ?? "";
            if (!redirectTo.startsWith("/") || redirectTo.startsWith("//")) problems.push(`${input.name}: sign-in would redirect to ${redirectTo}`);
          }
        });
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(corpusTargets.filter((t) => t.role).map((t) => [t.action, t] as const))(
    "%s ignores extra role / organization / user fields",
    async (_label, target) => {
      const answers: Outcome[] = [];
      for (const extra of [{}, extraFields]) {
        await isolated(testDb.handle, async () => {
          const prepared = target.prepare ? await target.prepare() : {};
          const as = target.extraRole ?? target.role!;
          const base = await target.base(fixtureContext(viewers, prepared), as);
          const marks = await occurrences(extraFieldMarker);
          const { answer } = await run({ ...target, role: as }, { ...base, ...extra });
          answers.push(answer.outcome as Outcome);
          expect(await occurrences(extraFieldMarker), "a client-sent organization id was stored").toBe(marks);
          expect(viewers.customer_it.role).toBe("customer_it");
        });
      }
      expect(answers[1]).toBe(answers[0]);
      expect(answers[0]).toBe("ok");
    },
  );
});
