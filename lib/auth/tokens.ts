import { createHash, randomBytes } from "node:crypto";

// Single-use link tokens: 32 random bytes for the link, and only their SHA-256 in the database.
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// A token as it arrives in a link: refuse anything that is not one, before hashing or querying.
export function looksLikeToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
