import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security-headers";

// Runs before every page and route. It only does what needs no database: a per-request CSP
// nonce and request id, and a redirect to sign-in when there is no session cookie at all.
// It never decides access — every page, action and route asks the DAL.

const PUBLIC_PATHS = ["/sign-in", "/api/auth", "/api/health"];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const requestId = crypto.randomUUID();
  const oidc = env().oidc;
  const csp = contentSecurityPolicy(nonce, env().NODE_ENV === "development", oidc ? [new URL(oidc.issuer).origin] : []);
  const { pathname, search } = request.nextUrl;

  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));

  let response: NextResponse;
  if (!isPublic && !hasSession) {
    if (pathname.startsWith("/api/")) {
      response = NextResponse.json({ error: "unauthenticated" }, { status: 401 });
    } else {
      const url = new URL("/sign-in", request.url);
      if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
      response = NextResponse.redirect(url);
    }
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("x-request-id", requestId);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  if (env().NODE_ENV === "production") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
