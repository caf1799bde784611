// A per-token request allowance on this app instance: a fixed one-minute window per token.
// Several instances each allow the figure (docs/webhooks-and-api.md says so); a sender that
// keeps within it on one is within it everywhere.

type Window = { startedAt: number; count: number };
const windows = new Map<string, Window>();
const WINDOW_MS = 60_000;

export function allowRequest(key: string, perMinute: number, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
  let w = windows.get(key);
  if (!w || now - w.startedAt >= WINDOW_MS) {
    w = { startedAt: now, count: 0 };
    windows.set(key, w);
    if (windows.size > 10_000) {
      for (const [k, old] of windows) if (now - old.startedAt >= WINDOW_MS) windows.delete(k);
    }
  }
  if (w.count >= perMinute) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.startedAt + WINDOW_MS - now) / 1000)) };
  w.count += 1;
  return { ok: true };
}
