"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";

// After a server action succeeds, the live views that show what it changed fetch again.
export function useInvalidateOnSuccess(state: { ok: boolean } | null, ...keys: QueryKey[]) {
  const client = useQueryClient();
  useEffect(() => {
    if (state?.ok) for (const key of keys) void client.invalidateQueries({ queryKey: key });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keys are rebuilt each render; state is the trigger
  }, [state, client]);
}
