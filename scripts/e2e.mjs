// `npm run test:e2e`: build into .next-e2e (so a running demo's build is left alone), then run
// Playwright, which starts its own server (e2e/server.mjs). Extra arguments go to Playwright.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const env = { ...process.env, READYROOM_DIST_DIR: ".next-e2e", NEXT_TELEMETRY_DISABLED: "1" };

const build = spawnSync(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "build"], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

const run = spawnSync(
  process.execPath,
  [join(root, "node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)],
  { cwd: root, env, stdio: "inherit" },
);
process.exit(run.status ?? 1);
