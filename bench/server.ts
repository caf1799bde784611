// The server under test: a production build in its own folder (.next-bench, so neither a
// running demo's .next nor the e2e suite's .next-e2e is touched), served by `next start` on
// loopback with benchmark instrumentation on, and its memory sampled from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("..", import.meta.url).pathname;
export const DIST_DIR = ".next-bench";
const nextBin = join(root, "node_modules/next/dist/bin/next");

const SOURCES = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json", "postcss.config.mjs"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

// Builds when there is no build yet or a source is newer than it (as scripts/start.mjs does).
export function ensureBuild(options: { force?: boolean; log: (line: string) => void }): { built: boolean; seconds: number } {
  const buildId = join(root, DIST_DIR, "BUILD_ID");
  const stale =
    options.force ||
    !existsSync(buildId) ||
    SOURCES.some((source) => newestMtime(join(root, source)) > statSync(buildId).mtimeMs);
  if (!stale) return { built: false, seconds: 0 };
  options.log(`building into ${DIST_DIR} …`);
  const start = Date.now();
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    env: { ...process.env, READYROOM_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
  return { built: true, seconds: (Date.now() - start) / 1000 };
}

export type Server = {
  origin: string;
  pid: number;
  logs: string[];
  stop(): Promise<void>;
};

// heapMb caps V8's old space (--max-old-space-size), the memory setting docs/benchmarks.md
// recommends for one server process.
export async function startServer(options: { databaseUrl: string; port: number; poolMax?: number; heapMb?: number | null }): Promise<Server> {
  const origin = `http://127.0.0.1:${options.port}`;
  const logs: string[] = [];
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node that NODE_OPTIONS refuses, such as
  // "--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile a run.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      // Through NODE_OPTIONS, as a deployment sets it, so any worker process inherits it too.
      ...(options.heapMb ? { NODE_OPTIONS: `--max-old-space-size=${options.heapMb}` } : {}),
      NEXT_TELEMETRY_DISABLED: "1",
      READYROOM_DIST_DIR: DIST_DIR,
      DATABASE_URL: options.databaseUrl,
      ...(options.poolMax ? { DATABASE_POOL_MAX: String(options.poolMax) } : {}),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      // The generator already seeded the demo; the accounts are acknowledged as a benchmark's.
      READYROOM_SEED_DEMO: "false",
      READYROOM_ALLOW_DEMO_ACCOUNTS: "true",
      READYROOM_BENCH: "true",
      // A benchmark database on the machine's PostgreSQL, reached as its superuser, said so.
      ALLOW_PRIVILEGED_DATABASE_USER: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) logs.push(line);
    if (logs.length > 2000) logs.splice(0, logs.length - 2000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${logs.join("\n")}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer within 30 s:\n${logs.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    origin,
    pid: child.pid!,
    logs,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

// Resident memory (kB) of a process and its descendants, from /proc.
function descendants(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(...descendants(child));
    }
  } catch {
    // gone
  }
  return out;
}

export function rssKb(pid: number): number {
  let total = 0;
  for (const p of descendants(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) total += Number(match[1]);
    } catch {
      // gone
    }
  }
  return total;
}

// Samples RSS every 200 ms; `mark()` starts a new window and returns the peak of the last.
export function rssSampler(pid: number) {
  let overall = 0;
  let window = 0;
  const timer = setInterval(() => {
    const kb = rssKb(pid);
    overall = Math.max(overall, kb);
    window = Math.max(window, kb);
  }, 200);
  return {
    mark(): number {
      const kb = Math.max(window, rssKb(pid));
      overall = Math.max(overall, kb);
      window = 0;
      return kb;
    },
    peak: () => Math.max(overall, rssKb(pid)),
    stop: () => clearInterval(timer),
  };
}
