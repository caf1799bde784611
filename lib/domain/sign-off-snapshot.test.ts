import { describe, expect, it } from "vitest";
import { buildItemSnapshot, canonicalJson, sha256Hex, signOffMeaning, snapshotDigest, type ItemSnapshot } from "./sign-off-snapshot";

const snapshot: ItemSnapshot = {
  itemId: "00000000-0000-4000-8000-000000000001",
  implementationId: "00000000-0000-4000-8000-000000000002",
  version: 3,
  title: "Production smoke test",
  description: "",
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

describe("buildItemSnapshot", () => {
  const evidence = (id: string, observedAt: string) => ({
    id,
    kind: "operational",
    environment: "production",
    whatWasTested: "Rescheduled ZZTEST-0002",
    outcome: "pass",
    observedAt: new Date(observedAt),
    recordedBy: "Casey Lin",
    linkUrl: null,
  });
  const item = { ...snapshot, id: snapshot.itemId };

  it("lists evidence newest first whatever order it was read in, so the digest does not depend on it", () => {
    const a = buildItemSnapshot({ item, evidence: [evidence("e1", "2026-11-01T00:00:00Z"), evidence("e2", "2026-11-02T00:00:00Z")] });
    const b = buildItemSnapshot({ item, evidence: [evidence("e2", "2026-11-02T00:00:00Z"), evidence("e1", "2026-11-01T00:00:00Z")] });
    expect(a.evidence.map((e) => e.id)).toEqual(["e2", "e1"]);
    expect(snapshotDigest(a)).toBe(snapshotDigest(b));
  });

  it("changes the digest when evidence is added", () => {
    const one = buildItemSnapshot({ item, evidence: [evidence("e1", "2026-11-01T00:00:00Z")] });
    const two = buildItemSnapshot({ item, evidence: [evidence("e1", "2026-11-01T00:00:00Z"), evidence("e3", "2026-11-03T00:00:00Z")] });
    expect(snapshotDigest(one)).not.toBe(snapshotDigest(two));
  });
});

describe("signOffMeaning", () => {
  it("attests a real production example when the item needs operational validation", () => {
    expect(signOffMeaning("approve", true)).toContain("validated this workflow with a real example in production");
    expect(signOffMeaning("approve", false)).not.toContain("real example");
  });
});
