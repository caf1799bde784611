// Benchmark instrumentation: how many SQL statements this server process has sent, and the
// text of the latest ones (placeholders only, never parameter values). Fed by the postgres
// driver's `debug` hook, which instrumentation.ts hooks into db/index.ts only when READYROOM_BENCH is on; read by
// /api/bench/sql-statements, which answers 404 otherwise. Kept on globalThis because the route
// and the database client may be bundled into different chunks.

import { AsyncLocalStorage } from "node:async_hooks";

const RECENT = 50;

// `background` counts what the server's own scheduled work sent (the workers run inside
// asBackgroundWork): apart from `total`, so a page's count is the page's own statements even when
// a sweep runs during the request.
type Tally = { total: number; background: number; recent: string[] };

const store = globalThis as unknown as { readyroomSqlTally?: Tally; readyroomBackgroundWork?: AsyncLocalStorage<true> };
store.readyroomBackgroundWork ??= new AsyncLocalStorage<true>();
const backgroundWork = store.readyroomBackgroundWork;

// Marks a scheduled task's statements as the server's own work, not a request's. Costs nothing
// when the benchmark is off (the tally is never fed then).
export function asBackgroundWork<T>(task: () => Promise<T>): Promise<T> {
  return backgroundWork.run(true, task);
}

function tally(): Tally {
  store.readyroomSqlTally ??= { total: 0, background: 0, recent: [] };
  return store.readyroomSqlTally;
}

export function countSqlStatement(text: string): void {
  const t = tally();
  if (backgroundWork.getStore()) {
    t.background += 1;
    return;
  }
  t.total += 1;
  t.recent.push(text.replace(/\s+/g, " ").trim().slice(0, 160));
  if (t.recent.length > RECENT) t.recent.shift();
}

export function sqlStatementTally(): { total: number; background: number; recent: string[] } {
  const t = tally();
  return { total: t.total, background: t.background, recent: [...t.recent] };
}
