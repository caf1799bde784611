import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { blockerSearchDocument, checklistItems, itemSearchDocument } from "@/db/schema";
import { seedId } from "@/db/seed";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { searchEverything } from "./search";

const demo = withDemoDatabase();
type Rows = Record<string, unknown>[];
const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? result : ((result as { rows: Rows }).rows ?? []));
const { v } = demo;

describe("searchEverything", () => {
  it("finds implementations, items and blockers by their words, stemmed", async () => {
    const found = await searchEverything(v.engineer!, "appointments");
    expect(found.implementations.map((r) => r.name)).toContain("Appointment sync");
    const latency = await searchEverything(v.engineer!, "latency");
    expect(latency.items.map((r) => r.id)).toContain(seedId("item:riverbend-appointments:monitoring-setup"));
    expect(latency.blockers.map((r) => r.reason)).toContain("Latency dashboard missing the second region.");
    const booking = await searchEverything(v.manager!, "403 booking");
    expect(booking.blockers.map((r) => r.reason)).toEqual(["Production client lacks patient/Appointment.rs: booking calls return 403."]);
  });

  it("keeps customer IT to their own organization's rows, in SQL", async () => {
    // Words only Riverbend's rows hold: the vendor finds them, Lakeshore finds nothing.
    for (const q of ["Riverbend", "\"second region\"", "merged patients"]) {
      const vendor = await searchEverything(v.engineer!, q);
      expect([...vendor.implementations, ...vendor.items, ...vendor.blockers].length, q).toBeGreaterThan(0);
      expect(await searchEverything(v.lakeshore!, q), q).toEqual({ implementations: [], items: [], blockers: [] });
    }
    // Words every checklist shares: each customer finds only its own organization's rows.
    for (const [viewer, customer] of [
      [v.lakeshore!, "Lakeshore Medical Group (fictional)"],
      [v.riverbend!, "Riverbend Health (fictional)"],
    ] as const) {
      for (const q of ["monitoring", "latency", "appointment", "production"]) {
        const found = await searchEverything(viewer, q);
        for (const row of [...found.implementations, ...found.items, ...found.blockers]) expect(row.customerName, q).toBe(customer);
      }
      const shared = await searchEverything(viewer, "monitoring");
      expect(shared.items.length).toBeGreaterThan(0);
    }
  });

  it("reads hostile or odd input as words, never as syntax", async () => {
    for (const q of ["' OR 1=1 --", "a & | ! (", '"unterminated', "-", "<script>alert(1)</script>", "x".repeat(200)]) {
      await expect(searchEverything(v.engineer!, q), q).resolves.toBeDefined();
    }
    expect(await searchEverything(v.engineer!, "   ")).toEqual({ implementations: [], items: [], blockers: [] });
  });
});

describe("search: the GIN index serves the search's own expression", () => {
  async function plan(where: ReturnType<typeof sql>) {
    return demo.db.transaction(async (tx) => {
      // With sequential and plain index scans priced out, the planner takes a bitmap scan of an
      // index that can serve the match (GIN indexes are read that way) whenever there is one;
      // on a table this small it would otherwise rightly read the rows directly.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_indexscan = off`);
      const result = await tx.execute(sql`explain select ${checklistItems.id} from ${checklistItems} where ${where}`);
      return rowsOf(result).map((r) => String(Object.values(r)[0])).join("\n");
    });
  }

  it("uses checklist_items_search_idx for items, and reads only blocked rows for blockers", async () => {
    const q = sql`websearch_to_tsquery('english', ${"latency"})`;
    expect(await plan(sql`${itemSearchDocument(checklistItems)} @@ ${q}`)).toContain("Bitmap Index Scan on checklist_items_search_idx");
    expect(await plan(sql`${checklistItems.status} = 'blocked' and ${blockerSearchDocument(checklistItems)} @@ ${q}`)).toContain("checklist_items_open_blockers_idx");
    // A different expression (the description alone) cannot use them.
    expect(await plan(sql`to_tsvector('english', ${checklistItems.description}) @@ ${q}`)).not.toContain("search_idx");
  });
});
