import { viewerRoute } from "@/lib/api/viewer-route";
import { getGate } from "@/lib/dal/gate";

// The implementation's go/no-go verdict and reasons as JSON, for the page's live view. Same DAL,
// same rules: another organization's implementation is "not found", like a missing one.
export const GET = viewerRoute<{ id: string }>("gate", async (viewer, { id }) => {
  const gate = await getGate(viewer, id);
  return Response.json(
    {
      verdict: gate.verdict,
      reasons: gate.reasons,
      waivers: gate.waivers,
      requiredItems: gate.requiredItems,
      requiredItemsDone: gate.requiredItemsDone,
      digest: gate.digest,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
