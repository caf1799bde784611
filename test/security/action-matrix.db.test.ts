import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/domain/viewer";
import {
  actionModules,
  actionTable,
  auditCount,
  checksum,
  fixtureContext,
  invokeForm,
  isolated,
  roleEmails,
  sessionViewer,
  roles,
  root,
  routeHandlers,
  routeTable,
  specialActions,
  specialRoutes,
  targets,
  type Invocation,
  type Role,
  type Target,
} from "./action-table";
import { mockState, RedirectSignal } from "./mocks";

// The authorization matrix (RELIABILITY.md, "Framework boundary"): every server action and
// every route handler × every role × own organization / other organization / missing id /
// malformed id, plus signed out. Each case runs in a transaction that is rolled back, and a
// refused case must leave every table's rows exactly as they were.

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "security-matrix-0001" }),
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
vi.mock("next/server", async (original) => ({ ...(await original<object>()), connection: async () => {} }));
vi.mock("@/lib/auth/session-viewer", async () => {
  const { mockState, RedirectSignal } = await import("./mocks");
  return {
    getViewer: async () => mockState.viewer,
    requireViewer: async () => {
      if (!mockState.viewer) throw new RedirectSignal("/sign-in");
      return mockState.viewer;
    },
  };
});
// next-auth is not loadable outside Next's bundler; the sign-in action only needs its AuthError.
vi.mock("next-auth", async () => ({ AuthError: (await import("./mocks")).MockAuthError }));
vi.mock("@/lib/auth/config", async () => {
  const { mockState, RedirectSignal, MockAuthError } = await import("./mocks");
  return {
    auth: async () => null,
    handlers: {},
    // Credentials answer "wrong password"; the OIDC provider redirects to its sign-in page.
    signIn: async (...args: unknown[]) => {
      mockState.signIns.push(args);
      if (args[0] === "oidc") throw new RedirectSignal("https://idp.example/authorize");
      throw new MockAuthError("CredentialsSignin");
    },
    signOut: async (options: { redirectTo?: string }) => {
      mockState.signOuts.push(options);
      throw new RedirectSignal(options.redirectTo ?? "/");
    },
  };
});

// Discovered at collection time, so a new actions.ts or route.ts shows up without editing this file.
const modules = Object.fromEntries(
  await Promise.all(actionModules().map(async (file) => [file, (await import(join(root, file))) as Record<string, unknown>] as const)),
);
const exported = Object.entries(modules).flatMap(([file, mod]) => Object.keys(mod).map((name) => ({ file, name, fn: mod[name] })));
const actionByName = new Map(exported.map((e) => [e.name, e.fn]));
const routes = routeHandlers();
const routeModules = Object.fromEntries(
  await Promise.all(routes.map(async (r) => [r.route, (await import(join(root, r.file))) as Record<string, unknown>] as const)),
);

const applicable = (notApplicable: Partial<Record<Target, string>> | undefined) => targets.filter((t) => !notApplicable?.[t]);

const actionCases = Object.entries(actionTable).flatMap(([name, spec]) => [
  ...roles.flatMap((role) => applicable(spec.notApplicable).map((target) => ({ name, spec, role: role as Role | null, target, expected: spec.expect[role][target] }))),
  { name, spec, role: null, target: "own" as Target, expected: spec.unauthenticated },
]);
const routeCases = Object.entries(routeTable).flatMap(([route, spec]) =>
  Object.entries(spec.methods).flatMap(([method, m]) => [
    ...roles.flatMap((role) => applicable(m!.notApplicable).map((target) => ({ route, method, m: m!, role: role as Role | null, target, expected: m!.expect[role][target] }))),
    { route, method, m: m!, role: null, target: "own" as Target, expected: m!.unauthenticated },
  ]),
);

let testDb: TestDatabase;
const viewers = {} as Record<Role, Viewer>;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
  for (const role of roles) viewers[role] = await sessionViewer(roleEmails[role]);
});
afterAll(() => testDb.drop());

describe("the table lists every server action and route handler", () => {
  it("has an entry for every export of every app/**/actions.ts", () => {
    expect(exported.length, "no actions discovered: is the glob right?").toBeGreaterThan(0);
    const unlisted = exported.filter((e) => !(e.name in actionTable) && !(e.name in specialActions)).map((e) => `${e.file}#${e.name}`);
    expect(unlisted, "add these to actionTable in test/security/action-table.ts (or specialActions, with the reason)").toEqual([]);
  });

  it("lists no action that no longer exists, and no export name twice", () => {
    const names = exported.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i), "two actions.ts export the same name").toEqual([]);
    expect([...Object.keys(actionTable), ...Object.keys(specialActions)].filter((n) => !actionByName.has(n))).toEqual([]);
  });

  it("gives every role an outcome for every target, or says why a target does not apply", () => {
    for (const [name, spec] of Object.entries(actionTable)) {
      for (const role of roles) {
        expect(Object.keys(spec.expect[role]).sort(), `${name} × ${role}`).toEqual([...applicable(spec.notApplicable)].sort());
      }
    }
  });

  it("answers customer IT the same for another organization's record as for a missing one", () => {
    for (const [name, spec] of Object.entries(actionTable)) {
      const row = spec.expect.customer_it;
      if (row.other && row.missing) expect(row.other, name).toBe(row.missing);
    }
    for (const [route, spec] of Object.entries(routeTable)) {
      for (const m of Object.values(spec.methods)) {
        const row = m!.expect.customer_it;
        if (row.other && row.missing) expect(row.other, route).toBe(row.missing);
      }
    }
  });

  it("has an entry for every method of every app/**/route.ts", () => {
    const unlisted = routes.flatMap((r) =>
      r.route in specialRoutes ? [] : r.methods.filter((m) => !routeTable[r.route]?.methods[m]).map((m) => `${m} ${r.file}`),
    );
    expect(unlisted, "add these to routeTable in test/security/action-table.ts (or specialRoutes, with the reason)").toEqual([]);
    const known = new Set(routes.flatMap((r) => r.methods.map((m) => `${m} ${r.route}`)));
    const stale = Object.entries(routeTable).flatMap(([route, spec]) => Object.keys(spec.methods).map((m) => `${m} ${route}`)).filter((k) => !known.has(k));
    expect(stale).toEqual([]);
    expect(Object.keys(specialRoutes).filter((r) => !routes.some((d) => d.route === r))).toEqual([]);
  });
});

