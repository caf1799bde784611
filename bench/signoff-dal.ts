// `npm run bench:signoff-dal -- --implementations 500`: the sign-off itself, without HTTP or a
// page render — signOffItem from the data-access layer, 50 at a time, against a generated
// benchmark database (run `npm run bench:generate` first). It separates what the transaction
// costs from what the server action's response (re-rendering the item page) costs.
// Run with `--conditions=react-server` (the npm script does) so server-only modules load.
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openPostgres, setDatabaseHandle } from "@/db";
import { getSignOffPanel, signOffItem } from "@/lib/dal/sign-offs";
import { loadViewer } from "@/lib/dal/users";
import type { SignOffItemInput } from "@/lib/validation/sign-offs";
import { benchDatabaseName, DEFAULT_SERVER_URL } from "./generate";

const { values } = parseArgs({
  options: {
    implementations: { type: "string", default: "500" },
    concurrency: { type: "string", default: "50" },
    calls: { type: "string", default: "2000" },
    // Connections in the pool: by default as many as the server's (DATABASE_POOL_MAX, 10), so the
    // comparison with the server action measures the action, not a larger pool.
    pool: { type: "string", default: "10" },
    // The whole database URL (bench/load.ts passes it); else the server's bench_readyroom_<n>.
    database: { type: "string" },
  },
});
const concurrency = Number(values.concurrency);
const calls = Number(values.calls);
const url = new URL(values.database ?? process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL);
if (!values.database) url.pathname = `/${benchDatabaseName(Number(values.implementations))}`;

async function main() {
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const [manager] = await sql<{ id: string; session_version: number }[]>`select id, session_version from users where email = 'manager@vendor.example'`;
  const candidates = await sql<{ item: string; impl: string }[]>`
    select ci.id as item, ci.implementation_id as impl from checklist_items ci
    where ci.key like 'bench-%' and ci.status = 'ready_for_signoff'
      and 'implementation_manager' = any (ci.required_sign_off_roles)
      and not exists (select 1 from sign_offs so where so.checklist_item_id = ci.id
                      and so.signer_role = 'implementation_manager' and so.item_version = ci.version)
    order by md5(ci.id::text) limit ${calls}`;
  await sql.end();

  if (candidates.length === 0) {
    console.error("No unsigned ready items for the manager in that database: run `npm run bench:generate` again.");
    process.exit(1);
  }
  const handle = openPostgres(url.toString(), Number(values.pool));
  setDatabaseHandle(handle);
  const base = await loadViewer(manager!.id, manager!.session_version);
  const viewer = { ...base!, session: { id: "bench-session", signedInAt: new Date() } };

  // What the signer's page shows first (version and digest), outside the timed part.
  const prepared: SignOffItemInput[] = [];
  for (const c of candidates) {
    const panel = await getSignOffPanel(viewer, c.impl, c.item);
    prepared.push({ itemId: c.item, itemVersion: panel.version, snapshotDigest: panel.signing.snapshotDigest, decision: "approve" as const, comment: "" });
  }

  let next = 0;
  let ok = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < prepared.length) {
        const input = prepared[next++]!;
        const t = performance.now();
        try {
          await signOffItem(viewer, input);
          ok++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
  console.log(
    JSON.stringify({
      // The database named by --database, else the one --implementations names.
      database: url.pathname.slice(1),
      concurrency,
      calls: prepared.length,
      ok,
      failed,
      perSecond: Number((ok / seconds).toFixed(1)),
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
    }),
  );
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
