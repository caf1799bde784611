import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";

// Where a webhook may send. A manager types the URL, and the server makes the request: without
// this check a webhook could reach the app's own network — the database, a cloud metadata
// service (169.254.169.254), an admin port on localhost. Every address a host name resolves to
// must be public; `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true` lifts it for a receiver inside the
// organization's own network (and for the tests' loopback receiver).

const v4 = (ip: string) => ip.split(".").map(Number) as [number, number, number, number];

function privateV4(ip: string): boolean {
  const [a, b] = v4(ip);
  return (
    a === 0 || // this network
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && v4(ip)[2] === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return privateV4(ip);
  if (family !== 6) return true; // not an address: refuse rather than guess
  const lower = ip.toLowerCase();
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return privateV4(mapped[1]!);
  return (
    lower === "::" ||
    lower === "::1" ||
    /^f[cd][0-9a-f]{2}:/.test(lower) || // unique local fc00::/7
    /^fe[89ab][0-9a-f]:/.test(lower) || // link-local fe80::/10
    /^ff[0-9a-f]{2}:/.test(lower) // multicast
  );
}

export type Lookup = (hostname: string) => Promise<{ address: string }[]>;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// Null when the URL may be called; otherwise the reason, for the delivery log.
export async function refusedDestination(
  url: string,
  options: { allowPrivateNetworks?: boolean; lookup?: Lookup } = {},
): Promise<string | null> {
  if (options.allowPrivateNetworks) return null;
  let hostname: string;
  try {
    hostname = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return "Refused: not a valid URL";
  }
  let addresses: string[];
  try {
    addresses = isIP(hostname) ? [hostname] : (await (options.lookup ?? systemLookup)(hostname)).map((a) => a.address);
  } catch {
    return "Could not resolve the host name";
  }
  if (addresses.length === 0) return "Could not resolve the host name";
  const blocked = addresses.find(isPrivateAddress);
  return blocked ? `Refused: ${hostname} is in a private, loopback or link-local network (${blocked})` : null;
}
