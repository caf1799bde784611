import { viewerRoute } from "@/lib/api/viewer-route";
import { getImplementation } from "@/lib/dal/implementations";
import { parseChecklistView } from "@/lib/validation/checklist-view";

// The implementation's checklist as JSON, for the page's live view, filtered and ordered as the
// page's view asks (?show=…&sort=…). Same DAL, same rules: another organization's
// implementation is "not found", like a missing one.
export const GET = viewerRoute<{ id: string }>("checklist", async (viewer, { id }, request) => {
  const view = parseChecklistView(new URL(request.url).searchParams);
  const implementation = await getImplementation(viewer, id, view);
  return Response.json({ items: implementation.items, total: implementation.itemsTotal }, { headers: { "cache-control": "no-store" } });
});
