import { describe, expect, it } from "vitest";
import { formatBody, isSlackUrl, type WebhookPayload } from "./format";
import { nextAttemptDelay } from "./schedule";
import { generateWebhookSecret, signPayload, verifySignature } from "./signing";

const payload: WebhookPayload = {
  id: "d1",
  event: "item.blocked",
  occurredAt: "2026-01-01T00:00:00.000Z",
  implementation: { id: "i1", name: "Appointment sync", customer: "Riverbend Health (fictional)" },
  data: { itemTitle: "API permission checks", severity: "go_live", reason: "<@here> 403 & more" },
};

describe("signing", () => {
  it("signs timestamp and body with HMAC-SHA256, and verifies only the exact body within the tolerance", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const now = new Date("2026-01-01T00:00:00Z");
    const ts = Math.floor(now.getTime() / 1000);
    const sig = signPayload(secret, ts, "{}");
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(secret, { signature: sig, timestamp: String(ts) }, "{}", { now })).toBe(true);
    expect(verifySignature(secret, { signature: sig, timestamp: String(ts) }, "{ }", { now })).toBe(false);
    expect(verifySignature("other", { signature: sig, timestamp: String(ts) }, "{}", { now })).toBe(false);
    expect(verifySignature(secret, { signature: sig, timestamp: String(ts) }, "{}", { now: new Date(now.getTime() + 600_000) })).toBe(false);
    expect(verifySignature(secret, { signature: null, timestamp: String(ts) }, "{}", { now })).toBe(false);
  });

  it("matches a signature computed independently", async () => {
    const { createHmac } = await import("node:crypto");
    expect(signPayload("k", 1700000000, "body")).toBe(`sha256=${createHmac("sha256", "k").update("1700000000.body").digest("hex")}`);
  });
});

describe("retry schedule", () => {
  it("waits 1 min, 5 min, 30 min, 2 h, 6 h, then gives up", () => {
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptDelay(n))).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]);
    expect(nextAttemptDelay(6)).toBeNull();
    expect(nextAttemptDelay(2, [10, 20])).toBe(20);
    expect(nextAttemptDelay(3, [10, 20])).toBeNull();
  });
});

describe("format", () => {
  it("sends the payload as JSON to ordinary receivers", () => {
    expect(JSON.parse(formatBody("https://example.org/hook", payload))).toEqual(payload);
  });

  it("sends a Slack message, with Slack markup escaped, to a Slack incoming webhook", () => {
    expect(isSlackUrl("https://hooks.slack.com/services/T/B/X")).toBe(true);
    expect(isSlackUrl("https://hooks.slack.com.evil.example/x")).toBe(false);
    const body = JSON.parse(formatBody("https://hooks.slack.com/services/T/B/X", payload)) as { text: string };
    expect(body.text).toContain("Riverbend Health (fictional) · Appointment sync");
    expect(body.text).toContain("Go-live blocker: API permission checks was blocked — &lt;@here&gt; 403 &amp; more");
  });
});
