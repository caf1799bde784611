"use client";

import { useQuery } from "@tanstack/react-query";
import { LIVE_REFRESH_MS, queryKeys } from "@/lib/client/query-keys";
import { GateSummary, type GateSummaryData } from "./gate-panel";

type LiveGate = GateSummaryData & { digest: string };

async function fetchGate(implementationId: string): Promise<LiveGate> {
  const response = await fetch(`/api/implementations/${implementationId}/gate`, { cache: "no-store" });
  if (!response.ok) throw new Error(`gate request failed: ${response.status}`);
  return (await response.json()) as LiveGate;
}

// The verdict, kept fresh like the checklist: a colleague's signature or blocker shows here
// within seconds. A decision form opened on an older verdict is told so (and the server would
// refuse it anyway).
export function GateLive({ implementationId, initial }: { implementationId: string; initial: LiveGate }) {
  const query = useQuery({
    queryKey: queryKeys.gate(implementationId),
    queryFn: () => fetchGate(implementationId),
    initialData: initial,
    refetchInterval: LIVE_REFRESH_MS,
  });
  const changed = query.data.digest !== initial.digest;
  return (
    <div>
      <GateSummary gate={query.data} />
      {changed ? (
        <p role="status" className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The gate changed since this page loaded. Reload before recording a decision.
        </p>
      ) : null}
    </div>
  );
}
