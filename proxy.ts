import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security-headers";

// Runs before every page and route. It only does what needs no database: a per-request CSP
// nonce and request id, and a redirect to sign-in when there is no session cookie at all.
// It never decides access — every page, action and route asks the DAL.

const PUBLIC_PATHS = ["/sign-in", "/api/auth", "/api/health", "/invitation", "/reset-password", "/forgot-password", "/setup"];

// next.config.js `serverActions.bodySizeLimit` ("1mb"). Next enforces it itself but answers a
// larger body with a 500; refusing it here by its Content-Length gives a clean 413 instead.
// (A chunked body without Content-Length still reaches Next's own check.)
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

// A POST to a page is a server action. Next refuses a foreign Origin too, but with a 500.
function refusedPost(request: NextRequest): NextResponse | null {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let foreign = false;
  if (origin) {
    try {
      foreign = new URL(origin).host !== host;
    } catch {
      foreign = true; // "null" (sandboxed frames, some redirects) or garbage
    }
  }
  if (foreign) return plainPage(403, "This form was sent from another site, so it was refused. Nothing was saved.");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > SERVER_ACTION_BODY_LIMIT_BYTES) {
    return plainPage(413, "That form is too large to send (the limit is 1 MB). Nothing was saved. Shorten the text and try again.");
  }
  return null;
}

function plainPage(status: number, message: string): NextResponse {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Readyroom</title></head><body><main><h1>Readyroom could not accept that</h1><p>${message}</p><p><a href="/">Back to the portfolio</a></p></main></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
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
  const refused = refusedPost(request);
  if (refused) {
    response = refused;
  } else if (!isPublic && !hasSession) {
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
