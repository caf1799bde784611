// The load run against one bench database: starts `next start` on loopback, signs in as the
// demo manager, counts each page's SQL statements, weighs the portfolio's JavaScript, then
// puts each page beside the empty routes with autocannon and drives the writes through their
// server actions. RSS of the server process is sampled throughout.
//
//   npx tsx bench/load.ts --implementations 500 [--port 3551] [--duration 10] [--connections 10] [--counts-only]
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { actionHeaders, actionSucceeded, encodeFormActionCall, findAction, hiddenFieldsOfForm, type EncodedCall } from "./actions";
import { countStatements, firstLoadJs, get, signIn, type FirstLoadJs, type Session, type StatementCount } from "./client";
import { benchDatabaseName, DEFAULT_SERVER_URL } from "./generate";
import { ensureBuild, rssSampler, startServer } from "./server";
import { writeTargets, type WriteTarget } from "./writes";

export type Run = {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  failedResults: number;
  rssPeakMb: number;
};

export type PageResult = {
  name: string;
  path: string;
  available: boolean;
  status: number;
  statements?: StatementCount;
  emptyApi?: Run;
  emptyPage?: Run;
  page?: Run;
  ratioToEmptyApi?: number;
  ratioToEmptyPage?: number;
};

export type WriteResult = {
  key: string;
  label: string;
  actionName: string;
  available: boolean;
  note?: string;
  actionId?: string;
  standInFor?: string;
  run?: Run;
  succeeded?: number;
  okPerSecond?: number;
  rowsWritten?: number;
};

export type LoadResult = {
  implementations: number;
  database: string;
  startedAt: string;
  loadavgBefore: number[];
  loadavgAfter: number[];
  baselineStatements?: StatementCount;
  pages: PageResult[];
  firstLoadJs?: FirstLoadJs;
  writes: WriteResult[];
  rssPeakMb: number;
  rssIdleMb: number;
};

export type LoadOptions = {
  implementations: number;
  serverUrl?: string;
  port: number;
  duration: number;
  connections: number;
  writeConnections: number;
  writeRequests: number;
  countsOnly?: boolean;
  log?: (line: string) => void;
};

const mb = (kb: number) => Math.round(kb / 102.4) / 10;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

type CannonOptions = {
  origin: string;
  path: string;
  cookie: string;
  connections: number;
  duration?: number;
  amount?: number;
  calls?: { call: EncodedCall; headers: Record<string, string> }[];
};

async function cannon(options: CannonOptions, sampler: ReturnType<typeof rssSampler>): Promise<Run> {
  const latencies: number[] = [];
  let failedResults = 0;
  let next = 0;
  const calls = options.calls;
  sampler.mark();
  const started = performance.now();
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url: `${options.origin}${options.path}`,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
    headers: { cookie: options.cookie },
    ...(calls
      ? {
          requests: [
            {
              method: "POST",
              setupRequest: (request: autocannon.Request) => {
                const { call, headers } = calls[next++ % calls.length]!;
                return { ...request, method: "POST", path: call.path, headers, body: call.body };
              },
              onResponse: (status: number, body: string) => {
                if (status === 200 && !actionSucceeded(body)) failedResults++;
              },
            },
          ],
        }
      : {}),
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await finished;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    path: options.path,
    connections: options.connections,
    seconds: round(seconds, 2),
    requests: result.requests.total,
    rps: round(result.requests.total / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    failedResults,
    rssPeakMb: mb(sampler.mark()),
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (i < items.length) {
        const index = i++;
        out[index] = await fn(items[index]!);
      }
    }),
  );
  return out;
}

