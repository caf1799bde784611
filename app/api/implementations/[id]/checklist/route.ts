import { viewerRoute } from "@/lib/api/viewer-route";
import { getImplementation } from "@/lib/dal/implementations";

// The implementation's checklist as JSON, for the page's live view. Same DAL, same rules:
// another organization's implementation is "not found", like a missing one.
export const GET = viewerRoute<{ id: string }>("checklist", async (viewer, { id }) => {
  const implementation = await getImplementation(viewer, id);
  return Response.json({ items: implementation.items }, { headers: { "cache-control": "no-store" } });
});
