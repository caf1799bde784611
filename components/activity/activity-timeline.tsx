import Link from "next/link";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listActivity } from "@/lib/dal/activity";
import { isDomainError } from "@/lib/dal/errors";
import { ActivityList } from "./activity-list";

// An item's recent history (who, what, when, which fields), self-contained for the bottom of the item page: it reads the
// audit trail through the DAL with the viewer's own rights and links to the full timeline.
export async function ItemActivity({ implementationId, itemId }: { implementationId: string; itemId: string }) {
  const viewer = await requireViewer();
  let page;
  try {
    page = await listActivity(viewer, { implementationId, itemId }, {});
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
  return (
    <section aria-labelledby="item-activity-heading" className="mt-8">
      <h2 id="item-activity-heading" className="text-lg font-semibold">
        History
      </h2>
      <ActivityList entries={page.entries} label="Item history" compact />
      <p className="mt-2 text-sm">
        <Link href={`/implementations/${implementationId}/activity?item=${itemId}`} className="text-sky-800 hover:underline">
          See each change before and after{page.nextAfter ? ", and older changes" : ""}
        </Link>
      </p>
    </section>
  );
}
