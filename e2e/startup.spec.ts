import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

// The production server refuses to start on a bad configuration or on an embedded database
// another server holds, and says why — before serving a single request.
function startServer(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(Number(process.env.E2E_PORT ?? 3100) + 90)], {
      env: { ...process.env, READYROOM_DIST_DIR: ".next-e2e", NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("a production start without a real secret stops with a message naming the variable", async () => {
  for (const secret of [undefined, "changeme"]) {
    const { code, output } = await startServer({
      NODE_ENV: "production",
      AUTH_SECRET: secret,
      DATABASE_URL: "postgres://readyroom@127.0.0.1:1/readyroom",
    });
    expect(code).toBe(1);
    expect(output).toContain("Readyroom cannot start: invalid configuration");
    expect(output).toContain("AUTH_SECRET");
  }
});

test("a second server on the same embedded database directory stops with a clear message", async ({ request }) => {
  const { code, output } = await startServer({
    DATABASE_URL: "",
    PGLITE_DIR: join(".data", "e2e", "pglite"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  });
  expect(code).toBe(1);
  expect(output).toContain("is already open in another process");
  // The server that owns the directory is unharmed.
  expect((await request.get("/api/health")).status()).toBe(200);
});
