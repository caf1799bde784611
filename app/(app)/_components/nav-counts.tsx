"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { navCountsSnapshot, refreshNavCounts, subscribeNavCounts, type NavCounts } from "@/lib/client/nav-counts";

// The numbers next to "My work", "Inbox" and "Blockers". The browser asks for them once the page
// is on screen (GET /api/nav-counts, one statement in lib/dal/my-work.ts), so no page's response
// waits for them; until they arrive, and without JavaScript, the links show no number.
// They are asked for again whenever the layout is rendered on the server again (a write's
// refresh or revalidation: NavCountsSync gets a new `renderId`), after a write that refreshes
// only live views (useInvalidateOnSuccess), and on moving to another page once they are older
// than NAV_COUNTS_FRESH_MS.

const NAV_COUNTS_FRESH_MS = 15_000;

function useNavCounts(): NavCounts | undefined {
  return useSyncExternalStore(subscribeNavCounts, navCountsSnapshot, () => undefined);
}

// Rendered once by the layout, with the id of the request that rendered it on the server.
export function NavCountsSync({ renderId }: { renderId: string }) {
  const pathname = usePathname();
  const firstRender = useRef(renderId);
  useEffect(() => {
    // A layout rendered anew (not the first one) may show a write's effect: ask again.
    if (renderId !== firstRender.current) refreshNavCounts();
  }, [renderId]);
  // On the first page, and on each page reached later if the numbers have gone stale (the
  // layout stays mounted from page to page).
  useEffect(() => {
    refreshNavCounts(NAV_COUNTS_FRESH_MS);
  }, [pathname]);
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
