// `npm start`: serve Readyroom with a production build.
// - On embedded Postgres (no DATABASE_URL) with no AUTH_SECRET, a random secret is generated
//   once into .data/auth-secret (git-ignored) so the demo needs no setup. With DATABASE_URL,
//   a real deployment must provide AUTH_SECRET itself: the server refuses to start without it.
// - Builds first when there is no build yet or a source file is newer than it.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const nextBin = join(root, "node_modules/next/dist/bin/next");
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!childEnv.DATABASE_URL && !childEnv.AUTH_SECRET) {
  const dataDir = join(root, ".data");
  const secretFile = join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("Generated a session secret for this demo in .data/auth-secret.");
  }
  childEnv.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

const SOURCES = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json", "postcss.config.mjs"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const distDir = childEnv.READYROOM_DIST_DIR || ".next";
const buildId = join(root, distDir, "BUILD_ID");
const stale =
  !existsSync(buildId) || SOURCES.some((source) => newestMtime(join(root, source)) > statSync(buildId).mtimeMs);
if (stale) {
  console.log("Building Readyroom (first start, or sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: childEnv, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server runs within a memory budget: V8's old space is capped (READYROOM_HEAP_MB, default
// 192 MB) unless NODE_OPTIONS already sets a cap. Without one V8 grows the heap under
// concurrent renders far past what the app keeps live; the figures are in BENCHMARKS.md, the
// production advice (one process per core, the cap below the container's limit) in
// docs/benchmarks.md. The build above runs without it: it needs more.
const serverEnv = { ...childEnv };
if (!/--max-old-space-size/.test(serverEnv.NODE_OPTIONS ?? "")) {
  const heapMb = /^\d+$/.test(serverEnv.READYROOM_HEAP_MB ?? "") ? serverEnv.READYROOM_HEAP_MB : "192";
  serverEnv.NODE_OPTIONS = `${serverEnv.NODE_OPTIONS ?? ""} --max-old-space-size=${heapMb}`.trim();
}

const port = childEnv.PORT || "3000";
const server = spawn(process.execPath, [nextBin, "start", "-p", port], { cwd: root, env: serverEnv, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
