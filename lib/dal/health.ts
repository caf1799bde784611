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
    return { ok: true, driver, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, driver, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
