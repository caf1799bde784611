import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openPostgres, setDatabaseHandle, type DatabaseHandle } from "@/db";
import { auditEvents, checklistItems, implementations, signOffs, users } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, demoViewer, type TestDatabase } from "@/db/testing";
import type { ActionResult } from "@/lib/actions/result";
import { getSignOffPanel } from "@/lib/dal/sign-offs";
import { itemEditForm } from "@/test/fixtures/forms";
import { ids, toFormData, type Fields } from "./action-table";
import { mockState, tokenScope, type MockToken } from "./mocks";

// Concurrency (RELIABILITY.md): 50 clients edit one item at once. Exactly one wins per
// version, the others are told who changed it; clients that retry on conflict all land, in
// some order, with nothing lost. On PostgreSQL (DATABASE_URL set, as `.ci/run` does) each
// client has its own connection; on PGlite, which has one connection, the same calls are
// interleaved rather than parallel, which still checks the version logic.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "security-concurrency-1" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// The sign-off actions' module also holds the SSO re-authentication redirect; next-auth is not
// loadable outside Next's bundler and is not used by the calls here.
vi.mock("@/lib/auth/config", () => ({ auth: async () => null, handlers: {}, signIn: async () => {}, signOut: async () => {} }));
vi.mock("@/lib/auth/session-viewer", async () => {
  const { mockState, tokenScope } = await import("./mocks");
  // With a session token in scope, resolve it as lib/auth/session-viewer.ts does; otherwise the fixed viewer.
  const getViewer = async () => {
    const token = tokenScope.getStore();
    if (!token) return mockState.viewer;
    const { loadViewer } = await import("@/lib/dal/users");
    const viewer = await loadViewer(token.userId, token.sessionVersion);
    return viewer && { ...viewer, session: { id: token.sessionId, signedInAt: token.signedInAt } };
  };
  return { getViewer, requireViewer: getViewer };
});

const { updateItemAction } = await import("@/app/(app)/implementations/[id]/items/[itemId]/actions");
const { updateImplementationAction } = await import("@/app/(app)/implementations/[id]/edit/actions");
const { signOffItemAction } = await import("@/app/(app)/implementations/[id]/items/[itemId]/actions");

const CLIENTS = 50;
// Retrying clients make ~n²/2 attempts; on PGlite, where they cannot run in parallel anyway,
// a dozen checks the same logic in seconds.
const RETRYING_CLIENTS = process.env.DATABASE_URL ? CLIENTS : 12;
let testDb: TestDatabase;
let pool: DatabaseHandle;
const realPostgres = () => Boolean(testDb.url);

beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
  mockState.viewer = await demoViewer("manager@vendor.example");
  // One connection per client, beyond the app's usual pool.
  pool = testDb.url ? openPostgres(testDb.url, CLIENTS + 5) : testDb.handle;
  setDatabaseHandle(pool);
});
afterAll(async () => {
  mockState.viewer = null;
  if (pool !== testDb.handle) await pool.close();
  await testDb.drop();
});

type FormAction = (previous: null, form: FormData) => Promise<ActionResult<unknown>>;

async function itemRow(id: string) {
  const [row] = await pool.db.select().from(checklistItems).where(eq(checklistItems.id, id));
  return row!;
}
async function auditsFor(entityId: string) {
  const [row] = await pool.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, entityId));
  return row!.n;
}
const itemForm = (row: typeof checklistItems.$inferSelect, changes: Fields): Fields => itemEditForm(row, changes);

