import { openApiDocument } from "@/lib/api/openapi";

// The machine API's OpenAPI 3.1 document, public like the API's own docs.
export function GET(request: Request): Response {
  return Response.json(openApiDocument(new URL(request.url).origin), { headers: { "cache-control": "public, max-age=300" } });
}
