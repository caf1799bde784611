import { refusedDestination, type Lookup } from "./destination";
import { formatBody, type WebhookPayload } from "./format";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from "./signing";

// One HTTP attempt at a delivery: signed, with a timeout, never following a redirect (a
// redirect could send the signed payload somewhere the manager never configured). It never
// throws: the outcome is a status code or an error text for the delivery log.

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null };

export type SendOptions = {
  timeoutMs?: number;
  now?: Date;
  fetchImpl?: typeof fetch;
  // See destination.ts: private, loopback and link-local addresses are refused unless allowed.
  allowPrivateNetworks?: boolean;
  lookup?: Lookup;
};

export async function sendDelivery(
  target: { url: string; secret: string; deliveryId: string },
  payload: WebhookPayload,
  options: SendOptions = {},
): Promise<SendOutcome> {
  const refused = await refusedDestination(target.url, options);
  if (refused) return { ok: false, statusCode: null, error: refused };
  const body = formatBody(target.url, payload);
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  try {
    const response = await (options.fetchImpl ?? fetch)(target.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      headers: {
        "content-type": "application/json",
        "user-agent": "Readyroom-Webhooks/1",
        [SIGNATURE_HEADER]: signPayload(target.secret, timestamp, body),
        [TIMESTAMP_HEADER]: String(timestamp),
        [EVENT_HEADER]: payload.event,
        [DELIVERY_HEADER]: target.deliveryId,
      },
      body,
    });
    // Drain the body so the connection is released; its content is not kept.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, error: null };
    const error = response.status >= 300 && response.status < 400 ? "Redirect not followed" : `Receiver answered ${response.status}`;
    return { ok: false, statusCode: response.status, error };
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    if (name === "TimeoutError" || name === "AbortError") return { ok: false, statusCode: null, error: "Timed out" };
    const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as NodeJS.ErrnoException).code ?? error.cause.message : null;
    return { ok: false, statusCode: null, error: `Could not connect${cause ? ` (${String(cause).slice(0, 100)})` : ""}` };
  }
}
