import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// How every webhook delivery is signed, and how a receiver checks it (NOTES-6.md documents
// the same steps). The signature covers the timestamp and the exact body bytes, so neither
// can be changed or replayed later with a new time without the secret.

export const SIGNATURE_HEADER = "x-readyroom-signature";
export const TIMESTAMP_HEADER = "x-readyroom-timestamp";
export const EVENT_HEADER = "x-readyroom-event";
export const DELIVERY_HEADER = "x-readyroom-delivery";

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

// sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<body>")>, timestamp in Unix seconds.
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

// What a receiver does: recompute, compare in constant time, and refuse old timestamps.
export function verifySignature(
  secret: string,
  headers: { signature: string | null | undefined; timestamp: string | null | undefined },
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
