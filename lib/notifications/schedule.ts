// When a failed delivery is tried again: after 1 min, 5 min, 30 min, 2 h and 6 h; after the
// sixth failed attempt it is marked failed and shown so in the delivery log. Tests pass a
// schedule of milliseconds instead.

export const DEFAULT_RETRY_SCHEDULE_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;

// `attempts` counts the attempt that just failed (1 for the first). Null means: give up.
export function nextAttemptDelay(attempts: number, schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS): number | null {
  if (attempts < 1) return 0;
  return schedule[attempts - 1] ?? null;
}
