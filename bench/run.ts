// `npm run bench`: build once into .next-bench, then for 50, 500 and 2,000 implementations
// generate a fresh database (bench_readyroom_<n>) and run the load run against it: SQL
// statements per page, each page at 1 and at 10 connections beside a bare route handler and a
// bare signed-in page measured in the same run, as a vendor manager and as a customer IT user,
// sign-offs through the server action and through the data layer alone, RSS and the portfolio's
// first-load JavaScript. Prints a markdown summary and writes bench/results/<timestamp>.json.
// Not part of `npm test`; no figure here is asserted by any test.
//
//   npm run bench [-- --sizes 50,500,2000 --duration 5 --connections 1,10 --write-requests 1000 --heap-mb 192 --port 4150]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { DEFAULT_SERVER_URL, generate, type GenerateResult } from "./generate";
import { runLoad, type LoadResult } from "./load";
import { ensureBuild, root } from "./server";

const TARGETS = { pageRatio: 2, statements: 6, signOffsPerSecond: 200, dalRatio: 0.7, rssMb: 300, firstLoadJsKb: 150, flat: 1.25 };

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
const row = (cells: (string | number | undefined | null)[]) => `| ${cells.map((c) => (c === undefined || c === null ? "–" : c)).join(" | ")} |`;

