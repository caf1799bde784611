// Builds every readiness summary of a generated benchmark database through the app's own
// refreshGateState (the function every write and the portfolio's read use), a few
// implementations at a time. The bulk load writes the facts behind the app's back, so without
// this the first portfolio request would build them all. Then the server's scheduled notices are
// caught up (the due and overdue notices of every owner, and their mail through the console
// transport), as a running deployment would have done when those dates passed: without this,
// the first minutes of every benchmark run would share the machine with thousands of them.
// Prints {"built": n, "seconds": s, "notices": n, "mails": n}.
// Run with `--conditions=react-server` (bench/generate.ts does) so server-only modules load.
//
//   node --conditions=react-server --import tsx bench/summaries.ts <database url> [concurrency]
import { getDb, openPostgres, setDatabaseHandle } from "@/db";
import { implementations } from "@/db/schema";
import { notifyDueItems } from "@/lib/dal/digests";
import { refreshGateState } from "@/lib/dal/gate";
import { deliverDueMail } from "@/lib/mail/worker";

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
  const notices = await notifyDueItems();
  let mails = 0;
  for (;;) {
    const { claimed, sent } = await deliverDueMail();
    mails += sent;
    if (claimed === 0) break;
  }
  console.log(JSON.stringify({ built: ids.length, seconds: Math.round((performance.now() - started) / 10) / 100, notices, mails }));
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
