import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { findUserForOidc, verifyCredentials } from "@/lib/dal/sign-in";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { signInSchema } from "@/lib/validation/auth";
import { clientAddress } from "./client-address";

// next-auth, kept behind lib/auth. Sessions are JWTs that carry only the user id, a session
// version and when the user signed in; role, organization and disabled state are read from
// the database on every request (getViewer), so a demoted or disabled user loses access at once.

declare module "next-auth" {
  interface Session {
    userId?: string;
    sessionVersion?: number;
    authTime?: number;
    sessionId?: string;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
    authTime?: number;
    sid?: string;
  }
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await verifyCredentials({
          email: parsed.data.email,
          password: parsed.data.password,
          ip: clientAddress(request.headers, env().TRUSTED_PROXY_COUNT),
        });
        return user ? { id: user.id, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ];
  const oidc = env().oidc;
  if (oidc) {
    list.push({
      id: "oidc",
      name: oidc.name,
      type: "oidc",
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
    });
  }
  return list;
}

function config(): NextAuthConfig {
  const settings = env();
  return {
    secret: settings.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: settings.SESSION_MAX_AGE_MINUTES * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        // Only an e-mail the identity provider has verified may name an account, and only an
        // existing, enabled one: refusing here sends the user back to /sign-in with an error.
        // A missing claim is not a verified one.
        if (typeof profile?.email !== "string" || profile.email_verified !== true) return false;
        const found = await findUserForOidc(profile.email, env().oidc?.organizations ?? []);
        if (!found) return false;
        user.id = found.id;
        user.sessionVersion = found.sessionVersion;
        return true;
      },
      async jwt({ token, user, account }) {
        // `account` is present only at sign-in (OIDC without an adapter reports it as "signUp").
        if (!account) return token;
        // Fails closed: without the id and session version resolved above, no session is made.
        if (!user?.id || typeof user.sessionVersion !== "number") return null;
        // `sid` names this browser session, so a re-entered password counts for it alone.
        return {
          sub: user.id,
          sv: user.sessionVersion,
          authTime: Math.floor(Date.now() / 1000),
          sid: randomUUID(),
        };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          userId: token.sub,
          sessionVersion: token.sv,
          authTime: token.authTime,
          sessionId: token.sid,
        } as typeof session;
      },
    },
    logger: {
      error(error) {
        // A wrong password is an expected outcome, already logged as a security event.
        // (Class names are minified in the build; `type` is the stable name.)
        const type = (error as { type?: string }).type ?? error.name;
        if (type === "CredentialsSignin" || type === "AccessDenied") return;
        log.error("auth.error", { error: type, message: error.message });
      },
      warn(code) {
        log.warn("auth.warning", { code });
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());

export function oidcProvider(): { id: string; name: string } | null {
  const oidc = env().oidc;
  return oidc ? { id: "oidc", name: oidc.name } : null;
}
