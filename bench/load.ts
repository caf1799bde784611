// The load run against one bench database: starts `next start` on loopback (with the V8 heap
// cap the docs recommend), signs in as a vendor implementation manager and as a customer IT
// user, and for each of them counts every page's SQL statements, then measures each page at 1
// connection (what one user waits) and at 10 (capacity) beside two floors measured in the same
// run: a bare route handler and a bare signed-in page that only decodes the session. Then signs
// items off through the server action at 50 concurrent and through the data layer alone
// (bench/signoff-dal.ts, same database, same concurrency). RSS is sampled throughout.
//
//   npx tsx bench/load.ts --implementations 500 [--port 4150] [--duration 5] [--connections 1,10] [--counts-only]
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { actionHeaders, actionSucceeded, encodeFormActionCall, findAction, hiddenFieldsOfForm, type EncodedCall } from "./actions";
import { countStatements, firstLoadJs, get, signIn, type FirstLoadJs, type Session, type StatementCount } from "./client";
import { benchDatabaseName, DEFAULT_SERVER_URL } from "./generate";
import { ensureBuild, root, rssSampler, startServer } from "./server";
import { signOff, type WriteTarget } from "./writes";

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

export type Floors = { handler: Run; bare: Run; layout?: Run };

export type PageLoad = {
  connections: number;
  page: Run;
  // Floors measured just before and just after this user's pages at this connection count;
  // the ratio divides by their mean p50.
  floorHandlerP50: number;
  floorBareP50: number;
  ratioToHandler: number;
  ratioToBarePage: number;
};

export type PageResult = {
  user: string;
  name: string;
  path: string;
  available: boolean;
  status: number;
  statements?: StatementCount;
  loads: PageLoad[];
};

export type UserResult = {
  user: string;
  email: string;
  floors: { connections: number; before: Floors; after: Floors }[];
  floorStatements: { bare?: StatementCount; layout?: StatementCount };
  pages: PageResult[];
};

export type SignOffResult = {
  action?: { calls: number; run: Run; succeeded: number; okPerSecond: number; rowsWritten: number; note?: string };
  dal?: { calls: number; ok: number; failed: number; perSecond: number; p50: string; p95: string; p99: string };
  ratio?: number;
  note?: string;
};

export type LoadResult = {
  implementations: number;
  database: string;
  startedAt: string;
  heapMb: number | null;
  loadavgBefore: number[];
  loadavgAfter: number[];
  users: UserResult[];
  firstLoadJs?: FirstLoadJs;
  signOff: SignOffResult;
  rssIdleMb: number;
  rssPeakPagesMb: number;
  rssPeakWritesMb: number;
  rssPeakMb: number;
};

