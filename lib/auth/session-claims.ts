import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { env } from "@/lib/server/env";

// The session cookie's claims, decrypted once, with no round trip through Auth.js's session
// endpoint. `auth()` without arguments runs that whole endpoint for every page and action: it
// builds the configuration, decrypts the cookie, runs the callbacks, then encrypts a fresh cookie
// whose Set-Cookie it throws away (a server component cannot set cookies). The claims are the
// same either way (lib/auth/config.ts writes them at sign-in): who, which session version, when
// the password was last entered, and which browser session. Expiry, tampering and a cookie made
// with another secret are refused by the decryption itself (the token's `exp`, its tag).

export type SessionClaims = { userId: string; sessionVersion: number; authTime: number | null; sessionId: string | null };

// Auth.js names the cookie with the __Secure- prefix when the site is served over HTTPS; it is
// also the salt of the cookie's key. A browser never accepts a __Secure- cookie over plain HTTP.
const SECURE = "__Secure-authjs.session-token";
const PLAIN = "authjs.session-token";

function claimsFromToken(token: Record<string, unknown> | null): SessionClaims | null {
  if (!token || typeof token.sub !== "string" || !token.sub || typeof token.sv !== "number") return null;
  return {
    userId: token.sub,
    sessionVersion: token.sv,
    authTime: typeof token.authTime === "number" ? token.authTime : null,
    sessionId: typeof token.sid === "string" ? token.sid : null,
  };
}

export async function readSessionClaims(): Promise<SessionClaims | null> {
  const all = (await cookies()).getAll();
  // A large cookie is split into name.0, name.1…; getToken joins the pieces.
  const named = (name: string) => all.filter((c) => c.name === name || c.name.startsWith(`${name}.`));
  const secure = named(SECURE).length > 0;
  const name = secure ? SECURE : PLAIN;
  const pieces = named(name);
  if (pieces.length === 0) return null;
  // Only the cookies: getToken would also take a bearer token from Authorization, which is
  // the machines' API token, never a session.
  const cookie = pieces.map((c) => `${c.name}=${c.value}`).join("; ");
  const token = await getToken({ req: { headers: { cookie } }, secret: env().AUTH_SECRET, secureCookie: secure, salt: name });
  return claimsFromToken(token);
}
