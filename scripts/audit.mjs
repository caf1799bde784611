// `npm audit --omit=dev`, read rather than trusted: fails on a high or critical advisory in a
// production dependency; when the registry has no audit endpoint (a partial mirror answers
// 405), says so plainly and passes — unless READYROOM_AUDIT_REQUIRED=true, when that fails too.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", shell: false });
const required = process.env.READYROOM_AUDIT_REQUIRED === "true";
let report;
try {
  report = JSON.parse(run.stdout || "{}");
} catch {
  report = {};
}

const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = `${report.error?.summary ?? ""} ${report.message ?? ""} ${run.stderr ?? ""}`.replace(/\s+/g, " ").trim();
  console.log(`npm audit: NOT CHECKED — the registry gave no advisory data (${why.slice(0, 300) || `exit ${run.status}`}).`);
  console.log("npm audit: run it against registry.npmjs.org (or a mirror with the audit endpoint) to check advisories.");
  process.exit(required ? 1 : 0);
}

const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit (production dependencies): ${JSON.stringify(counts)}`);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === "high" || v.severity === "critical") console.log(`  ${v.severity}: ${name} ${v.range ?? ""}`);
  }
  console.log("npm audit: high or critical advisories in production dependencies.");
  process.exit(1);
}
