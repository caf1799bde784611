import { getViewer } from "@/lib/auth/viewer";
import { isDomainError } from "@/lib/dal/errors";
import { getGate } from "@/lib/dal/gate";
import { errorFields, log } from "@/lib/log";

// The implementation's go/no-go verdict and reasons as JSON, for the page's live view. Same DAL,
// same rules: another organization's implementation is "not found", like a missing one.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const { id } = await params;
  try {
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
  } catch (error) {
    if (isDomainError(error) && (error.code === "not_found" || error.code === "forbidden")) {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    log.error("api.gate_failed", errorFields(error));
    return Response.json({ error: "unavailable" }, { status: 503 });
  }
}
