import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { seedId, signInThroughForm } from "./fixtures";

// The way Readyroom scales: two app processes (the production build) on one PostgreSQL behind
// a reverse proxy. The test makes a fresh database on the machine's PostgreSQL with the two
// roles of docs/database-roles.md (an owner that migrates, an app role that owns nothing),
// starts both instances at once, and routes each browser request to the instance its
// `instance` cookie names. It signs in through one and acts through the other, and checks that
// migrations ran once, each webhook delivery reached the receiver exactly once, and a write
// made through B shows on a live page served by A.

const root = join(__dirname, "..");
const base = Number(process.env.E2E_PORT ?? 3100);
// base+1 is the OIDC provider, base+2 the first-start server, base+3 and base+4 the SMTP receiver and its mailbox.
const ports = { a: base + 5, b: base + 6, proxy: base + 7 };
const proxyURL = `http://localhost:${ports.proxy}`;
const serverUrl = process.env.TWO_INSTANCES_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const suffix = randomBytes(4).toString("hex");
const names = { database: `readyroom_two_${suffix}`, owner: `readyroom_owner_${suffix}`, app: `readyroom_app_${suffix}` };

function roleUrl(role: string): string {
  const url = new URL(serverUrl);
  url.username = role;
  url.password = "";
  url.pathname = `/${names.database}`;
  return url.toString();
}

let apps: ChildProcess[] = [];
let proxy: Server;
let receiver: Server;
const received: string[] = [];
let logs = "";

