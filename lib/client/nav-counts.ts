// The navigation's counts in the browser: one small store the counters read (useSyncExternalStore)
// and anything that may have moved them asks to refresh. It is not a TanStack query on purpose:
// the query client is loaded only where live views need it (app/(app)/implementations/[id]/layout.tsx),
// and the portfolio and the lists would otherwise carry it in their first-load JavaScript just
// for three numbers.

export type NavCounts = { myWork: number; blockers: number | null; unread: number };

let counts: NavCounts | undefined;
let fetchedAt = 0;
let inFlight = false;
let askedAgain = false;
const listeners = new Set<() => void>();

export function subscribeNavCounts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function navCountsSnapshot(): NavCounts | undefined {
  return counts;
}

// Asks GET /api/nav-counts, unless the numbers shown are younger than `unlessYoungerThanMs`. One
// request at a time; a refresh asked for meanwhile (a write just landed) runs once it returns. A
// failed request keeps the numbers shown.
export function refreshNavCounts(unlessYoungerThanMs = 0): void {
  if (counts && Date.now() - fetchedAt < unlessYoungerThanMs) return;
  if (inFlight) {
    askedAgain = true;
    return;
  }
  inFlight = true;
  void fetch("/api/nav-counts", { cache: "no-store" })
    .then(async (response) => {
      if (!response.ok) return;
      counts = (await response.json()) as NavCounts;
      fetchedAt = Date.now();
      for (const listener of listeners) listener();
    })
    .catch(() => {})
    .finally(() => {
      inFlight = false;
      if (askedAgain) {
        askedAgain = false;
        refreshNavCounts();
      }
    });
}