export type LoadOptions = {
  implementations: number;
  serverUrl?: string;
  port: number;
  duration: number;
  connections: number[];
  writeConnections: number;
  writeRequests: number;
  heapMb: number | null;
  countsOnly?: boolean;
  // Only the sign-off runs (action and data layer), no page loads.
  writesOnly?: boolean;
  // The server's DATABASE_POOL_MAX; the data layer's run uses the same size.
  poolMax?: number;
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

const USERS = [
  { user: "Vendor implementation manager", email: "manager@vendor.example", implementation: "Synthetic implementation 00001" },
  // Riverbend's IT sees only Riverbend's implementations (every tenth synthetic one).
  { user: "Customer IT (Riverbend)", email: "it@riverbend.example", implementation: "Synthetic implementation 00010" },
];

async function floors(base: Omit<CannonOptions, "path">, sampler: ReturnType<typeof rssSampler>, withLayout: boolean): Promise<Floors> {
  const handler = await cannon({ ...base, path: "/api/bench/empty" }, sampler);
  const bare = await cannon({ ...base, path: "/bench-session" }, sampler);
  const layout = withLayout ? await cannon({ ...base, path: "/bench/empty" }, sampler) : undefined;
  return { handler, bare, layout };
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
    heapMb: options.heapMb,
    loadavgBefore: loadavg().map((n) => round(n, 2)),
    loadavgAfter: [],
    users: [],
    signOff: {},
    rssIdleMb: 0,
    rssPeakPagesMb: 0,
    rssPeakWritesMb: 0,
    rssPeakMb: 0,
  };

  log(`starting next start on :${options.port} against ${database}${options.heapMb ? ` (--max-old-space-size=${options.heapMb})` : ""}`);
  const server = await startServer({ databaseUrl: url.toString(), port: options.port, heapMb: options.heapMb, poolMax: options.poolMax });
  const sampler = rssSampler(server.pid);
  try {
    const sessions: Session[] = [];
    for (const u of USERS) sessions.push(await signIn(server.origin, u.email, "readyroom-demo"));
    result.rssIdleMb = mb(sampler.mark());

    for (const [index, u] of USERS.entries()) {
      if (options.writesOnly) break;
      const session = sessions[index]!;
      const [impl] = await sql<{ id: string; item: string }[]>`
        select i.id, ci.id as item from implementations i join checklist_items ci on ci.implementation_id = i.id and ci.key = 'bench-10'
        where i.name = ${u.implementation}`;
      if (!impl) throw new Error(`${database} has no ${u.implementation}: run bench/generate.ts first`);
      const pages = [
        { name: "Portfolio", path: "/" },
        { name: "Implementation page", path: `/implementations/${impl.id}` },
        { name: "Item page", path: `/implementations/${impl.id}/items/${impl.item}` },
        { name: "Blockers", path: "/blockers" },
        // Not a page: the navigation's counts, which every page's browser asks for once it is on screen.
        { name: "Navigation counts (after the page)", path: "/api/nav-counts" },
      ];
      const entry: UserResult = { user: u.user, email: u.email, floors: [], floorStatements: {}, pages: [] };
      result.users.push(entry);
      log(`${u.user}: counting SQL statements per page`);
      entry.floorStatements.bare = await countStatements(session, "/bench-session");
      entry.floorStatements.layout = await countStatements(session, "/bench/empty");
      for (const page of pages) {
        const { status } = await get(session, page.path);
        const p: PageResult = { user: u.user, ...page, status, available: status === 200, loads: [] };
        if (p.available) p.statements = await countStatements(session, page.path);
        entry.pages.push(p);
        log(`  ${page.name}: ${p.available ? `${p.statements!.statements} statements` : `answered ${status}: not available to this user`}`);
      }
      if (index === 0) {
        log("weighing the portfolio's first-load JavaScript");
        result.firstLoadJs = await firstLoadJs(session, "/");
      }
      if (options.countsOnly) continue;

      for (const connections of options.connections) {
        const base = { origin: server.origin, cookie: session.cookie, connections, duration: options.duration };
        log(`  load at ${connections} connection(s), ${options.duration} s per route`);
        const before = await floors(base, sampler, true);
        const runs: { p: PageResult; run: Run }[] = [];
        for (const p of entry.pages.filter((x) => x.available)) runs.push({ p, run: await cannon({ ...base, path: p.path }, sampler) });
        const after = await floors(base, sampler, false);
        entry.floors.push({ connections, before, after });
        const handlerP50 = round((before.handler.p50 + after.handler.p50) / 2, 2);
        const bareP50 = round((before.bare.p50 + after.bare.p50) / 2, 2);
        for (const { p, run } of runs) {
          p.loads.push({
            connections,
            page: run,
            floorHandlerP50: handlerP50,
            floorBareP50: bareP50,
            ratioToHandler: round(run.p50 / handlerP50, 2),
            ratioToBarePage: round(run.p50 / bareP50, 2),
          });
          log(`    ${p.name}: p50 ${run.p50} ms (${round(run.p50 / bareP50, 2)}× bare page ${bareP50} ms, ${round(run.p50 / handlerP50, 2)}× handler ${handlerP50} ms)`);
        }
      }
    }
    result.rssPeakPagesMb = mb(sampler.peak());

    if (!options.countsOnly) {
      sampler.mark();
      // A fresh sign-in: signing needs one from the last SIGN_OFF_REAUTH_MINUTES (15 by default),
      // and the page loads before may have taken longer.
      const signer = await signIn(server.origin, USERS[0]!.email, "readyroom-demo");
      result.signOff = await signOffs(options, server.origin, signer, sql, url.toString(), sampler, log);
      result.rssPeakWritesMb = mb(sampler.mark());
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

// The same number of sign-offs through the server action (over HTTP, as the browser sends it)
// and through the data layer alone, on different items of the same database.
async function signOffs(
  options: LoadOptions,
  origin: string,
  session: Session,
  sql: postgres.Sql,
  databaseUrl: string,
  sampler: ReturnType<typeof rssSampler>,
  log: (line: string) => void,
): Promise<SignOffResult> {
  const [{ n: available } = { n: 0 }] = await sql<{ n: number }[]>`
    select count(*)::int as n from checklist_items ci
    where ci.key like 'bench-%' and ci.status = 'ready_for_signoff' and 'implementation_manager' = any (ci.required_sign_off_roles)`;
  const calls = Math.min(options.writeRequests, Math.floor(available / 2));
  if (calls < options.writeConnections) return { note: `only ${available} items to sign: too few for ${options.writeConnections} concurrent` };
  const out: SignOffResult = {};
  log(`sign-off through the server action: preparing ${calls} calls (each item page read as the browser would)`);
  const prepared = await prepareWrite(signOff, session, sql, calls);
  if (typeof prepared === "string") return { note: prepared };
  const headers = prepared.calls.map((call) => ({ call, headers: actionHeaders(prepared.action, origin, session.cookie, call.contentType) }));
  const before = await rowsWritten(sql, signOff);
  const run = await cannon(
    { origin, path: headers[0]!.call.path, cookie: session.cookie, connections: options.writeConnections, amount: headers.length, calls: headers },
    sampler,
  );
  const written = (await rowsWritten(sql, signOff)) - before;
  // autocannon counts a timed-out call in `errors` (and in `timeouts`), not in `requests`.
  const succeeded = run.requests - run.non2xx - run.failedResults;
  out.action = { calls: headers.length, run, succeeded, okPerSecond: round(succeeded / run.seconds), rowsWritten: written };
  log(`  ${out.action.okPerSecond} succeeded/s, ${written} rows written, p50 ${run.p50} ms, errors ${run.errors + run.non2xx + run.failedResults} (timeouts ${run.timeouts})`);

  log(`sign-off through the data layer alone: ${headers.length} calls at ${options.writeConnections}`);
  out.dal = await signOffDal(databaseUrl, headers.length, options.writeConnections, options.poolMax ?? 10);
  out.ratio = round(out.action.okPerSecond / out.dal.perSecond, 2);
  log(`  ${out.dal.perSecond}/s (${out.dal.failed} failed); action/DAL = ${out.ratio}`);
  return out;
}

function signOffDal(databaseUrl: string, calls: number, concurrency: number, pool: number): Promise<NonNullable<SignOffResult["dal"]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", join(root, "bench/signoff-dal.ts"), "--database", databaseUrl, "--calls", String(calls), "--concurrency", String(concurrency), "--pool", String(pool)],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench/signoff-dal.ts exited ${code}`));
      const parsed = JSON.parse(stdout.trim().split("\n").at(-1)!) as { calls: number; ok: number; failed: number; perSecond: number; p50: string; p95: string; p99: string };
      resolve(parsed);
    });
  });
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
      port: { type: "string", default: "4150" },
      duration: { type: "string", default: "5" },
      connections: { type: "string", default: "1,10" },
      "write-connections": { type: "string", default: "50" },
      "write-requests": { type: "string", default: "1000" },
      "heap-mb": { type: "string", default: "192" },
      "counts-only": { type: "boolean", default: false },
      "writes-only": { type: "boolean", default: false },
      "pool-max": { type: "string", default: "10" },
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
    connections: values.connections.split(",").map(Number),
    writeConnections: Number(values["write-connections"]),
    writeRequests: Number(values["write-requests"]),
    heapMb: Number(values["heap-mb"]) > 0 ? Number(values["heap-mb"]) : null,
    countsOnly: values["counts-only"],
    writesOnly: values["writes-only"],
    poolMax: Number(values["pool-max"]),
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
