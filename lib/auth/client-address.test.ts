import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddress", () => {
  it("uses the address Next recorded from the socket when the app is reached directly", () => {
    expect(clientAddress(xff("198.51.100.4"))).toBe("198.51.100.4");
  });

  it("ignores addresses a client wrote in front of what the trusted proxy appended", () => {
    // The client forged "203.0.113.9"; the load balancer appended the real 198.51.100.23.
    expect(clientAddress(xff("203.0.113.9, 198.51.100.23"), 1)).toBe("198.51.100.23");
    // Behind a CDN and a load balancer: the CDN saw the client, the balancer saw the CDN.
    expect(clientAddress(xff("203.0.113.9, 198.51.100.23, 192.0.2.10"), 2)).toBe("198.51.100.23");
  });

  it("falls back to the left-most entry when fewer proxies than configured added one", () => {
    expect(clientAddress(xff("198.51.100.23"), 2)).toBe("198.51.100.23");
  });

  it("unwraps IPv4-mapped IPv6 so one client has one key", () => {
    expect(clientAddress(xff("::ffff:127.0.0.1"))).toBe("127.0.0.1");
  });

  it("falls back to x-real-ip, then to a fixed key", () => {
    expect(clientAddress(new Headers({ "x-real-ip": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientAddress(new Headers())).toBe("unknown");
  });

  it("caps what a client can make us store", () => {
    expect(clientAddress(xff("x".repeat(5000)))).toHaveLength(64);
  });
});
