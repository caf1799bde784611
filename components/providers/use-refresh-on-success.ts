"use client";

import { useRouter } from "next/navigation";
import { createContext, createElement, useCallback, useContext, useLayoutEffect, useMemo, useTransition, type ReactNode } from "react";

// After a server action that answers with only what it changed (no re-rendered page in its
// response), the page on screen fetches its server-rendered parts again, once. Until the fresh
// page has arrived the forms under the provider wait (WriteForm disables its fields), so a second
// write cannot go out with the version read before the first one. Without JavaScript there is
// nothing to do: the form's POST renders the page fresh after the write.

type PageRefresh = { refreshing: boolean; refresh: () => void };

const PageRefreshContext = createContext<PageRefresh | null>(null);

export function PageRefreshProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const refresh = useCallback(() => startTransition(() => router.refresh()), [router]);
  const value = useMemo(() => ({ refreshing, refresh }), [refreshing, refresh]);
  return createElement(PageRefreshContext.Provider, { value }, children);
}

// Whether a write's refresh is still on its way (false outside a provider).
export function usePageRefreshing(): boolean {
  return useContext(PageRefreshContext)?.refreshing ?? false;
}

export function useRefreshOnSuccess(state: { ok: boolean } | null) {
  const router = useRouter();
  const shared = useContext(PageRefreshContext);
  const refresh = shared?.refresh ?? router.refresh;
  // Before the answer is painted, so the forms are already waiting when "Saved." shows.
  useLayoutEffect(() => {
    if (state?.ok) refresh();
  }, [state, refresh]);
}
