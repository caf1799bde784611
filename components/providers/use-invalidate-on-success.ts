"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import { queryKeys } from "@/lib/client/query-keys";

// After a server action succeeds, the live views that show what it changed fetch again, and so
// do the navigation's counts, which almost any write can move.
export function useInvalidateOnSuccess(state: { ok: boolean } | null, ...keys: QueryKey[]) {
  const client = useQueryClient();
  useEffect(() => {
    if (state?.ok) for (const key of [...keys, queryKeys.navCounts]) void client.invalidateQueries({ queryKey: key });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keys are rebuilt each render; state is the trigger
  }, [state, client]);
}