async function until(what: string, check: () => Promise<boolean>, limitMs = 90_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}\n${logs.slice(-4000)}`);
}

function startInstance(name: "a" | "b", secret: string): ChildProcess {
  const child = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(ports[name]), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      READYROOM_DIST_DIR: ".next-e2e",
      DATABASE_URL: roleUrl(names.app),
      MIGRATION_DATABASE_URL: roleUrl(names.owner),
      DATABASE_POOL_MAX: "4",
      AUTH_SECRET: secret,
      AUTH_OIDC_ISSUER: "",
      AUTH_OIDC_CLIENT_ID: "",
      AUTH_OIDC_CLIENT_SECRET: "",
      // Synthetic demo accounts, seeded once by instance A.
      READYROOM_SEED_DEMO: name === "a" ? "true" : "false",
      READYROOM_ALLOW_DEMO_ACCOUNTS: "true",
      // The test's reverse proxy sets X-Forwarded-For and X-Forwarded-Host.
      TRUSTED_PROXY_COUNT: "1",
      // The test's webhook receiver listens on loopback: allowed here, explicitly, for this test only.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (logs += `[${name}] ${d}`));
  child.stderr?.on("data", (d) => (logs += `[${name}] ${d}`));
  return child;
}

test.describe("two instances on one PostgreSQL", () => {
  test.describe.configure({ timeout: 120_000 });

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await admin.unsafe(`CREATE ROLE "${names.owner}" LOGIN`);
      await admin.unsafe(`CREATE ROLE "${names.app}" LOGIN`);
      await admin.unsafe(`CREATE DATABASE "${names.database}" OWNER "${names.owner}"`);
    } finally {
      await admin.end();
    }

    receiver = createServer((req, res) => {
      received.push(String(req.headers["x-readyroom-delivery"] ?? "?"));
      req.resume();
      res.end("ok");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));

    // A few lines of reverse proxy: the `instance` cookie picks the upstream; it appends the
    // client's address to X-Forwarded-For and passes the Host on as X-Forwarded-Host.
    proxy = createServer((req, res) => {
      const which = /(?:^|;\s*)instance=b/.test(req.headers.cookie ?? "") ? "b" : "a";
      const headers = { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "", "x-forwarded-host": req.headers.host ?? "", "x-forwarded-proto": "http" };
      const upstream = httpRequest({ host: "127.0.0.1", port: ports[which], method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": which });
        answer.pipe(res);
      });
      upstream.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(ports.proxy, "127.0.0.1", resolve));

    const secret = randomBytes(32).toString("base64url");
    apps = [startInstance("a", secret), startInstance("b", secret)];
    for (const port of [ports.a, ports.b]) {
      await until(`the instance on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200);
    }
    const db = postgres(roleUrl(names.owner), { max: 1, onnotice: () => {} });
    await until("the demo seed", async () => (await db`select count(*)::int as n from users`)[0]!.n > 0);
    await db.end();
  });

  test.afterAll(async () => {
    for (const child of apps) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
    }
    proxy?.close();
    receiver?.close();
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
      await admin.unsafe(`DROP ROLE IF EXISTS "${names.app}"`);
      await admin.unsafe(`DROP ROLE IF EXISTS "${names.owner}"`);
    } finally {
      await admin.end();
    }
    await test.info().attach("instances.log", { body: logs, contentType: "text/plain" }).catch(() => undefined);
  });

  test("migrations ran once, as the owner; the app's role owns nothing and cannot rewrite the audit trail", async () => {
    const journal = JSON.parse(readFileSync(join(root, "db/migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const db = postgres(roleUrl(names.owner), { max: 1, onnotice: () => {} });
    try {
      const applied = await db<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
      expect(applied.length).toBe(journal.entries.length);
      expect(new Set(applied.map((r) => r.hash)).size).toBe(applied.length);
      const owners = await db<{ owner: string }[]>`
        select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`;
      expect(owners.map((o) => o.owner)).toEqual([names.owner]);
    } finally {
      await db.end();
    }
    const app = postgres(roleUrl(names.app), { max: 1, onnotice: () => {} });
    try {
      await expect(app`update audit_events set action = 'rewritten'`).rejects.toThrow(/permission denied/);
      await expect(app.unsafe("set session_replication_role = replica")).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    expect(logs).not.toContain("privileged_database_user");
  });

  test("both instances run the hypercare schedule on the job queue the owner installed", async () => {
    // Each instance logs hypercare.scheduler_started once its pg-boss runner is up.
    await until("both hypercare schedulers", async () => logs.split("hypercare.scheduler_started").length - 1 >= 2, 30_000);
    expect(logs).not.toMatch(/job_queue_failed|hypercare\.scheduler_failed|hypercare\.queue_error/);
    const db = postgres(roleUrl(names.owner), { max: 1, onnotice: () => {} });
    try {
      const owners = await db<{ owner: string }[]>`
        select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'pgboss' and c.relkind in ('r', 'p')`;
      expect(owners.map((o) => o.owner)).toEqual([names.owner]);
      expect(await db`select name from pgboss.queue`).toEqual([{ name: "hypercare-evaluate" }]);
    } finally {
      await db.end();
    }
  });

  test("signed in through A, acting through B: a write shows on A's live page, and each webhook delivery arrives once", async ({ browser }) => {
    const implPath = `/implementations/${seedId("impl:riverbend-appointments")}`;
    const context = await browser.newContext({ baseURL: proxyURL });
    await context.addCookies([{ name: "instance", value: "a", url: proxyURL }]);
    const page = await context.newPage();
    await page.goto("/sign-in");
    const signedIn = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/sign-in"));
    await signInThroughForm(page, "manager@vendor.example");
    expect((await signedIn).headers()["x-served-by"]).toBe("a");
    await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();

    // A watcher on instance A (its own browser, the same session cookie).
    const watcherContext = await browser.newContext({ baseURL: proxyURL, storageState: await context.storageState() });
    const watcher = await watcherContext.newPage();
    const watched = await watcher.goto(implPath);
    expect(watched?.headers()["x-served-by"]).toBe("a");
    await expect(watcher.getByRole("heading", { name: "Readiness checklist" })).toBeVisible();

    // Everything from here goes to instance B, with the session made by A.
    await context.addCookies([{ name: "instance", value: "b", url: proxyURL }]);
    const notifications = await page.goto(`${implPath}/notifications`);
    expect(notifications?.headers()["x-served-by"]).toBe("b");
    const form = page.getByRole("form", { name: "Webhook URL" });
    await form.getByLabel(/Receiver URL/).fill(`http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`);
    await form.getByRole("button", { name: "Create webhook" }).click();
    await expect(page.getByLabel("Signing secret", { exact: true })).toHaveText(/^whsec_/);
    const turnOn = page.getByRole("form", { name: "Turn notifications on" });
    if (await turnOn.count()) await turnOn.getByRole("button", { name: "Turn on" }).click();
    for (let i = 0; i < 4; i++) {
      await page.getByRole("button", { name: "Send a test" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Test queued" })).toBeVisible();
      await page.reload();
    }

    // A write through B shows on A's open page without a reload.
    await page.goto(`${implPath}/items/${seedId("item:riverbend-appointments:monitoring-setup")}`);
    const edit = page.getByRole("form", { name: "Edit item" });
    const nextStep = `Two instances: route alerts ${suffix}`;
    await edit.getByLabel("Next step").fill(nextStep);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(watcher.getByText(`Next: ${nextStep}`)).toBeVisible({ timeout: 15_000 });

    // Both instances run the delivery worker; each delivery reaches the receiver exactly once.
    const db = postgres(roleUrl(names.owner), { max: 1, onnotice: () => {} });
    try {
      await until("every delivery to be sent", async () => {
        const rows = await db<{ status: string }[]>`select status from webhook_deliveries`;
        return rows.length >= 4 && rows.every((r) => r.status === "delivered");
      }, 60_000);
      const deliveries = await db<{ id: string }[]>`select id from webhook_deliveries`;
      expect([...received].sort()).toEqual(deliveries.map((d) => d.id).sort());
    } finally {
      await db.end();
    }
    await watcherContext.close();
    await context.close();
  });
});
