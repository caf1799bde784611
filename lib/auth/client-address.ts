// The caller's address for per-address throttling.
//
// Next fills X-Forwarded-For with the socket address only when the request has none, so a
// client talking to the app directly can send its own. Behind `trustedProxies` proxies that
// each append the address they received the connection from, the entry that many places from
// the right is the client as the outermost trusted proxy saw it; entries further left were
// written by the client and are ignored. With no proxy configured, the right-most entry is
// used, which a direct client can choose: then only the per-account limit is robust (see
// TRUSTED_PROXY_COUNT in docs/configuration.md).
export function clientAddress(headers: Headers, trustedProxies = 0): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const chosen = entries.at(-Math.max(1, trustedProxies)) ?? entries[0] ?? headers.get("x-real-ip")?.trim() ?? "unknown";
  // Normalise IPv4-mapped IPv6 so one client has one key; cap the length of what we store.
  return chosen.replace(/^::ffff:/, "").slice(0, 64);
}
