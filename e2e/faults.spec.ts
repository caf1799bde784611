import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { chooseEvidence, seedId, signInThroughForm } from "./fixtures";

// Faults (RELIABILITY.md): the database goes away mid-run and comes back. The test starts a
// throwaway PostgreSQL cluster of its own (initdb/pg_ctl from /usr/lib/postgresql/*/bin, a
// temporary directory, a free port) and its own app server on it, writes through the app,
// stops the cluster with `-m immediate` (a crash) and starts it again. The app must answer a
// clear error page and a 503 health while it is down, lose nothing it acknowledged, write
// nothing half-done, and serve again without a restart.

const root = join(__dirname, "..");
const appPort = Number(process.env.E2E_PORT ?? 3100) + 95;
const appURL = `http://localhost:${appPort}`;

function postgresBin(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(base, v, "bin")).find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  return found ?? null;
}

// initdb refuses to run as root: run the server tools as the postgres user then.
const asRoot = process.getuid?.() === 0;
function pgTool(bin: string, tool: string, args: string[]) {
  const command = asRoot ? "runuser" : join(bin, tool);
  const argv = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
  const result = spawnSync(command, argv, { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function health(): Promise<number> {
  try {
    return (await fetch(`${appURL}/api/health`, { cache: "no-store" })).status;
  } catch {
    return 0;
  }
}

async function until(what: string, check: () => Promise<boolean>, limitMs = 60_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const bin = postgresBin();

test.describe("the database goes away and comes back", () => {
  test.skip(!bin, "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin: the fault test needs them to run a throwaway cluster");
  test.describe.configure({ mode: "serial", timeout: 240_000 });

  let dir = "";
  let dataDir = "";
  let dbPort = 0;
  let app: ChildProcess | undefined;
  let appLog = "";
  const clusterStart = () => pgTool(bin!, "pg_ctl", ["-D", dataDir, "-l", join(dir, "server.log"), "-o", `-p ${dbPort} -k ${dir} -c listen_addresses=127.0.0.1`, "-w", "start"]);
  const clusterCrash = () => pgTool(bin!, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
  const databaseUrl = () => `postgres://postgres@127.0.0.1:${dbPort}/postgres`;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "readyroom-faults-"));
    if (asRoot) {
      const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
      const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
      chownSync(dir, uid, gid);
    }
    dataDir = join(dir, "data");
    dbPort = await freePort();
    pgTool(bin!, "initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    clusterStart();

    app = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(appPort)], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(),
        DATABASE_POOL_MAX: "5",
        READYROOM_SEED_DEMO: "true",
        READYROOM_ALLOW_DEMO_ACCOUNTS: "true",
        // The throwaway cluster has one role, a superuser: said so explicitly (docs/database-roles.md).
        ALLOW_PRIVILEGED_DATABASE_USER: "true",
        READYROOM_DIST_DIR: ".next-e2e",
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUTH_OIDC_ISSUER: "",
        AUTH_OIDC_CLIENT_ID: "",
        AUTH_OIDC_CLIENT_SECRET: "",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    app.stdout?.on("data", (d) => (appLog += d));
    app.stderr?.on("data", (d) => (appLog += d));
    await until("the app on the throwaway cluster", async () => (await health()) === 200);
  });

  test.afterAll(async () => {
    if (app?.pid && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    try {
      pgTool(bin!, "pg_ctl", ["-D", dataDir, "-m", "immediate", "stop"]);
    } catch {
      // already stopped
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    // The app's log, for a failure's post-mortem.
    await test.info().attach("app.log", { body: appLog, contentType: "text/plain" }).catch(() => undefined);
    mkdirSync(join(root, "test-results"), { recursive: true });
    writeFileSync(join(root, "test-results", "faults-app.log"), appLog);
  });

  test("writes acknowledged before a crash survive it; the app serves again without a restart", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: appURL });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInThroughForm(page, "manager@vendor.example");
    await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();

    const itemId = seedId("item:riverbend-appointments:support-readiness");
    const itemPath = `/implementations/${seedId("impl:riverbend-appointments")}/items/${itemId}`;
    const evidenceForm = page.getByRole("form", { name: "Record evidence" });
    const evidenceList = page.getByRole("list", { name: "Evidence records" });
    const sql = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    const startVersion = (await sql<{ version: number }[]>`select version from checklist_items where id = ${itemId}`)[0]!.version;
    await sql.end();

    const acknowledged: string[] = [];
    const refused: string[] = [];
    const record = async (text: string) => {
      await chooseEvidence(evidenceForm);
      await evidenceForm.getByLabel("What was tested").fill(text);
      await evidenceForm.getByRole("button", { name: "Record evidence" }).click();
    };

    await page.goto(itemPath);
    for (let i = 1; i <= 3; i++) {
      const text = `Fault run: before the crash ${i}`;
      await record(text);
      await expect(evidenceList.getByText(text)).toBeVisible();
      acknowledged.push(text);
    }

    clusterCrash();

    // While it is down: the health check says so, a write is refused plainly and keeps the
    // input, and a page shows a clear error, not a stack trace.
    expect(await health()).toBe(503);
    const down = "Fault run: while the database is down";
    await record(down);
    await expect(page.getByText("Something went wrong on our side. Nothing was saved.").first()).toBeVisible();
    await expect(evidenceForm.getByLabel("What was tested")).toHaveValue(down);
    const downPage = await page.goto(itemPath);
    expect(downPage?.status(), "a page while the database is down").toBe(503);
    await expect(page.locator("body")).toContainText(/could not load|having trouble/);
    const errorPage = page.locator("body");
    await expect(errorPage).toContainText("Nothing you saved earlier is lost");
    await expect(errorPage).not.toContainText(/ECONNREFUSED|at .*\.js:\d+|postgres:\/\//);
    // A route handler says it too, as JSON with a 503 (an empty 500 before).
    const route = await page.request.get(`/api/implementations/${seedId("impl:riverbend-appointments")}/checklist`);
    expect(route.status()).toBe(503);
    expect(await route.json()).toMatchObject({ error: "unavailable" });

    clusterStart();
    await until("the health check to recover, without restarting the app", async () => (await health()) === 200);
    expect(app!.exitCode, "the app kept running").toBeNull();

    // The first page load after the health check recovers works: no pooled connection is left
    // wedged or holding an error from the crash (scripts/patch-postgres.mjs).
    await page.goto(itemPath);
    await expect(page.getByRole("heading", { level: 1, name: "Support readiness" })).toBeVisible();
    for (const text of acknowledged) await expect(evidenceList.getByText(text)).toBeVisible();
    refused.push(down);
    const after = "Fault run: after the database came back";
    await record(after);
    await expect(evidenceList.getByText(after)).toBeVisible();
    acknowledged.push(after);

    // In the database: every acknowledged write once, every refused one not at all, and each
    // evidence row with its audit event and its version bump (nothing half-done).
    const db = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    const rows = await db<{ id: string; what_was_tested: string }[]>`
      select id, what_was_tested from evidence where checklist_item_id = ${itemId} and what_was_tested like 'Fault run:%'`;
    const texts = rows.map((r) => r.what_was_tested).sort();
    expect(texts).toEqual([...acknowledged].sort());
    for (const text of refused) expect(texts).not.toContain(text);
    const [{ n: audited }] = await db<[{ n: number }]>`
      select count(*)::int as n from audit_events where action = 'evidence.recorded' and entity_id in ${db(rows.map((r) => r.id))}`;
    expect(audited).toBe(rows.length);
    const [{ version }] = await db<[{ version: number }]>`select version from checklist_items where id = ${itemId}`;
    expect(version).toBe(startVersion + rows.length);
    await db.end();
    await context.close();
  });

  // A write in flight at the moment of the crash. To be in flight for sure, the test holds the
  // item's row lock, so the app's transaction waits inside PostgreSQL on its `FOR UPDATE`; then
  // the cluster crashes. Unpatched, postgres.js wrote the transaction's ROLLBACK into the dead
  // connection (an uncaughtException) and this request could go unanswered for minutes.
  test("a write in flight when the database crashes is refused plainly, and not saved", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: appURL });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInThroughForm(page, "manager@vendor.example");
    await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
    const itemId = seedId("item:riverbend-appointments:support-readiness");
    const itemPath = `/implementations/${seedId("impl:riverbend-appointments")}/items/${itemId}`;
    const evidenceForm = page.getByRole("form", { name: "Record evidence" });
    await page.goto(itemPath);

    const holder = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    const probe = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const held = holder
      .begin(async (tx) => {
        await tx`select id from checklist_items where id = ${itemId} for update`;
        locked();
        await new Promise(() => {}); // held until the crash ends this connection
      })
      .catch(() => "ended by the crash");
    await lockTaken;

    const racing = "Fault run: in flight at the crash";
    await chooseEvidence(evidenceForm);
    await evidenceForm.getByLabel("What was tested").fill(racing);
    await evidenceForm.getByRole("button", { name: "Record evidence" }).click();
    await until("the app's write to wait on the row lock", async () => {
      const [{ n }] = await probe<[{ n: number }]>`
        select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`;
      return n > 0;
    }, 20_000);

    clusterCrash();
    await held;
    await Promise.all([holder.end({ timeout: 1 }), probe.end({ timeout: 1 })]);

    // The answer comes (default expect timeout), it says nothing was saved, the input is kept.
    await expect(page.getByText("Something went wrong on our side. Nothing was saved.").first()).toBeVisible();
    await expect(evidenceForm.getByLabel("What was tested")).toHaveValue(racing);

    clusterStart();
    await until("the health check to recover, without restarting the app", async () => (await health()) === 200);
    await page.goto(itemPath);
    await expect(page.getByRole("heading", { level: 1, name: "Support readiness" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Evidence records" }).getByText(racing)).toHaveCount(0);

    const db = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    const [{ n }] = await db<[{ n: number }]>`
      select count(*)::int as n from evidence where checklist_item_id = ${itemId} and what_was_tested = ${racing}`;
    expect(n, "the refused write is not in the database").toBe(0);
    await db.end();
    expect(app!.exitCode, "the app kept running").toBeNull();
    expect(appLog, "no uncaught exception from the driver").not.toMatch(/uncaughtException|Cannot read properties of null/);
    await context.close();
  });
});
