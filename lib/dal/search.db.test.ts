import { describe, expect, it } from "vitest";
import { seedId } from "@/db/seed";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { searchEverything } from "./search";

const demo = withDemoDatabase();
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
