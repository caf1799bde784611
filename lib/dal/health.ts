import "server-only";
import { sql } from "drizzle-orm";
import { databaseHandle } from "@/db";

// Liveness of the database for /api/health: one round trip, bounded in time.
export async function checkDatabase(timeoutMs = 2000): Promise<{ ok: boolean; driver: string; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let driver = "unknown";
  try {
    const handle = databaseHandle();
    driver = handle.driver;
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database health check timed out")), timeoutMs);
      }),
    ]);
    noteProbe(true);
    return { ok: true, driver, latencyMs: Math.round(performance.now() - started) };
  } catch {
    noteDatabaseTrouble();
    return { ok: false, driver, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

// Every completed check is the freshest knowledge this instance has: a health check that finds
// the database back must not leave pages answering 503 from an older failed probe.
function noteProbe(ok: boolean): void {
  probeState.ok = ok;
  probeState.at = Date.now();
}

// For the proxy: is the database reachable, as far as this instance knows? Probed at most once
// every PROBE_INTERVAL_MS (one `select 1`), or at once after a request failed on the database
// (noteDatabaseTrouble). Embedded PGlite lives in the process, so it never goes away.
const PROBE_INTERVAL_MS = 2000;
type ProbeState = { at: number; ok: boolean; pending: Promise<boolean> | null };
const globalForProbe = globalThis as unknown as { readyroomDatabaseProbe?: ProbeState };
const probeState = (globalForProbe.readyroomDatabaseProbe ??= { at: 0, ok: true, pending: null });

export async function databaseReachable(): Promise<boolean> {
  if (databaseHandle().driver !== "postgres") return true;
  if (Date.now() - probeState.at < PROBE_INTERVAL_MS) return probeState.ok;
  probeState.pending ??= checkDatabase(1500)
    .then((result) => {
      noteProbe(result.ok);
      return result.ok;
    })
    .finally(() => {
      probeState.pending = null;
    });
  return probeState.pending;
}

export function noteDatabaseTrouble(): void {
  probeState.ok = false;
  probeState.at = 0;
}
