import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex, snapshotDigest, type ItemSnapshot } from "./sign-off-snapshot";

const snapshot: ItemSnapshot = {
  itemId: "00000000-0000-4000-8000-000000000001",
  version: 3,
  title: "Production smoke test",
  status: "ready_for_signoff",
  expectedOutcome: "Appointment appears",
  whatChanged: "",
  whatWasTested: "Booked ZZTEST-0002",
  whatNeedsProof: "",
  evidence: [],
};

describe("canonical snapshot", () => {
  it("orders keys so equal content gives equal text", () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: "x", c: 2 }] })).toBe('{"a":[true,null,{"c":2,"d":"x"}],"b":1}');
  });

  it("hashes to the known SHA-256", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("changes the digest when anything the signer saw changes", () => {
    const base = snapshotDigest(snapshot);
    expect(snapshotDigest({ ...snapshot })).toBe(base);
    expect(snapshotDigest({ ...snapshot, version: 4 })).not.toBe(base);
    expect(snapshotDigest({ ...snapshot, whatWasTested: "Booked ZZTEST-0003" })).not.toBe(base);
  });
});