async function invokeAction(name: string, call: "form" | "none", fields: Record<string, string | string[]>): Promise<Invocation> {
  const fn = actionByName.get(name);
  if (call === "form") return invokeForm(fn, fields);
  mockState.signOuts = [];
  try {
    await (fn as () => Promise<void>)();
    return { outcome: "ok" };
  } catch (error) {
    if (error instanceof RedirectSignal) {
      // Sign-out says when other sessions could not be ended; that is not a clean "ok".
      return { outcome: error.redirectTo === "/sign-in" ? "ok" : "unexpected" };
    }
    return { outcome: "threw", error };
  }
}

describe(`authorization matrix: ${actionCases.length} server-action cases (${Object.keys(actionTable).length} actions × ${roles.length} roles × own / other organization / missing / malformed id, and signed out)`, () => {
  it.each(actionCases.map((c) => [`${c.name} × ${c.role ?? "signed out"} × ${c.target} → ${c.expected}`, c] as const))("%s", async (_label, c) => {
    await isolated(testDb.handle, async () => {
      const prepared = c.spec.prepare ? await c.spec.prepare({ viewers }) : {};
      const fields = await c.spec.input(c.role ?? "implementation_manager", c.target, fixtureContext(viewers, prepared));
      const before = await checksum();
      const audits = await auditCount();
      mockState.viewer = c.role ? viewers[c.role] : null;
      const answer = await invokeAction(c.name, c.spec.call, fields).finally(() => {
        mockState.viewer = null;
      });
      expect(answer.error, "the action threw instead of answering").toBeUndefined();
      expect(answer.outcome, JSON.stringify(answer.result)).toBe(c.expected);
      if (answer.outcome === "ok" && c.role && c.spec.audited !== false) {
        expect(await auditCount(), "a write without its audit event").toBeGreaterThan(audits);
        // The checksum sees writes, so its being equal after a refusal means something.
        expect(await checksum()).not.toBe(before);
      } else if (answer.outcome !== "ok" || !c.role) {
        expect(await checksum(), "a refused call changed the database").toBe(before);
      }
    });
  });
});

describe(`authorization matrix: ${routeCases.length} route-handler cases`, () => {
  it.each(routeCases.map((c) => [`${c.method} /${c.route} × ${c.role ?? "signed out"} × ${c.target} → ${c.expected}`, c] as const))("%s", async (_label, c) => {
    await isolated(testDb.handle, async () => {
      const params = c.m.params(c.target);
      const path = c.route.replace(/\[(\w+)\]/g, (_m, key: string) => params[key] ?? key);
      const before = await checksum();
      mockState.viewer = c.role ? viewers[c.role] : null;
      const handler = routeModules[c.route]![c.method] as (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
      const response = await handler(new Request(`http://localhost/${path}`, { method: c.method }), { params: Promise.resolve(params) }).finally(() => {
        mockState.viewer = null;
      });
      expect(response.status).toBe(c.expected);
      if (response.status === 404 || response.status === 401) {
        // Nothing of the record leaks in a refusal.
        expect(await response.text()).not.toMatch(/items|name/);
      }
      expect(await checksum(), "a read changed the database").toBe(before);
    });
  });
});

// Every `'use server'` export is a public POST endpoint: a crafted request can pass any
// arguments, not just what the form sends. None of these may throw (a 500) or write.
const craftedArguments: [string, unknown[]][] = [
  ["no arguments", []],
  ["a string instead of the form", [null, "itemId=x"]],
  ["a plain object instead of the form", [null, { role: "admin", itemId: "x" }]],
  ["numbers", [42, 42]],
  ["an array", [null, ["a", "b"]]],
];
describe(`crafted arguments: ${exported.length} exported actions × ${craftedArguments.length} argument shapes`, () => {
  it.each(exported.map((e) => [e.name, e] as const))("%s answers crafted arguments without throwing or writing", async (_label, e) => {
    for (const role of [null, "implementation_manager"] as const) {
      for (const [shape, args] of craftedArguments) {
        await isolated(testDb.handle, async () => {
          const before = await checksum();
          mockState.viewer = role ? viewers[role] : null;
          let outcome: string;
          try {
            const result = (await (e.fn as (...a: unknown[]) => Promise<{ ok: boolean; code?: string } | undefined>)(...args)) ?? { ok: true };
            outcome = result.ok ? "ok" : (result.code ?? "?");
          } catch (error) {
            outcome = error instanceof RedirectSignal ? `redirect ${error.redirectTo}` : `threw ${String(error)}`;
          } finally {
            mockState.viewer = null;
          }
          expect(outcome, `${e.name} with ${shape} as ${role ?? "signed out"}`).not.toMatch(/^threw|^unexpected/);
          // Sign-out legitimately ends the caller's sessions; nothing else may write.
          if (e.name !== "signOutAction") expect(await checksum(), `${e.name} with ${shape}`).toBe(before);
        });
      }
    }
  });
});
