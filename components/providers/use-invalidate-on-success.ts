"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { refreshNavCounts } from "@/lib/client/nav-counts";

// After a server action succeeds, the live views that show what it changed fetch again, and so
// do the navigation's counts, which almost any write can move.
export function useInvalidateOnSuccess(state: { ok: boolean } | null, ...keys: QueryKey[]) {
  const client = useQueryClient();
  useEffect(() => {
    if (!state?.ok) return;
    for (const key of keys) void client.invalidateQueries({ queryKey: key });
    refreshNavCounts();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keys are rebuilt each render; state is the trigger
  }, [state, client]);
}
