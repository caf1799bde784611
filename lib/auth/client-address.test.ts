import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the left-most forwarded address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
  });

  it("unwraps IPv4-mapped IPv6 so one client has one key", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  });

  it("falls back to x-real-ip, then to a fixed key", () => {
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientAddress(new Headers())).toBe("unknown");
  });

  it("caps what a client can make us store", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "x".repeat(5000) }))).toHaveLength(64);
  });
});
