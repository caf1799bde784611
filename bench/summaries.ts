// Builds every readiness summary of a generated benchmark database through the app's own
// refreshGateState (the function every write and the portfolio's read use), a few
// implementations at a time. The bulk load writes the facts behind the app's back, so without
// this the first portfolio request would build them all. Prints {"built": n, "seconds": s}.
// Run with `--conditions=react-server` (bench/generate.ts does) so server-only modules load.
//
//   node --conditions=react-server --import tsx bench/summaries.ts <database url> [concurrency]
import { getDb, openPostgres, setDatabaseHandle } from "@/db";
import { implementations } from "@/db/schema";
import { refreshGateState } from "@/lib/dal/gate";

async function main() {
  const url = process.argv[2];
  const concurrency = Number(process.argv[3] ?? 4);
  if (!url) throw new Error("usage: summaries.ts <database url> [concurrency]");
  const handle = openPostgres(url, concurrency + 1);
  setDatabaseHandle(handle);
  const started = performance.now();
  const ids = (await getDb().select({ id: implementations.id }).from(implementations)).map((r) => r.id);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await getDb().transaction((tx) => refreshGateState(tx, id));
      }
    }),
  );
  console.log(JSON.stringify({ built: ids.length, seconds: Math.round((performance.now() - started) / 10) / 100 }));
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
