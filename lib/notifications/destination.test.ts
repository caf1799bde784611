import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { isPrivateAddress, refusedDestination } from "./destination";
import { sendDelivery } from "./send";

describe("isPrivateAddress", () => {
  it("refuses loopback, private, link-local (cloud metadata), CGNAT, multicast and unspecified addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
  });

  it("allows public addresses, including those next to private ranges", () => {
    for (const ip of ["8.8.8.8", "172.15.0.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });
});

describe("refusedDestination", () => {
  it("refuses a host name that resolves to any private address, and says which", async () => {
    const lookup = async () => [{ address: "203.0.113.7" }, { address: "10.0.0.5" }];
    expect(await refusedDestination("https://hooks.example.org/x", { lookup })).toBe(
      "Refused: hooks.example.org is in a private, loopback or link-local network (10.0.0.5)",
    );
    expect(await refusedDestination("https://hooks.example.org/x", { lookup: async () => [{ address: "203.0.113.7" }] })).toBeNull();
    expect(await refusedDestination("http://[::1]:8080/x")).toMatch(/^Refused: ::1/);
    expect(await refusedDestination("http://169.254.169.254/latest/meta-data")).toMatch(/^Refused/);
    expect(await refusedDestination("https://nowhere.invalid/x", { lookup: async () => Promise.reject(new Error("ENOTFOUND")) })).toBe(
      "Could not resolve the host name",
    );
  });

  it("refuses the spellings of private addresses a URL can carry, judged after parsing", async () => {
    for (const url of [
      "http://[::ffff:127.0.0.1]:8080/hook", // serialised by URL as [::ffff:7f00:1]
      "http://[::ffff:169.254.169.254]/latest/meta-data",
      "http://[::ffff:10.0.0.1]/",
      "http://[::127.0.0.1]/", // IPv4-compatible
      "http://[64:ff9b::127.0.0.1]/", // NAT64 to loopback
      "http://[64:ff9b::a9fe:a9fe]/", // NAT64 to the metadata service
      "http://[2002:7f00:1::]/", // 6to4 around loopback
      "http://[::]/",
      "http://2130706433/", // decimal 127.0.0.1
      "http://0177.0.0.1/", // octal
      "http://0x7f.1/", // hexadecimal, short form
      "http://0xa9fea9fe/", // 169.254.169.254
      "http://017700000001/",
      "http://127.1/",
    ]) {
      expect(await refusedDestination(url), url).toMatch(/^Refused: .* is in a private, loopback or link-local network/);
    }
    for (const url of ["http://[::ffff:8.8.8.8]/", "http://[64:ff9b::808:808]/", "https://[2606:4700::1111]/", "http://134744072/"]) {
      expect(await refusedDestination(url), url).toBeNull();
    }
  });

  it("refuses a DNS name that resolves to a private address, whatever its spelling", async () => {
    expect(await refusedDestination("http://localhost:9/x")).toMatch(/^Refused: localhost/);
    for (const address of ["::ffff:127.0.0.1", "::ffff:7f00:1", "64:ff9b::a9fe:a9fe", "fd12::1"]) {
      expect(await refusedDestination("https://rebind.example.org/x", { lookup: async () => [{ address }] }), address).toMatch(/^Refused: rebind\.example\.org/);
    }
    expect(await refusedDestination("file:///etc/passwd")).toMatch(/^Refused/);
  });

  it("lets a deployment allow its own network", async () => {
    expect(await refusedDestination("http://127.0.0.1:9/x", { allowPrivateNetworks: true })).toBeNull();
  });
});

describe("sendDelivery to a loopback receiver", () => {
  it("never reaches it unless private networks are allowed", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const target = { url: `http://127.0.0.1:${port}/hook`, secret: "s", deliveryId: "d1" };
    const payload = { id: "e1", event: "webhook.test", occurredAt: new Date().toISOString(), implementation: { id: "i", name: "n", customer: "c" }, data: {} };
    try {
      const refused = await sendDelivery(target, payload);
      expect(refused).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/^Refused: 127\.0\.0\.1/) });
      expect(hits).toBe(0);
      expect(await sendDelivery(target, payload, { allowPrivateNetworks: true })).toMatchObject({ ok: true, statusCode: 200 });
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });

  it("connects to the address that was vetted, not to a second DNS answer", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const payload = { id: "e1", event: "webhook.test", occurredAt: new Date().toISOString(), implementation: { id: "i", name: "n", customer: "c" }, data: {} };
    try {
      // The check is told "localhost" is a public address (a DNS answer that changes between the
      // check and the connection, as in DNS rebinding); the system resolver would say 127.0.0.1.
      const outcome = await sendDelivery({ url: `http://localhost:${port}/hook`, secret: "s", deliveryId: "d2" }, payload, {
        lookup: async () => [{ address: "192.0.2.1" }], // TEST-NET-1: public by classification, unreachable here
        timeoutMs: 500,
      });
      expect(outcome.ok).toBe(false);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it("never follows a redirect, so a vetted receiver cannot bounce the payload to loopback", async () => {
    let inner = 0;
    const internal = createServer((_req, res) => {
      inner++;
      res.end("ok");
    });
    await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
    const internalPort = (internal.address() as { port: number }).port;
    const bouncer = createServer((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${internalPort}/admin` });
      res.end();
    });
    await new Promise<void>((resolve) => bouncer.listen(0, "127.0.0.1", resolve));
    const bouncerPort = (bouncer.address() as { port: number }).port;
    const payload = { id: "e1", event: "webhook.test", occurredAt: new Date().toISOString(), implementation: { id: "i", name: "n", customer: "c" }, data: {} };
    try {
      const outcome = await sendDelivery({ url: `http://127.0.0.1:${bouncerPort}/hook`, secret: "s", deliveryId: "d3" }, payload, { allowPrivateNetworks: true });
      expect(outcome).toEqual({ ok: false, statusCode: 307, error: "Redirect not followed" });
      expect(inner).toBe(0);
    } finally {
      bouncer.close();
      internal.close();
    }
  });
});
