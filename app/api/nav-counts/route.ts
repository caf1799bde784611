import { viewerRoute } from "@/lib/api/viewer-route";
import { getNavCounts } from "@/lib/dal/my-work";

// The numbers next to "My work", "Inbox" and "Blockers", as JSON. The navigation asks for them
// after the page has arrived (app/(app)/_components/nav-counts.tsx), so no page waits for them.
// Same DAL and scope as the lists they count: customer IT counts their own organization's work
// and gets no blockers count.
export const GET = viewerRoute("nav_counts", async (viewer) => {
  const counts = await getNavCounts(viewer);
  return Response.json(counts, { headers: { "cache-control": "private, no-store" } });
});
