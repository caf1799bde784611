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
});
