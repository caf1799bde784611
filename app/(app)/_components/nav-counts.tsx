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

// One statement per request for both counts, however many boundaries ask.
const navCounts = cache((viewer: Viewer) => getNavCounts(viewer));