describe(`${CLIENTS} clients editing one record at once`, () => {
  it(`item: exactly one of ${CLIENTS} edits of the same version wins, the rest get a conflict naming who`, async () => {
    const id = ids.riverbendItem("support-readiness");
    const start = await itemRow(id);
    const audits = await auditsFor(id);
    const results = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => (updateItemAction as FormAction)(null, toFormData(itemForm(start, { nextStep: `client ${i}` })))),
    );
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners, realPostgres() ? "on PostgreSQL, 50 connections" : "on PGlite, interleaved").toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r).toMatchObject({ ok: false, code: "conflict", message: expect.stringMatching(/^Maya Okafor changed this item at .* UTC/) });
    }
    const end = await itemRow(id);
    expect(end.version).toBe(start.version + 1);
    expect(end.nextStep).toBe(`client ${winners[0]}`);
    expect(await auditsFor(id)).toBe(audits + 1);
  });

  it(`implementation: exactly one of ${CLIENTS} edits of the same version wins`, async () => {
    const [start] = await pool.db.select().from(implementations).where(eq(implementations.id, ids.riverbendImpl));
    const form = (i: number): Fields => ({
      implementationId: start!.id,
      version: String(start!.version),
      status: start!.status,
      name: `Appointment sync (edit ${i})`,
      ehrVendor: start!.ehrVendor,
      workflows: start!.workflows,
      interfaces: start!.interfaces,
      phase: start!.phase,
      goLiveDate: start!.goLiveDate ?? "",
      implementationManagerId: start!.implementationManagerId ?? "",
      engineeringOwnerId: start!.engineeringOwnerId ?? "",
      freshnessWindowDays: String(start!.freshnessWindowDays),
    });
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => (updateImplementationAction as FormAction)(null, toFormData(form(i)))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "conflict")).toHaveLength(CLIENTS - 1);
    const [end] = await pool.db.select().from(implementations).where(eq(implementations.id, start!.id));
    expect(end!.version).toBe(start!.version + 1);
  });

  it(`no lost update: ${RETRYING_CLIENTS} clients that reload and retry on conflict all land`, async () => {
    const id = ids.riverbendItem("monitoring-setup");
    const start = await itemRow(id);
    const audits = await auditsFor(id);
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: RETRYING_CLIENTS }, async (_, i) => {
        for (let attempt = 0; attempt < RETRYING_CLIENTS * 4; attempt++) {
          const current = await itemRow(id);
          const result = await (updateItemAction as FormAction)(null, toFormData(itemForm(current, { whatChanged: `${current.whatChanged}[${i}]` })));
          if (result.ok) return;
          expect(result).toMatchObject({ code: "conflict" });
          conflicts++;
        }
        throw new Error(`client ${i} never landed its edit`);
      }),
    );
    const end = await itemRow(id);
    expect(end.version).toBe(start.version + RETRYING_CLIENTS);
    for (let i = 0; i < RETRYING_CLIENTS; i++) expect(end.whatChanged).toContain(`[${i}]`);
    expect(end.whatChanged.match(/\[\d+\]/g)).toHaveLength(RETRYING_CLIENTS);
    expect(await auditsFor(id)).toBe(audits + RETRYING_CLIENTS);
    // Every retry was a refused stale write; each audit event records one landed edit.
    const [landed] = await pool.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "checklist_item.updated")));
    expect(landed!.n).toBe(audits + RETRYING_CLIENTS);
    expect(conflicts, "the clients did race").toBeGreaterThan(0);
  });
});

// Sign-offs (issue 4): "50 parallel sign-offs leave one" (RELIABILITY.md, Concurrency), through
// the server action, each call with its own signed-in session as a browser would send it.
async function tokenFor(email: string): Promise<MockToken> {
  const [user] = await pool.db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.email, email));
  return { userId: user!.id, sessionVersion: user!.sessionVersion, sessionId: randomUUID(), signedInAt: new Date() };
}
const as = <T>(token: MockToken, call: () => Promise<T>) => tokenScope.run(token, call);

// What the signer's page shows: the item's version and the digest of its snapshot.
async function signingForm(token: MockToken, itemId: string, changes: Fields = {}): Promise<Fields> {
  const viewer = (await as(token, async () => (await import("@/lib/auth/session-viewer")).getViewer()))!;
  const item = await itemRow(itemId);
  const panel = await getSignOffPanel(viewer, item.implementationId, itemId);
  return { itemId, itemVersion: String(item.version), snapshotDigest: panel.signing.snapshotDigest, decision: "approve", comment: "", password: "", ...changes };
}
const sign = (token: MockToken, form: Fields) => as(token, () => (signOffItemAction as FormAction)(null, toFormData(form)));
async function signOffsOf(itemId: string) {
  return pool.db.select().from(signOffs).where(eq(signOffs.checklistItemId, itemId));
}

// Where the count is reported, say how parallel it was: PGlite has one connection, so there the
// calls interleave on it; only on PostgreSQL does each client have a connection of its own.
const RACE_MODE = process.env.DATABASE_URL ? "each on its own PostgreSQL connection" : "interleaved on one PGlite connection; set DATABASE_URL for real parallelism";