async function prepareWrite(
  target: WriteTarget,
  session: Session,
  sql: postgres.Sql,
  count: number,
): Promise<{ action: NonNullable<ReturnType<typeof findAction>>; calls: EncodedCall[] } | string> {
  const action = findAction(target.actionName);
  if (!action) return `not available in this build (no server action exported as ${target.actionName})`;
  const candidates = await target.candidates(sql, count);
  if (candidates.length === 0) return "no rows to write in the bench database";
  const calls = await mapLimit(candidates, 4, async (candidate) => {
    let fields = candidate.fields;
    if (target.fromPage) {
      const page = await get(session, candidate.path);
      const hidden = page.status === 200 ? hiddenFieldsOfForm(page.body, action.id) : null;
      if (!hidden) return null;
      fields = { ...hidden, ...fields };
    }
    return encodeFormActionCall(candidate.path, fields);
  });
  const usable = calls.filter((c): c is EncodedCall => c !== null);
  if (usable.length === 0) return `no page rendered a form bound to ${target.actionName}`;
  return { action, calls: usable };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const database = benchDatabaseName(options.implementations);
  const url = new URL(options.serverUrl ?? DEFAULT_SERVER_URL);
  url.pathname = `/${database}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const result: LoadResult = {
    implementations: options.implementations,
    database,
    startedAt: new Date().toISOString(),
    loadavgBefore: loadavg().map((n) => round(n, 2)),
    loadavgAfter: [],
    pages: [],
    writes: [],
    rssPeakMb: 0,
    rssIdleMb: 0,
  };

  log(`starting next start on :${options.port} against ${database}`);
  const server = await startServer({ databaseUrl: url.toString(), port: options.port });
  const sampler = rssSampler(server.pid);
  try {
    const session = await signIn(server.origin, "manager@vendor.example", "readyroom-demo");
    result.rssIdleMb = mb(sampler.mark());

    const [first] = await sql<{ id: string }[]>`select id from implementations where name = 'Synthetic implementation 00001'`;
    if (!first) throw new Error(`${database} has no synthetic implementation: run bench/generate.ts first`);
    const pages: { name: string; path: string }[] = [
      { name: "Portfolio", path: "/" },
      { name: "Implementation page (50 items)", path: `/implementations/${first.id}` },
      { name: "Blockers", path: "/blockers" },
    ];

    log("counting SQL statements per page");
    result.baselineStatements = await countStatements(session, "/bench/empty");
    for (const page of pages) {
      const { status } = await get(session, page.path);
      const entry: PageResult = { ...page, status, available: status === 200 };
      if (entry.available) entry.statements = await countStatements(session, page.path);
      result.pages.push(entry);
      log(`  ${page.name}: ${entry.available ? `${entry.statements!.statements} statements` : `answered ${status}: not available in this build`}`);
    }

    log("weighing the portfolio's first-load JavaScript");
    result.firstLoadJs = await firstLoadJs(session, "/");

    if (!options.countsOnly) {
      const base = { origin: server.origin, cookie: session.cookie, connections: options.connections, duration: options.duration };
      for (const entry of result.pages.filter((p) => p.available)) {
        log(`load: ${entry.name} beside the empty routes (${options.connections} connections, ${options.duration} s each)`);
        entry.emptyApi = await cannon({ ...base, path: "/api/bench/empty" }, sampler);
        entry.emptyPage = await cannon({ ...base, path: "/bench/empty" }, sampler);
        entry.page = await cannon({ ...base, path: entry.path }, sampler);
        entry.ratioToEmptyApi = round(entry.page.p50 / entry.emptyApi.p50, 2);
        entry.ratioToEmptyPage = round(entry.page.p50 / entry.emptyPage.p50, 2);
        log(`  p50 ${entry.page.p50} ms vs ${entry.emptyApi.p50} (empty handler) / ${entry.emptyPage.p50} (empty page)`);
      }

      for (const target of writeTargets) {
        const write: WriteResult = {
          key: target.key,
          label: target.label,
          actionName: target.actionName,
          standInFor: target.standInFor,
          available: false,
        };
        result.writes.push(write);
        const prepared = await prepareWrite(target, session, sql, options.writeRequests);
        if (typeof prepared === "string") {
          write.note = prepared;
          log(`write ${target.actionName}: ${prepared}`);
          continue;
        }
        write.available = true;
        write.actionId = prepared.action.id;
        const amount = target.unique ? prepared.calls.length : options.writeRequests;
        log(`write ${target.actionName}: ${amount} calls at ${options.writeConnections} connections`);
        const calls = prepared.calls.map((call) => ({
          call,
          headers: actionHeaders(prepared.action, server.origin, session.cookie, call.contentType),
        }));
        const before = await rowsWritten(sql, target);
        write.run = await cannon(
          { origin: server.origin, path: calls[0]!.call.path, cookie: session.cookie, connections: options.writeConnections, amount, calls },
          sampler,
        );
        write.rowsWritten = (await rowsWritten(sql, target)) - before;
        write.succeeded = write.run.requests - write.run.non2xx - write.run.failedResults;
        write.okPerSecond = round(write.succeeded / write.run.seconds);
        log(`  ${write.okPerSecond} succeeded/s, ${write.rowsWritten} rows written, p50 ${write.run.p50} ms`);
      }
    }
  } finally {
    result.rssPeakMb = mb(sampler.peak());
    sampler.stop();
    await server.stop();
    await sql.end();
    result.loadavgAfter = loadavg().map((n) => round(n, 2));
  }
  return result;
}

async function rowsWritten(sql: postgres.Sql, target: WriteTarget): Promise<number> {
  const [row] =
    target.key === "evidence"
      ? await sql<{ n: number }[]>`select count(*)::int as n from evidence where what_was_tested like 'Synthetic benchmark run%'`
      : await sql<{ n: number }[]>`select count(*)::int as n from sign_offs`;
  return row?.n ?? 0;
}

export function loadOptionsFromArgs(args: string[]): LoadOptions & { build: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      implementations: { type: "string", default: "500" },
      port: { type: "string", default: "3551" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      "write-connections": { type: "string", default: "50" },
      "write-requests": { type: "string", default: "3000" },
      "counts-only": { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      server: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL },
    },
    allowPositionals: true,
  });
  return {
    implementations: Number(values.implementations),
    serverUrl: values.server,
    port: Number(values.port),
    duration: Number(values.duration),
    connections: Number(values.connections),
    writeConnections: Number(values["write-connections"]),
    writeRequests: Number(values["write-requests"]),
    countsOnly: values["counts-only"],
    build: !values["no-build"],
  };
}

async function main() {
  const options = loadOptionsFromArgs(process.argv.slice(2));
  if (options.build) ensureBuild({ log: console.log });
  const result = await runLoad(options);
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
