"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

// After a server action that answers with only what it changed (no re-rendered page in its
// response), the page on screen fetches its server-rendered parts again, once. Without
// JavaScript there is nothing to do: the form's POST renders the page fresh after the write.
export function useRefreshOnSuccess(state: { ok: boolean } | null) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
}
