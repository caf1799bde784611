import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Where a webhook may send. A manager types the URL, and the server makes the request: without
// this check a webhook could reach the app's own network — the database, a cloud metadata
// service (169.254.169.254), an admin port on localhost. The URL is parsed first (so decimal,
// octal and hexadecimal hosts and IPv6 spellings are already normalised), every address the
// host resolves to is classified as bytes, never by its spelling, and the request is then made
// to the address that was vetted (see send.ts), so a second DNS answer cannot change the target.
// `WEBHOOK_ALLOW_PRIVATE_NETWORKS=true` lifts the check for a receiver inside the organization's
// own network (the tests pass `allowPrivateNetworks` explicitly for their loopback receivers).

const blockedV4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // this network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blockedV4.addSubnet(network, prefix, "ipv4");
}

const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 32], // Teredo: tunnels to an address that cannot be vetted here
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some stacks)
  ["ff00::", 8], // multicast
] as const) {
  blockedV6.addSubnet(network, prefix, "ipv6");
}

// The 16 bytes of an IPv6 address (isIP() already said it is one).
function ipv6Bytes(ip: string): number[] {
  let text = ip.split("%")[0]!.toLowerCase();
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":").filter(Boolean) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

const v4FromBytes = (bytes: number[]) => bytes.join(".");

// An IPv6 address that carries an IPv4 address the packet ends up at: IPv4-mapped
// (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, which includes :: and ::1), NAT64 (64:ff9b::/96)
// and 6to4 (2002:AABB:CCDD::). Those are judged by the IPv4 address inside.
function embeddedV4(bytes: number[]): string | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4FromBytes(bytes.slice(12));
  if (zeros(0, 12)) return v4FromBytes(bytes.slice(12));
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return v4FromBytes(bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4FromBytes(bytes.slice(2, 6));
  return null;
}

export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blockedV4.check(ip, "ipv4");
  if (family !== 6) return true; // not an address: refuse rather than guess
  const bytes = ipv6Bytes(ip);
  if (bytes.length !== 16) return true;
  const v4 = embeddedV4(bytes);
  if (v4) return blockedV4.check(v4, "ipv4");
  return blockedV6.check(ip.split("%")[0]!, "ipv6");
}

export type ResolvedAddress = { address: string; family?: number };
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type VettedDestination =
  | { ok: true; url: URL; hostname: string; addresses: { address: string; family: 4 | 6 }[] }
  | { ok: false; reason: string };

// Parses the URL and resolves its host once. When the destination may be called, the answer
// carries the addresses that were checked: the caller connects to those and to nothing else.
export async function vetDestination(
  url: string,
  options: { allowPrivateNetworks?: boolean; lookup?: Lookup } = {},
): Promise<VettedDestination> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "Refused: not a valid URL" };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { ok: false, reason: "Refused: only http and https URLs are called" };
  const hostname = parsed.hostname.replace(/^\[|\]$/g, "");
  let found: ResolvedAddress[];
  try {
    found = isIP(hostname) ? [{ address: hostname }] : await (options.lookup ?? systemLookup)(hostname);
  } catch {
    return { ok: false, reason: "Could not resolve the host name" };
  }
  const addresses = found
    .map((a) => ({ address: a.address, family: isIP(a.address) }))
    .filter((a): a is { address: string; family: 4 | 6 } => a.family === 4 || a.family === 6);
  if (addresses.length === 0) return { ok: false, reason: "Could not resolve the host name" };
  if (!options.allowPrivateNetworks) {
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) return { ok: false, reason: `Refused: ${hostname} is in a private, loopback or link-local network (${blocked.address})` };
  }
  return { ok: true, url: parsed, hostname, addresses };
}

// Null when the URL may be called; otherwise the reason, for the delivery log.
export async function refusedDestination(
  url: string,
  options: { allowPrivateNetworks?: boolean; lookup?: Lookup } = {},
): Promise<string | null> {
  const vetted = await vetDestination(url, options);
  return vetted.ok ? null : vetted.reason;
}
