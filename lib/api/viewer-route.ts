import "server-only";
import { getViewer } from "@/lib/auth/session-viewer";
import { isDomainError } from "@/lib/dal/errors";
import type { Viewer } from "@/lib/domain/viewer";
import { errorFields, log } from "@/lib/server/log";

// A GET route handler for a signed-in viewer, answering the way every read route does: 401
// signed out; 404 for a record that is missing, another organization's or not the viewer's to
// see (one answer for all three); 503, logged, for anything unexpected.
export function viewerRoute<P extends Record<string, string>>(
  name: string,
  run: (viewer: Viewer, params: P, request: Request) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      // Inside the try: reading the session's user needs the database too, and when it is
      // unreachable the answer is a 503 with a body, never an empty 500.
      const viewer = await getViewer();
      if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
      return await run(viewer, await context.params, request);
    } catch (error) {
      if (isDomainError(error) && (error.code === "not_found" || error.code === "forbidden")) {
        return Response.json({ error: "not_found" }, { status: 404 });
      }
      log.error(`api.${name}_failed`, errorFields(error));
      return Response.json(
        { error: "unavailable", message: "Readyroom could not reach its data just now. Try again in a moment." },
        { status: 503, headers: { "retry-after": "5", "cache-control": "no-store" } },
      );
    }
  };
}