function pageTables(r: LoadResult, connections: number[]): string[] {
  const lines: string[] = [];
  for (const c of connections) {
    lines.push(`#### ${r.implementations} implementations, ${c} connection${c === 1 ? "" : "s"} (latency ms; ratio = page p50 / floor p50, floors measured before and after, mean)`, "");
    lines.push(row(["User", "Route", "p50", "p95", "p99", "req/s", "errors", "× bare handler", "× bare signed-in page"]));
    lines.push(row(["---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
    for (const u of r.users) {
      const f = u.floors.find((x) => x.connections === c);
      if (f) {
        for (const [label, before, after] of [
          ["bare handler `/api/bench/empty`", f.before.handler, f.after.handler],
          ["bare signed-in page `/bench-session`", f.before.bare, f.after.bare],
        ] as const) {
          lines.push(row([u.user, label, `${before.p50} / ${after.p50}`, `${before.p95} / ${after.p95}`, `${before.p99} / ${after.p99}`, `${before.rps} / ${after.rps}`, before.errors + before.non2xx + after.errors + after.non2xx, "", ""]));
        }
        if (f.before.layout) {
          const l = f.before.layout;
          lines.push(row([u.user, "empty page in the signed-in layout `/bench/empty`", l.p50, l.p95, l.p99, l.rps, l.errors + l.non2xx, "", ""]));
        }
      }
      for (const p of u.pages) {
        const load = p.loads.find((x) => x.connections === c);
        if (!load) {
          if (!p.available) lines.push(row([u.user, p.name, `not available to this user (${p.status})`, "", "", "", "", "", ""]));
          continue;
        }
        const x = load.page;
        lines.push(row([u.user, `**${p.name}**`, x.p50, x.p95, x.p99, x.rps, x.errors + x.non2xx, load.ratioToHandler, load.ratioToBarePage]));
      }
    }
    lines.push("");
  }
  return lines;
}

export function summary(results: LoadResult[], connections: number[]): string {
  const lines: string[] = [];
  lines.push("### Pages", "");
  for (const r of results) lines.push(...pageTables(r, connections));

  lines.push("### SQL statements per page (one request, after a warm-up; streamed parts included)", "");
  lines.push(row(["User", "Page", ...results.map((r) => `${r.implementations}`), `constant, ≤ ${TARGETS.statements}`]));
  lines.push(row(["---", "---", ...results.map(() => "---:"), "---"]));
  const first = results[0]!;
  for (const [ui, u] of first.users.entries()) {
    const floorsOf = (key: "bare" | "layout") => results.map((r) => r.users[ui]?.floorStatements[key]?.statements);
    lines.push(row([u.user, "bare signed-in page", ...floorsOf("bare"), ""]));
    lines.push(row([u.user, "empty page in the signed-in layout", ...floorsOf("layout"), ""]));
    for (const [pi, p] of u.pages.entries()) {
      const counts = results.map((r) => r.users[ui]?.pages[pi]?.statements?.statements);
      const known = counts.filter((n): n is number => n !== undefined);
      const verdict = known.length === 0 ? "not available" : pass(known.length === counts.length && known.every((n) => n === known[0]) && known[0]! <= TARGETS.statements);
      lines.push(row([u.user, p.name, ...counts.map((n) => n ?? "n/a"), verdict]));
    }
  }

  lines.push("", "### Sign-offs at 50 concurrent (PostgreSQL)", "");
  lines.push(row(["Implementations", "calls", "action succeeded/s (ok responses)", "action p50 / p95 ms", "action errors", "rows written", "data layer alone /s", "data layer p50 / p95 ms", "data layer failed", "action ÷ data layer"]));
  lines.push(row(["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
  for (const r of results) {
    const s = r.signOff;
    if (!s.action) {
      lines.push(row([r.implementations, s.note ?? "not run", "", "", "", "", "", "", "", ""]));
      continue;
    }
    const a = s.action.run;
    lines.push(row([r.implementations, s.action.calls, s.action.okPerSecond, `${a.p50} / ${a.p95}`, a.errors + a.non2xx + a.failedResults, s.action.rowsWritten, s.dal?.perSecond, s.dal ? `${s.dal.p50} / ${s.dal.p95}` : undefined, s.dal?.failed, s.ratio]));
  }

  lines.push("", "### Memory, JavaScript, machine load", "");
  lines.push(row(["Implementations", "V8 heap cap", "RSS after sign-in", "RSS peak, pages", "RSS peak, sign-offs", "portfolio first-load JS (gzip)", "portfolio HTML (gzip)", "load average before → after"]));
  lines.push(row(["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"]));
  for (const r of results) {
    const js = r.firstLoadJs;
    lines.push(row([r.implementations, r.heapMb ? `${r.heapMb} MB` : "none", `${r.rssIdleMb} MB`, `${r.rssPeakPagesMb} MB`, `${r.rssPeakWritesMb} MB`, js ? `${(js.gzipBytes / 1024).toFixed(1)} KB` : undefined, js ? `${(js.htmlGzipBytes / 1024).toFixed(1)} KB` : undefined, `${r.loadavgBefore.join(" ")} → ${r.loadavgAfter.join(" ")}`]));
  }

  lines.push("", "### Targets", "");
  lines.push(row(["Target", "Figures", "Verdict"]));
  lines.push(row(["---", "---", "---"]));
  const big = results.filter((r) => r.implementations >= 500);
  for (const name of ["Portfolio", "Implementation page", "Blockers", "Item page"]) {
    const figures: string[] = [];
    let ok = true;
    let any = false;
    for (const r of big) {
      for (const u of r.users) {
        const load = u.pages.find((p) => p.name === name)?.loads.find((l) => l.connections === 1);
        if (!load) continue;
        any = true;
        figures.push(`${r.implementations}, ${u.user}: ${load.ratioToBarePage}× (${load.ratioToHandler}× handler)`);
        ok &&= load.ratioToBarePage <= TARGETS.pageRatio;
      }
    }
    if (any) lines.push(row([`${name} ≤ ${TARGETS.pageRatio}× the bare signed-in page, 1 connection`, figures.join("; "), pass(ok)]));
  }
  const [mid, top] = [results.find((r) => r.implementations === 500), results.find((r) => r.implementations === 2000)];
  if (mid && top) {
    const figures: string[] = [];
    let ok = true;
    for (const [ui, u] of mid.users.entries()) {
      for (const [pi, p] of u.pages.entries()) {
        const a = p.loads.find((l) => l.connections === 1)?.page.p50;
        const b = top.users[ui]?.pages[pi]?.loads.find((l) => l.connections === 1)?.page.p50;
        if (a === undefined || b === undefined) continue;
        figures.push(`${p.name} (${u.user}) ${a} → ${b} ms`);
        ok &&= b / a <= TARGETS.flat;
      }
    }
    lines.push(row([`Page cost flat from 500 to 2,000 (p50 at 1 connection grows ≤ ${Math.round((TARGETS.flat - 1) * 100)} %)`, figures.join("; "), pass(ok)]));
  }
  for (const r of results) {
    const s = r.signOff;
    if (!s.action) continue;
    const a = s.action;
    const errors = a.run.errors + a.run.non2xx + a.run.failedResults;
    lines.push(row([`${r.implementations}: sign-off through the action ≥ ${TARGETS.signOffsPerSecond}/s at 50 concurrent, 0 errors`, `${a.okPerSecond}/s, ${errors} errors`, pass(a.okPerSecond >= TARGETS.signOffsPerSecond && errors === 0)]));
    lines.push(row([`${r.implementations}: action ≥ ${TARGETS.dalRatio}× the data layer alone`, `${a.okPerSecond} ÷ ${s.dal?.perSecond} = ${s.ratio}`, pass((s.ratio ?? 0) >= TARGETS.dalRatio)]));
  }
  const peak = Math.max(...results.map((r) => Math.max(r.rssPeakPagesMb, r.rssPeakWritesMb)));
  lines.push(row([`Server RSS ≤ ${TARGETS.rssMb} MB under page and write loads`, `peak ${peak} MB (heap cap ${results[0]?.heapMb ?? "none"} MB)`, pass(peak <= TARGETS.rssMb)]));
  const js = results.map((r) => r.firstLoadJs).filter((j) => j !== undefined);
  if (js.length > 0) {
    const kb = Math.max(...js.map((j) => j.gzipBytes / 1024));
    lines.push(row([`Portfolio first-load JS ≤ ${TARGETS.firstLoadJsKb} KB gzip`, `${kb.toFixed(1)} KB`, pass(kb <= TARGETS.firstLoadJsKb)]));
  }
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "50,500,2000" },
      duration: { type: "string", default: "5" },
      connections: { type: "string", default: "1,10" },
      "write-connections": { type: "string", default: "50" },
      "write-requests": { type: "string", default: "1000" },
      "heap-mb": { type: "string", default: "192" },
      port: { type: "string", default: "4150" },
      "counts-only": { type: "boolean", default: false },
      "skip-generate": { type: "boolean", default: false },
      server: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL },
    },
  });
  const log = (line: string) => console.error(line);
  const startedAt = new Date();
  const build = ensureBuild({ log });
  const connections = values.connections.split(",").map(Number);
  const load = {
    serverUrl: values.server,
    port: Number(values.port),
    duration: Number(values.duration),
    connections,
    writeConnections: Number(values["write-connections"]),
    writeRequests: Number(values["write-requests"]),
    heapMb: Number(values["heap-mb"]) > 0 ? Number(values["heap-mb"]) : null,
    countsOnly: values["counts-only"],
    log,
  };
  const generated: GenerateResult[] = [];
  const results: LoadResult[] = [];
  for (const size of values.sizes.split(",").map(Number)) {
    log(`\n== ${size} implementations (load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}) ==`);
    if (!values["skip-generate"]) generated.push(await generate({ implementations: size, serverUrl: values.server, log }));
    results.push(await runLoad({ ...load, implementations: size }));
  }
  const text = summary(results, connections);
  const output = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
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
