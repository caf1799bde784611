import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquirePgliteLock, DatabaseLockedError } from "./index";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function liveProcess(): number {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
  children.push(child);
  return child.pid!;
}

describe("PGlite directory lock", () => {
  it("refuses a directory another live process holds, naming it", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rr-lock-")), "pglite");
    const pid = liveProcess();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid, host: hostname() }));
    expect(() => acquirePgliteLock(dir)).toThrow(DatabaseLockedError);
    expect(() => acquirePgliteLock(dir)).toThrow(new RegExp(`already open in another process \\(pid ${pid}`));
  });

  it("takes over a lock left by a process that has ended", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rr-lock-")), "pglite");
    const child = spawn(process.execPath, ["-e", "0"]);
    const pid = child.pid!;
    await new Promise((resolve) => child.on("exit", resolve));
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid, host: hostname() }));
    const release = acquirePgliteLock(dir);
    expect(JSON.parse(readFileSync(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("creates the lock and its parent directory when there is none", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "rr-lock-")), "nested", "pglite");
    const release = acquirePgliteLock(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    release();
  });
});
