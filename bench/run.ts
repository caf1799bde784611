// `npm run bench`: build once into .next-bench, then for 10 and for 500 implementations
// generate a fresh database and run the load run against it (statement counts at both sizes,
// the full load run at the large one). Prints a markdown summary and writes everything to
// bench/results/<timestamp>.json. Not part of `npm test`.
//
//   npm run bench [-- --duration 10 --connections 10 --write-requests 3000 --small 10 --large 500 --full-small]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { DEFAULT_SERVER_URL, generate, type GenerateResult } from "./generate";
import { runLoad, type LoadResult, type Run } from "./load";
import { ensureBuild, root } from "./server";

const TARGETS = { pageRatio: 2, statements: 6, signOffsPerSecond: 200, rssMb: 300, firstLoadJsKb: 150 };

async function machine(serverUrl: string) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string }[]>`select version()`;
    return {
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      postgres: row?.version.split(" on ")[0] ?? "?",
      next: (JSON.parse(readFileSync(join(root, "node_modules/next/package.json"), "utf8")) as { version: string }).version,
      autocannon: (JSON.parse(readFileSync(join(root, "node_modules/autocannon/package.json"), "utf8")) as { version: string }).version,
    };
  } finally {
    await sql.end();
  }
}

const pass = (ok: boolean) => (ok ? "PASS" : "MISS");
const row = (cells: (string | number | undefined)[]) => `| ${cells.map((c) => c ?? "–").join(" | ")} |`;
const runCells = (r: Run | undefined) => (r ? [r.p50, r.p95, r.p99, r.rps, r.errors + r.timeouts, r.non2xx] : ["–", "–", "–", "–", "–", "–"]);

export function summary(small: LoadResult, large: LoadResult): string {
  const lines: string[] = [];
  lines.push(`### Pages at ${large.implementations} implementations (latency in ms; ratio = page p50 / empty p50)`, "");
  lines.push(row(["Route", "p50", "p95", "p99", "req/s", "errors", "non-2xx", "× empty handler", "× empty page"]));
  lines.push(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  for (const p of large.pages) {
    if (!p.available) {
      lines.push(row([`${p.name} \`${p.path}\``, `not available in this build (answered ${p.status})`, "", "", "", "", "", "", ""]));
      continue;
    }
    lines.push(row([`empty handler \`/api/bench/empty\``, ...runCells(p.emptyApi), "1", ""]));
    lines.push(row([`empty page \`/bench/empty\``, ...runCells(p.emptyPage), "", "1"]));
    lines.push(row([`**${p.name}**`, ...runCells(p.page), p.ratioToEmptyApi, p.ratioToEmptyPage]));
  }
  lines.push("", "### SQL statements per page", "");
  lines.push(row(["Page", `${small.implementations} implementations`, `${large.implementations} implementations`, "target"]));
  lines.push(row(["---", "---:", "---:", "---"]));
  lines.push(row(["empty page (session → viewer)", small.baselineStatements?.statements, large.baselineStatements?.statements, ""]));
  for (const p of large.pages) {
    const s = small.pages.find((q) => q.path === p.path || q.name === p.name);
    const a = s?.statements?.statements;
    const b = p.statements?.statements;
    const verdict = a === undefined || b === undefined ? "not available" : pass(a === b && b <= TARGETS.statements);
    lines.push(row([p.name, a ?? "n/a", b ?? "n/a", `constant, ≤ ${TARGETS.statements}: ${verdict}`]));
  }
  lines.push("", "### Writes through server actions", "");
  lines.push(row(["Action", "calls", "connections", "succeeded/s", "p50", "p95", "p99", "errors", "non-2xx", "refused results", "rows written"]));
  lines.push(row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  for (const w of large.writes) {
    if (!w.available || !w.run) {
      lines.push(row([`\`${w.actionName}\``, w.note, "", "", "", "", "", "", "", "", ""]));
      continue;
    }
    const label = w.standInFor ? `\`${w.actionName}\` (stand-in for \`${w.standInFor}\`)` : `\`${w.actionName}\``;
    const r = w.run;
    lines.push(row([label, r.requests, r.connections, w.okPerSecond, r.p50, r.p95, r.p99, r.errors + r.timeouts, r.non2xx, r.failedResults, w.rowsWritten]));
  }
  const js = large.firstLoadJs;
  lines.push("", "### Memory and JavaScript", "");
  lines.push(`- Server RSS: ${large.rssIdleMb} MB after sign-in, peak ${large.rssPeakMb} MB over the whole run (target ≤ ${TARGETS.rssMb} MB: ${pass(large.rssPeakMb <= TARGETS.rssMb)}).`);
  if (js) {
    lines.push(
      `- Portfolio first-load JS: ${(js.gzipBytes / 1024).toFixed(1)} KB gzip (${(js.bytes / 1024).toFixed(1)} KB raw) in ${js.scripts.length} scripts (target ≤ ${TARGETS.firstLoadJsKb} KB: ${pass(js.gzipBytes / 1024 <= TARGETS.firstLoadJsKb)}); the HTML itself is ${(js.htmlGzipBytes / 1024).toFixed(1)} KB gzip.`,
    );
  }
  lines.push(`- Load average: ${large.loadavgBefore.join(" ")} before, ${large.loadavgAfter.join(" ")} after.`);
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      small: { type: "string", default: "10" },
      large: { type: "string", default: "500" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      "write-connections": { type: "string", default: "50" },
      "write-requests": { type: "string", default: "3000" },
      port: { type: "string", default: "3551" },
      "full-small": { type: "boolean", default: false },
      server: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL },
    },
  });
  const log = (line: string) => console.error(line);
  const startedAt = new Date();
  const build = ensureBuild({ log });
  const load = {
    serverUrl: values.server,
    port: Number(values.port),
    duration: Number(values.duration),
    connections: Number(values.connections),
    writeConnections: Number(values["write-connections"]),
    writeRequests: Number(values["write-requests"]),
    log,
  };
  const generated: GenerateResult[] = [];
  const results: LoadResult[] = [];
  for (const [size, full] of [
    [Number(values.small), values["full-small"]],
    [Number(values.large), true],
  ] as const) {
    log(`\n== ${size} implementations ==`);
    generated.push(await generate({ implementations: size, serverUrl: values.server, log }));
    results.push(await runLoad({ ...load, implementations: size, countsOnly: !full }));
  }
  const [small, large] = results as [LoadResult, LoadResult];
  const text = summary(small, large);
  const output = {
    startedAt: startedAt.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine: await machine(values.server),
    loadavgAtEnd: loadavg(),
    build,
    generated,
    results,
    summary: text,
  };
  const dir = join(root, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replaceAll(":", "-").slice(0, 19)}.json`);
  writeFileSync(file, JSON.stringify(output, null, 2));
  console.log(text);
  console.log(`\nFull results: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
