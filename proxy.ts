import { NextResponse, type NextRequest } from "next/server";
import { databaseReachable } from "@/lib/dal/health";
import { serverActionBodyProblem } from "@/lib/http/action-request";
import { env } from "@/lib/server/env";
import { contentSecurityPolicy } from "@/lib/server/security-headers";

// Runs before every page and route. It only does what needs no database: a per-request CSP
// nonce and request id, and a redirect to sign-in when there is no session cookie at all.
// It never decides access — every page, action and route asks the DAL.

// /api/v1 is the machines' API: each route checks its bearer token itself (lib/api/token-auth.ts).
const PUBLIC_PATHS = ["/sign-in", "/api/auth", "/api/health", "/api/v1", "/invitation", "/reset-password", "/forgot-password", "/setup"];

// next.config.js `serverActions.bodySizeLimit` ("1mb"). Next enforces it itself but answers a
// larger body with a 500; refusing it here gives a clean 413 instead. A server-action POST must
// say its length (411 otherwise), so a chunked body cannot stream past the check: Node's parser
// never delivers more bytes than Content-Length announces.
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

// The host a form must come from. AUTH_URL names the public origin when it is set; otherwise the
// Host header, or the X-Forwarded-Host a configured proxy wrote (TRUSTED_PROXY_COUNT > 0). A
// client's own X-Forwarded-Host is never believed: it would let any Origin pass.
function expectedHost(request: NextRequest): string | null {
  const config = env();
  if (config.AUTH_URL) return new URL(config.AUTH_URL).host;
  if (config.TRUSTED_PROXY_COUNT > 0) {
    const forwarded = request.headers.get("x-forwarded-host")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return request.headers.get("host");
}

// A POST to a page is a server action. Next refuses a foreign Origin too, but with a 500, and
// its decoders answer a malformed body with a 500: both are refused here first.
async function refusedPost(request: NextRequest, host: string | null): Promise<NextResponse | null> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const origin = request.headers.get("origin");
  let foreign = false;
  // An empty Origin header is not an absent one: no browser sends it, and Next would throw on it.
  if (origin !== null) {
    try {
      foreign = new URL(origin).host !== host;
    } catch {
      foreign = true; // "", "null" (sandboxed frames, some redirects) or garbage
    }
  }
  if (foreign) return plainPage(403, "This form was sent from another site, so it was refused. Nothing was saved.");
  const declared = request.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared.trim())) {
    return plainPage(411, "This form was sent without saying its length, so it was refused. Nothing was saved.");
  }
  if (Number(declared) > SERVER_ACTION_BODY_LIMIT_BYTES) return tooLarge(request);
  const body = new Uint8Array(await request.clone().arrayBuffer());
  if (body.byteLength > SERVER_ACTION_BODY_LIMIT_BYTES) return tooLarge(request);
  const problem = serverActionBodyProblem({
    contentType: request.headers.get("content-type") ?? "",
    isFetchAction: request.headers.has("next-action"),
    body,
  });
  if (problem) return plainPage(problem.status, "This form arrived damaged or in a shape no browser sends, so it was refused. Nothing was saved. Reload the page and try again.");
  return null;
}

// A page's script reads a plain-text refusal as the error's message (app/(app)/error.tsx shows
// it next to the form); a browser without script gets the plain page.
function tooLarge(request: NextRequest): NextResponse {
  const message = "That form is too large to send (the limit is 1 MB). Nothing was saved. Shorten the text and try again.";
  if (request.headers.has("next-action")) {
    return new NextResponse(message, { status: 413, headers: { "content-type": "text/plain", "cache-control": "no-store" } });
  }
  return plainPage(413, message);
}

function plainPage(status: number, message: string, heading = "Readyroom could not accept that"): NextResponse {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Readyroom</title></head><body><main><h1>${heading}</h1><p>${message}</p><p><a href="/">Back to the portfolio</a></p></main></body></html>`;
  return new NextResponse(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export async function proxy(request: NextRequest) {
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
  const host = expectedHost(request);
  const refused = await refusedPost(request, host);
  if (refused) {
    response = refused;
  } else if (request.method === "GET" && !pathname.startsWith("/api/") && !(await databaseReachable())) {
    // A page would fail on its first query; say so with a 503 (load balancers and monitors
    // read the status) and a page that tells the person what is going on.
    response = plainPage(503, "Readyroom could not reach its data just now. Nothing you saved earlier is lost. Try again in a moment.", "This page could not load");
    response.headers.set("retry-after", "5");
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
    // Next's own origin check and Auth.js's URLs read X-Forwarded-Host: pass on only the host
    // decided above, never one the client made up.
    if (host) headers.set("x-forwarded-host", host);
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
