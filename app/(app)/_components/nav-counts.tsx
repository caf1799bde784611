import { cache } from "react";
import { getNavCounts } from "@/lib/dal/my-work";
import type { Viewer } from "@/lib/domain/viewer";

// The counts next to "My work" and "Blockers". They are read after the page, streamed into the
// navigation through a Suspense boundary, so counting every checklist item in scope never holds
// a page back. The fallback shows the link without a number.
export async function NavCount({ viewer, which }: { viewer: Viewer; which: "myWork" | "blockers" }) {
  const counts = await navCounts(viewer);
  const n = counts[which];
  return n === null ? null : <> ({n})</>;
}

// One statement per request for all three counts, however many boundaries ask.
const navCounts = cache((viewer: Viewer) => getNavCounts(viewer));

// The unread count next to "Inbox", from the same statement, streamed like the counts above.
// Read out as words for screen readers.
export async function UnreadCount({ viewer }: { viewer: Viewer }) {
  const n = (await navCounts(viewer)).unread;
  if (n === 0) return null;
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
