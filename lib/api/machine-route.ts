import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ApiTokenScope } from "@/lib/api/vocabulary";
import { auditApiTokenRefusal, authenticateApiToken, touchApiToken, type ApiToken, type RefusalReason } from "@/lib/dal/api-tokens";
import { requestHash, type ApiResult } from "@/lib/dal/api-writes";
import { isDomainError } from "@/lib/dal/errors";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { env } from "@/lib/server/env";
import { errorFields, log } from "@/lib/server/log";
import { allowRequest } from "./rate-limit";

// The one wrapper of every POST route of the machine API (/api/v1): read the body within its
// size limit, authenticate the bearer token, hold it to its rate, its implementation, its
// scope and its environments (a refusal of a known token is audited under its name and writes
// nothing), parse the body with the route's zod schema, and answer every error as RFC 9457
// application/problem+json with a detail a person can act on.

const PROBLEM_BASE = "https://readyroom.example/problems/";

export function problem(status: number, slug: string, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: `${PROBLEM_BASE}${slug}`, title, status, detail, ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

const refusalDetail: Record<RefusalReason, [number, string, string]> = {
  expired: [401, "token-expired", "This token has expired. Make a new one on the implementation's API tokens page."],
  revoked: [401, "token-revoked", "This token was revoked. Make a new one on the implementation's API tokens page."],
  creator_inactive: [401, "token-inactive", "The person who made this token can no longer manage tokens, so it no longer works. Make a new one."],
  other_implementation: [403, "wrong-implementation", "This token was made for another implementation; it can post only to its own."],
  scope: [403, "wrong-scope", "This token may not post this. Make a token with this permission."],
  environment: [403, "wrong-environment", "This token may not post for this environment."],
};

async function readBody(request: Request, limit: number): Promise<{ ok: true; text: string } | { ok: false }> {
  const declared = request.headers.get("content-length");
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit) return { ok: false };
  const reader = request.body?.getReader();
  if (!reader) return { ok: true, text: "" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    (out[key] ??= []).push(issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message);
  }
  return out;
}

type Handler<S extends z.ZodType, P> = {
  name: string;
  scope: ApiTokenScope;
  schema: S;
  environmentOf: (input: z.output<S>) => EnvironmentKind;
  run: (token: ApiToken, input: z.output<S>, params: P, context: { idempotency: { key: string; hash: string } | null; requestId: string }) => Promise<ApiResult>;
};

export function machineRoute<S extends z.ZodType, P extends { id: string }>(handler: Handler<S, P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const path = new URL(request.url).pathname;
    try {
      const params = await context.params;
      const authorization = request.headers.get("authorization");
      const presented = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
      const auth = await authenticateApiToken(presented);
      if (!auth.ok) {
        const { refusal } = auth;
        if ("token" in refusal) {
          await auditApiTokenRefusal(refusal.token, refusal.reason, { method: request.method, path, requestId });
          const [status, slug, detail] = refusalDetail[refusal.reason];
          return problem(status, slug, "Token refused", detail, {}, { "www-authenticate": 'Bearer error="invalid_token"' });
        }
        return problem(401, "unauthenticated", "Token required", "Send a valid API token as `Authorization: Bearer rr_…`.", {}, { "www-authenticate": "Bearer" });
      }
      const token = auth.token;
      const refuse = async (reason: RefusalReason, detail: Record<string, unknown> = {}) => {
        await auditApiTokenRefusal({ ...token, createdById: token.viewer.userId }, reason, { method: request.method, path, requestId, detail });
        const [status, slug, text] = refusalDetail[reason];
        return problem(status, slug, "Token refused", text);
      };

      const config = env();
      const rate = allowRequest(token.id, config.API_TOKEN_REQUESTS_PER_MINUTE);
      if (!rate.ok) {
        return problem(429, "rate-limited", "Too many requests", `This token may make ${config.API_TOKEN_REQUESTS_PER_MINUTE} requests a minute. Try again in ${rate.retryAfterSeconds} s.`, {}, { "retry-after": String(rate.retryAfterSeconds) });
      }
      if (params.id !== token.implementationId) return refuse("other_implementation", { requestedImplementationId: params.id.slice(0, 64) });
      if (!token.scopes.includes(handler.scope)) return refuse("scope", { needed: handler.scope });

      const body = await readBody(request, config.API_BODY_LIMIT_BYTES);
      if (!body.ok) return problem(413, "too-large", "Body too large", `The body can be at most ${config.API_BODY_LIMIT_BYTES} bytes. Nothing was saved.`);
      if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
        return problem(415, "unsupported-media-type", "JSON expected", "Send the body as application/json.");
      }
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        return problem(400, "malformed-json", "Malformed JSON", "The body is not valid JSON. Nothing was saved.");
      }
      const parsed = handler.schema.safeParse(json);
      if (!parsed.success) {
        return problem(422, "invalid", "Invalid request", "Some fields need attention. Nothing was saved.", { errors: fieldErrors(parsed.error) });
      }
      const environment = handler.environmentOf(parsed.data);
      if (!token.environments.includes(environment)) return refuse("environment", { environment });

      const key = request.headers.get("idempotency-key");
      if (key !== null && !/^[\x21-\x7e]{1,200}$/.test(key)) {
        return problem(422, "invalid-idempotency-key", "Invalid Idempotency-Key", "Idempotency-Key must be 1 to 200 visible ASCII characters, such as a UUID.");
      }
      const result = await handler.run(token, parsed.data, params, {
        idempotency: key ? { key, hash: requestHash({ path, body: json }) } : null,
        requestId,
      });
      await touchApiToken(token.id);
      return new Response(JSON.stringify(result.body), {
        status: result.status,
        headers: { "content-type": "application/json", "cache-control": "no-store", ...(result.replayed ? { "idempotent-replayed": "true" } : {}) },
      });
    } catch (error) {
      if (isDomainError(error)) {
        if (error.code === "not_found") return problem(404, "not-found", "Not found", error.message);
        if (error.code === "conflict") return problem(409, "conflict", "Conflict", error.message);
        if (error.code === "invalid") return problem(422, "invalid", "Invalid request", error.message, error.fieldErrors ? { errors: error.fieldErrors } : {});
        if (error.code === "forbidden") return problem(403, "forbidden", "Forbidden", error.message);
      }
      log.error(`api.v1.${handler.name}_failed`, { requestId, ...errorFields(error) });
      return problem(503, "unavailable", "Unavailable", "Readyroom could not save this just now. Nothing was saved; retry with the same Idempotency-Key.", {}, { "retry-after": "5" });
    }
  };
}
