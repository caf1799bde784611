import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openPglite } from "./index";

// Two processes on one embedded database directory: the second is refused with a message
// that says what to do, and the directory stays usable by its owner.
it("refuses a second process on an open PGlite directory, and the owner keeps working", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "rr-two-")), "pglite");
  const owner = openPglite(dir);
  try {
    await owner.db.execute("select 1");
    const second = spawnSync(process.execPath, [join("node_modules", "tsx", "dist", "cli.mjs"), "db/cli.ts", "migrate"], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain("already open in another process");
    expect(second.stderr).toContain(`pid ${process.pid}`);
    await expect(owner.db.execute("select 1")).resolves.toBeDefined();
  } finally {
    await owner.close();
  }
});

it("lets exactly one of several processes take over a stale lock at once", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "rr-race-")), "pglite");
  // A lock left by a process that no longer exists.
  writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
  const tsx = join("node_modules", "tsx", "dist", "cli.mjs");
  const startAt = String(Date.now() + 4000);
  const outcomes = await Promise.all(
    Array.from({ length: 6 }, () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [tsx, "test/fixtures/pglite-lock-contender.ts", dir, startAt], { env: { ...process.env, DATABASE_URL: "" } });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", () => resolve(out.trim()));
      }),
    ),
  );
  expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
  expect(outcomes.filter((o) => o === "locked")).toHaveLength(5);
});
