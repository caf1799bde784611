import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The session cookie read straight from the cookie jar (lib/auth/session-claims.ts), against
// cookies made the way Auth.js makes them at sign-in: the same encode, secret and salt.
const SECRET = "session-claims-test-secret-session-claims-1";
let jar: { name: string; value: string }[] = [];

vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => jar, get: (name: string) => jar.find((c) => c.name === name) }),
}));
vi.mock("@/lib/server/env", () => ({ env: () => ({ AUTH_SECRET: SECRET }) }));

const { readSessionClaims } = await import("./session-claims");

const claims = { sub: "1b7a2f0e-5d7c-4c38-9b1e-0f3f8d1a2b3c", sv: 3, authTime: 1_764_800_000, sid: "6f1c8e0a-3b1d-4f5e-8a9b-7c6d5e4f3a2b" };
const cookie = (name: string, token: Record<string, unknown> = claims, options: { secret?: string; maxAge?: number; salt?: string } = {}) =>
  encode({ token, secret: options.secret ?? SECRET, salt: options.salt ?? name, maxAge: options.maxAge ?? 3600 }).then((value) => ({ name, value }));

describe("reading the session cookie", () => {
  beforeEach(() => {
    jar = [];
  });

  it("gives the person, session version, sign-in time and browser session of a cookie made at sign-in", async () => {
    jar = [{ name: "theme", value: "dark" }, await cookie("authjs.session-token")];
    expect(await readSessionClaims()).toEqual({ userId: claims.sub, sessionVersion: 3, authTime: claims.authTime, sessionId: claims.sid });
  });

  it("reads the __Secure- cookie a site served over HTTPS sets, with its own salt", async () => {
    jar = [await cookie("__Secure-authjs.session-token")];
    expect(await readSessionClaims()).toMatchObject({ userId: claims.sub });
    // The same token under the other name does not open: the name is part of the key.
    jar = [{ name: "authjs.session-token", value: (await cookie("__Secure-authjs.session-token")).value }];
    expect(await readSessionClaims()).toBeNull();
  });

  it("joins a cookie Auth.js split into pieces", async () => {
    const whole = await cookie("authjs.session-token");
    const half = Math.ceil(whole.value.length / 2);
    jar = [
      { name: "authjs.session-token.1", value: whole.value.slice(half) },
      { name: "authjs.session-token.0", value: whole.value.slice(0, half) },
    ];
    expect(await readSessionClaims()).toMatchObject({ userId: claims.sub, sessionVersion: 3 });
  });

  it("is signed out with no cookie, an expired one, a tampered one or one made with another secret", async () => {
    expect(await readSessionClaims()).toBeNull();
    jar = [await cookie("authjs.session-token", claims, { maxAge: -60 })];
    expect(await readSessionClaims()).toBeNull();
    const good = await cookie("authjs.session-token");
    const tampered = `${good.value.slice(0, -6)}${good.value.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    jar = [{ name: good.name, value: tampered }];
    expect(await readSessionClaims()).toBeNull();
    jar = [await cookie("authjs.session-token", claims, { secret: "another-secret-another-secret-another-secret" })];
    expect(await readSessionClaims()).toBeNull();
    jar = [{ name: "authjs.session-token", value: "not a token" }];
    expect(await readSessionClaims()).toBeNull();
  });

  it("refuses a token without a person or a session version (made before sign-in completed)", async () => {
    jar = [await cookie("authjs.session-token", { sub: claims.sub })];
    expect(await readSessionClaims()).toBeNull();
    jar = [await cookie("authjs.session-token", { sv: 1 })];
    expect(await readSessionClaims()).toBeNull();
  });
});
