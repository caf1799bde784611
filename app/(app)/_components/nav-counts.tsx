"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { queryKeys } from "@/lib/client/query-keys";

// The numbers next to "My work", "Inbox" and "Blockers". The browser asks for them once the page
// is on screen (GET /api/nav-counts, one statement in lib/dal/my-work.ts), so no page's response
// waits for them; until they arrive, and without JavaScript, the links show no number.
// They are asked for again whenever the layout is rendered on the server again (a write's
// refresh or revalidation: NavCountsSync gets a new `renderId`), after a write that refreshes
// only live views (useInvalidateOnSuccess), and on moving to another page once they are older
// than NAV_COUNTS_FRESH_MS.

type NavCounts = { myWork: number; blockers: number | null; unread: number };

const NAV_COUNTS_FRESH_MS = 15_000;

async function fetchNavCounts(): Promise<NavCounts> {
  const response = await fetch("/api/nav-counts", { cache: "no-store" });
  if (!response.ok) throw new Error(`navigation counts request failed: ${response.status}`);
  return (await response.json()) as NavCounts;
}

function useNavCounts(): NavCounts | undefined {
  return useQuery({ queryKey: queryKeys.navCounts, queryFn: fetchNavCounts, staleTime: NAV_COUNTS_FRESH_MS }).data;
}

// Rendered once by the layout, with the id of the request that rendered it on the server.
export function NavCountsSync({ renderId }: { renderId: string }) {
  const client = useQueryClient();
  const pathname = usePathname();
  const firstRender = useRef(renderId);
  useEffect(() => {
    // The first render's numbers are being fetched already.
    if (renderId !== firstRender.current) void client.invalidateQueries({ queryKey: queryKeys.navCounts });
  }, [client, renderId]);
  // The layout stays mounted from page to page: a page reached later asks again if the numbers
  // have gone stale.
  useEffect(() => {
    void client.refetchQueries({ queryKey: queryKeys.navCounts, stale: true }, { cancelRefetch: false });
  }, [client, pathname]);
  return null;
}

export function NavCount({ which }: { which: "myWork" | "blockers" }) {
  const n = useNavCounts()?.[which];
  return n === undefined || n === null ? null : <> ({n})</>;
}

// Read out as words for screen readers.
export function UnreadCount() {
  const n = useNavCounts()?.unread;
  if (!n) return null;
  return (
    <>
      {" "}
      <span className="rounded-full bg-slate-900 px-1.5 text-xs font-semibold text-white" aria-hidden="true">
        {n >= 100 ? "99+" : n}
      </span>
      <span className="sr-only">({n >= 100 ? "over 99" : n} unread)</span>
    </>
  );
}