describe(`${CLIENTS} parallel sign-offs (issue 4; ${RACE_MODE})`, () => {
  it(`${CLIENTS} parallel sign-offs of one item version for one role leave exactly one sign-off (${RACE_MODE})`, async () => {
    // Epic client IDs waits for engineering and customer IT; Riverbend has two customer IT users.
    const itemId = ids.riverbendItem("epic-client-ids");
    const signers = [await tokenFor("it@riverbend.example"), await tokenFor("it2@riverbend.example")];
    const start = await itemRow(itemId);
    expect(start.status).toBe("ready_for_signoff");
    const before = (await signOffsOf(itemId)).length;
    const form = await signingForm(signers[0]!, itemId);
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => sign(signers[i % 2]!, form)));
    expect(results.filter((r) => r.ok), realPostgres() ? "on PostgreSQL, 50 connections" : "on PGlite, interleaved").toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, code: "conflict" });
    const rows = (await signOffsOf(itemId)).filter((r) => r.signerRole === "customer_it" && r.itemVersion === start.version);
    expect(rows).toHaveLength(1);
    expect((await signOffsOf(itemId)).length).toBe(before + 1);
    // Engineering has not signed yet: the item still waits, at the same version.
    expect(await itemRow(itemId)).toMatchObject({ status: "ready_for_signoff", version: start.version });
  });

  it("a sign-off replayed after an edit, a waiver's revocation, a sign-out or the signer's disabling is refused", async () => {
    // Non-production testing waits for engineering and the implementation manager.
    const itemId = ids.riverbendItem("non-production-testing");
    const erin = await tokenFor("engineer@vendor.example");
    const maya = await tokenFor("manager@vendor.example");
    const count = async () => (await signOffsOf(itemId)).length;
    const edit = async (changes: Fields) => {
      const result = await as(maya, async () => (updateItemAction as FormAction)(null, toFormData(itemForm(await itemRow(itemId), changes))));
      expect(result.ok, JSON.stringify(result)).toBe(true);
    };

    // After an edit: the version the signer reviewed is gone.
    const reviewed = await signingForm(erin, itemId);
    await edit({ nextStep: "Collect sign-offs (edited)" });
    const signed = await count();
    expect(await sign(erin, reviewed)).toMatchObject({ ok: false, code: "conflict", message: expect.stringMatching(/You reviewed version \d+/) });
    expect(await count()).toBe(signed);

    // After a waiver is granted and revoked: the item moved on twice.
    const beforeWaiver = await signingForm(erin, itemId);
    const item = await itemRow(itemId);
    await as(maya, async () => {
      const { waiveItem, revokeWaiver } = await import("@/lib/dal/sign-offs");
      const viewer = (await (await import("@/lib/auth/session-viewer")).getViewer())!;
      const expiresOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      const { version } = await waiveItem(viewer, { itemId, version: item.version, reason: "Pilot clinic only", approverName: "Maya Okafor", expiresOn });
      await revokeWaiver(viewer, { itemId, version, reason: "Full rollout after all" });
    });
    expect(await sign(erin, beforeWaiver)).toMatchObject({ ok: false, code: "conflict" });
    expect(await count()).toBe(signed);

    // After a sign-out: every session of the signer ended, so the old token names nobody. The
    // same form from a new sign-in goes through, so the refusal was the sign-out's doing.
    await edit({ status: "ready_for_signoff" });
    const ready = await signingForm(erin, itemId);
    await as(erin, async () => {
      const { endSession } = await import("@/lib/dal/users");
      await endSession((await (await import("@/lib/auth/session-viewer")).getViewer())!);
    });
    expect(await sign(erin, ready)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await count()).toBe(signed);
    expect(await sign(await tokenFor("engineer@vendor.example"), ready)).toMatchObject({ ok: true });
    expect(await count()).toBe(signed + 1);

    // After the signer is disabled (access revoked by an admin): refused; once re-enabled, accepted.
    const mayaForm = await signingForm(maya, itemId);
    await pool.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, maya.userId));
    expect(await sign(maya, mayaForm)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await count()).toBe(signed + 1);
    await pool.db.update(users).set({ disabledAt: null }).where(eq(users.id, maya.userId));
    expect(await sign(maya, mayaForm)).toMatchObject({ ok: true });
    expect(await itemRow(itemId)).toMatchObject({ status: "signed_off" });
  });
});
