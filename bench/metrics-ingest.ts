// Metrics ingestion through the machine API on PostgreSQL: a fresh bench database with the
// demo seed, a few synthetic interfaces and one metrics token, `next start` on loopback, then
// autocannon posting distinct periods' figures at 50 concurrent connections. The target is
// ≥ 500 accepted posts a second with 0 errors; every 201 must be one stored row.
//
//   npx tsx bench/metrics-ingest.ts [--port 3561] [--duration 10] [--connections 50]
import { createHash, randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { signIn } from "./client";
import { DEFAULT_SERVER_URL } from "./generate";
import { ensureBuild, startServer } from "./server";
import { openPostgres } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { seedDemo, seedId } from "../db/seed";

const DATABASE = "readyroom_bench_metrics";
const INTERFACES = 50;

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3561" }, duration: { type: "string", default: "10" }, connections: { type: "string", default: "50" } } });
  const log = (line: string) => console.log(line);

  const admin = postgres(DEFAULT_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${DATABASE}" with (force)`);
  await admin.unsafe(`create database "${DATABASE}"`);
  await admin.end();
  const url = new URL(DEFAULT_SERVER_URL);
  url.pathname = `/${DATABASE}`;
  const handle = openPostgres(url.toString(), 2);
  await migrateDatabase(handle, url.toString());
  await seedDemo(handle.db);
  await handle.close();

  // The bench's own fixtures, written directly: synthetic interfaces and a token (its hash).
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const implementationId = seedId("impl:riverbend-appointments");
  const interfaceIds: string[] = [];
  for (let i = 0; i < INTERFACES; i++) {
    const [row] = await sql`insert into interfaces (implementation_id, name, kind, direction, status) values (${implementationId}, ${`Bench feed ${i} (synthetic)`}, 'hl7v2_feed', 'inbound', 'live') returning id`;
    interfaceIds.push(row!.id as string);
  }
  const token = `rr_${randomBytes(32).toString("base64url")}`;
  await sql`insert into api_tokens (implementation_id, name, token_hash, prefix, environments, scopes, expires_at, created_by_id)
    values (${implementationId}, 'Bench engine', ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 9)}, '{production}', '{metrics}', now() + interval '1 day', ${seedId("user:engineer")})`;

  ensureBuild({ log });
  // The per-token allowance is raised for the run: the bench measures ingestion, not the limit.
  process.env.API_TOKEN_REQUESTS_PER_MINUTE = "1000000";
  const server = await startServer({ databaseUrl: url.toString(), port: Number(values.port), poolMax: 20 });
  let n = 0;
  const base = Date.UTC(2026, 0, 1);
  try {
    // The floor in the same run: a route handler that does nothing, at the same concurrency.
    // (The sign-in gate in front of it needs a session; the handler itself reads nothing.)
    const session = await signIn(server.origin, "engineer@vendor.example", "readyroom-demo");
    const bare = await autocannon({ url: `${server.origin}/api/bench/empty`, headers: { cookie: session.cookie }, connections: Number(values.connections), duration: Number(values.duration) });
    const loadAverage = (await import("node:os")).loadavg().map((v) => v.toFixed(2)).join(" ");
    const result = await autocannon({
      url: server.origin,
      connections: Number(values.connections),
      duration: Number(values.duration),
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            const i = n++;
            const interfaceId = interfaceIds[i % INTERFACES]!;
            const start = new Date(base + Math.floor(i / INTERFACES) * 60_000);
            const end = new Date(start.getTime() + 60_000);
            return {
              ...req,
              path: `/api/v1/implementations/${implementationId}/interfaces/${interfaceId}/metrics`,
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ environment: "production", periodStart: start.toISOString(), periodEnd: end.toISOString(), messageCount: 40 + (i % 7), errorCount: i % 3, lastMessageAt: new Date(end.getTime() - 5_000).toISOString(), contentFingerprint: `sha256:${(i % 997).toString(16).padStart(8, "0")}` }),
            };
          },
        },
      ],
    });
    const [{ rows }] = (await sql`select count(*)::int as rows from interface_metrics`) as unknown as [{ rows: number }];
    const accepted = result["2xx"];
    const summary = {
      connections: Number(values.connections),
      seconds: Number(values.duration),
      requests: result.requests.total,
      acceptedPerSecond: Math.round(accepted / Number(values.duration)),
      p50ms: result.latency.p50,
      p99ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      rowsStored: rows,
      // Posts still in flight when the clock stopped are stored but not counted as answered.
      everyAcceptedPostStored: rows >= accepted && rows - accepted <= Number(values.connections),
      bareHandlerPerSecond: Math.round(bare["2xx"] / Number(values.duration)),
      shareOfBareHandler: Number((accepted / Math.max(1, bare["2xx"])).toFixed(2)),
      loadAverageAtStart: loadAverage,
    };
    console.log(JSON.stringify(summary, null, 2));
    const pass = summary.acceptedPerSecond >= 500 && summary.non2xx === 0 && summary.errors === 0 && summary.everyAcceptedPostStored;
    console.log(pass ? "PASS: ≥ 500 posts/s, 0 errors" : "BELOW TARGET (see figures above)");
    process.exitCode = pass ? 0 : 1;
  } finally {
    await server.stop();
    await sql.end();
  }
}

void main();
