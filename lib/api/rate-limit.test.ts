import { describe, expect, it } from "vitest";
import { allowRequest } from "./rate-limit";

describe("the per-token request allowance", () => {
  it("allows the figure in a minute, then refuses with the seconds until the window ends, then allows again", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(allowRequest("token-a", 3, t0 + i)).toEqual({ ok: true });
    expect(allowRequest("token-a", 3, t0 + 15_000)).toEqual({ ok: false, retryAfterSeconds: 45 });
    // Another token has its own allowance.
    expect(allowRequest("token-b", 3, t0 + 15_000)).toEqual({ ok: true });
    expect(allowRequest("token-a", 3, t0 + 60_000)).toEqual({ ok: true });
  });
});
