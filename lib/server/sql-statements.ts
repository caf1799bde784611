// Benchmark instrumentation: how many SQL statements this server process has sent, and the
// text of the latest ones (placeholders only, never parameter values). Fed by the postgres
// driver's `debug` hook, which instrumentation.ts hooks into db/index.ts only when READYROOM_BENCH is on; read by
// /api/bench/sql-statements, which answers 404 otherwise. Kept on globalThis because the route
// and the database client may be bundled into different chunks.

const RECENT = 50;

type Tally = { total: number; recent: string[] };

const store = globalThis as unknown as { readyroomSqlTally?: Tally };

function tally(): Tally {
  store.readyroomSqlTally ??= { total: 0, recent: [] };
  return store.readyroomSqlTally;
}

export function countSqlStatement(text: string): void {
  const t = tally();
  t.total += 1;
  t.recent.push(text.replace(/\s+/g, " ").trim().slice(0, 160));
  if (t.recent.length > RECENT) t.recent.shift();
}

export function sqlStatementTally(): { total: number; recent: string[] } {
  const t = tally();
  return { total: t.total, recent: [...t.recent] };
}
