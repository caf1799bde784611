import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { vetDestination, type Lookup, type VettedDestination } from "./destination";
import { formatBody, type WebhookPayload } from "./format";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from "./signing";

// One HTTP attempt at a delivery: signed, with a timeout, never following a redirect (a
// redirect could send the signed payload somewhere the manager never configured). It never
// throws: the outcome is a status code or an error text for the delivery log.

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null };

export type SendOptions = {
  timeoutMs?: number;
  now?: Date;
  // See destination.ts: private, loopback and link-local addresses are refused unless allowed.
  allowPrivateNetworks?: boolean;
  lookup?: Lookup;
};

// POSTs to the vetted address only: the host name still goes in the Host header and in TLS
// (SNI and certificate check), but the socket connects to what vetDestination() checked, so a
// DNS answer that changes between the check and the connection cannot redirect the request.
function postPinned(
  vetted: Extract<VettedDestination, { ok: true }>,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const pinned = vetted.addresses;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, pinned);
    } else {
      callback(null, pinned[0]!.address, pinned[0]!.family);
    }
  };
  const requester = vetted.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = requester(
      vetted.url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup, agent: false, signal: AbortSignal.timeout(timeoutMs) },
      (response) => {
        // Drain the body so the connection is released; its content is not kept.
        response.on("error", reject);
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

export async function sendDelivery(
  target: { url: string; secret: string; deliveryId: string },
  payload: WebhookPayload,
  options: SendOptions = {},
): Promise<SendOutcome> {
  const vetted = await vetDestination(target.url, options);
  if (!vetted.ok) return { ok: false, statusCode: null, error: vetted.reason };
  const body = formatBody(target.url, payload);
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  try {
    const status = await postPinned(
      vetted,
      {
        "content-type": "application/json",
        "user-agent": "Readyroom-Webhooks/1",
        [SIGNATURE_HEADER]: signPayload(target.secret, timestamp, body),
        [TIMESTAMP_HEADER]: String(timestamp),
        [EVENT_HEADER]: payload.event,
        [DELIVERY_HEADER]: target.deliveryId,
      },
      body,
      options.timeoutMs ?? 10_000,
    );
    if (status >= 200 && status < 300) return { ok: true, statusCode: status, error: null };
    // A redirect is never followed: it could send the signed payload somewhere never vetted.
    const error = status >= 300 && status < 400 ? "Redirect not followed" : `Receiver answered ${status}`;
    return { ok: false, statusCode: status, error };
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    if (name === "TimeoutError" || name === "AbortError") return { ok: false, statusCode: null, error: "Timed out" };
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : null);
    return { ok: false, statusCode: null, error: `Could not connect${code ? ` (${String(code).slice(0, 100)})` : ""}` };
  }
}
