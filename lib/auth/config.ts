import "server-only";
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { redeemSignInLink } from "@/lib/dal/account";
import { checkCredentials, findUserForOidc } from "@/lib/dal/sign-in";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";
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

// A paused sign-in is told apart from a wrong password so the person learns what to do; the
// pause is counted before the account is looked up, so it says nothing about whether it exists.
export class ThrottledSignIn extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled_${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
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
        const outcome = await checkCredentials({
          email: parsed.data.email,
          password: parsed.data.password,
          ip: clientAddress(request.headers, env().TRUSTED_PROXY_COUNT),
        });
        if (outcome.status === "throttled") throw new ThrottledSignIn(outcome.retryAfterSeconds);
        return outcome.status === "signed_in" ? { id: outcome.user.id, sessionVersion: outcome.user.sessionVersion } : null;
      },
    }),
    // An e-mailed sign-in link (lib/dal/account.ts): a single-use token, stored as a hash,
    // redeemed here and then a JWT session like any other. Auth.js's own e-mail provider needs
    // an adapter and keeps its tokens in its own table; this keeps one session design.
    Credentials({
      id: "email-link",
      credentials: { token: {} },
      async authorize(raw) {
        const user = await redeemSignInLink((raw as { token?: unknown } | undefined)?.token);
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
        // Linking and matching rules live in findUserForOidc (lib/dal/sign-in.ts): refusing
        // here sends the user back to /sign-in with an error.
        const oidc = env().oidc;
        if (!oidc || typeof profile?.sub !== "string" || !profile.sub) return false;
        const found = await findUserForOidc(
          {
            issuer: typeof profile.iss === "string" ? profile.iss : oidc.issuer,
            subject: profile.sub,
            email: typeof profile.email === "string" ? profile.email : null,
            emailVerified: profile.email_verified === true,
            name: typeof profile.name === "string" ? profile.name : null,
          },
          oidc.organizations,
        );
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
