import { viewerRoute } from "@/lib/api/viewer-route";
import { getInterfaceInventory } from "@/lib/dal/interfaces";
import { todayIso } from "@/lib/format/dates";
import { inventoryCsv } from "@/lib/interfaces/csv";

// The interface inventory as a CSV download, in the columns the import reads.
export const GET = viewerRoute<{ id: string }>("interfaces_csv", async (viewer, { id }) => {
  const inv = await getInterfaceInventory(viewer, id);
  const slug = inv.implementationName.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  return new Response(inventoryCsv(inv.interfaces), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="interfaces-${slug || "implementation"}-${todayIso()}.csv"`,
      "cache-control": "no-store",
    },
  });
});
