import { createHash } from "node:crypto";

// What a signer attests to is a canonical snapshot of the item and its evidence: keys sorted,
// no whitespace, so the same content always hashes to the same SHA-256.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export type ItemSnapshot = {
  itemId: string;
  implementationId: string;
  version: number;
  title: string;
  description: string;
  expectedOutcome: string;
  whatChanged: string;
  whatWasTested: string;
  whatNeedsProof: string;
  evidence: {
    id: string;
    kind: string;
    environment: string;
    whatWasTested: string;
    outcome: string;
    observedAt: string;
    recordedBy: string;
    linkUrl: string | null;
  }[];
};

type SnapshotSource = {
  item: Omit<ItemSnapshot, "itemId" | "evidence"> & { id: string };
  evidence: (Omit<ItemSnapshot["evidence"][number], "observedAt"> & { observedAt: Date })[];
};

// The snapshot of an item as a signer sees it: its content and every piece of evidence, newest
// first. The item's status is left out: it follows from the sign-offs, it is not signed content.
export function buildItemSnapshot({ item, evidence }: SnapshotSource): ItemSnapshot {
  return {
    itemId: item.id,
    implementationId: item.implementationId,
    version: item.version,
    title: item.title,
    description: item.description,
    expectedOutcome: item.expectedOutcome,
    whatChanged: item.whatChanged,
    whatWasTested: item.whatWasTested,
    whatNeedsProof: item.whatNeedsProof,
    evidence: [...evidence]
      .sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime() || a.id.localeCompare(b.id))
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        environment: e.environment,
        whatWasTested: e.whatWasTested,
        outcome: e.outcome,
        observedAt: e.observedAt.toISOString(),
        recordedBy: e.recordedBy,
        linkUrl: e.linkUrl,
      })),
  };
}

export function snapshotDigest(snapshot: ItemSnapshot): string {
  return sha256Hex(canonicalJson(snapshot as unknown as Json));
}

// What the signer attests, shown above the button and stored with the sign-off.
export function signOffMeaning(decision: "approve" | "reject", needsOperationalValidation: boolean, attestationOnly = false): string {
  if (decision === "reject") return "I have reviewed this item as shown and it is not ready: it goes back for more work.";
  if (needsOperationalValidation) {
    return "I have validated this workflow with a real example in production, and I approve this item as shown.";
  }
  return attestationOnly
    ? "I attest from my own knowledge that this item is in place as shown, and I approve it for go-live."
    : "I have reviewed this item and its evidence as shown, and I approve it for go-live.";
}

// A short name a person can read aloud and compare for what was signed: the item version and
// the first 8 hex digits of the snapshot's SHA-256 ("v5 · a1b2c3d4"). Always shown beside the
// full digest, which stays the proof.
export function signedName(itemVersion: number, sha256: string): string {
  return `v${itemVersion} · ${sha256.slice(0, 8)}`;
}

// Why an item with no evidence at all cannot be approved (unless its template marks it
// attestation only): a signature attests to what was shown, and nothing was.
export const NO_EVIDENCE_TO_SIGN =
  "This item has no evidence yet, so there is nothing to approve. Record what was tested (technical evidence or an operational validation) first; only items the template marks as attestation only are signed without evidence.";
