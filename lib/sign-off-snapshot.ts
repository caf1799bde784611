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
  version: number;
  title: string;
  status: string;
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
  }[];
};

export function snapshotDigest(snapshot: ItemSnapshot): string {
  return sha256Hex(canonicalJson(snapshot as unknown as Json));
}
