// The caller's address for throttling. Next's server sets x-forwarded-for from the socket;
// behind a load balancer the left-most entry is the client the balancer saw.
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip")?.trim() || "unknown";
  // Normalise IPv4-mapped IPv6 so one client has one key; cap the length of what we store.
  return address.replace(/^::ffff:/, "").slice(0, 64);
}
