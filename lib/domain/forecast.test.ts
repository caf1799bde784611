import { describe, expect, it } from "vitest";
import type { GateInput, GateItem } from "@/lib/domain/gate-rules";
import { addDays, burnUpSeries, describeForecast, forecastReadiness, requiredByStanding, requiredDoneDays } from "./forecast";

const today = "2027-01-05";
// One item done on each of the given days before today.
const doneOn = (...daysAgo: number[]) => daysAgo.map((n) => addDays(today, -n));

describe("forecastReadiness", () => {
  it("steady pace: one item every other day, 5 to go, ready in 10 days, before a go-live 20 days out", () => {
    const f = forecastReadiness({ doneDays: doneOn(13, 11, 9, 7, 5, 3, 1), required: 12, today, goLiveDate: addDays(today, 20) });
    expect(f).toMatchObject({ kind: "projected", remaining: 5, pacePerDay: 0.5, readyOn: "2027-01-15", daysAfterGoLive: -10, late: false });
    expect(describeForecast(f, today)).toBe("At this pace, ready on 15 Jan — 10 days before go-live.");
  });

  it("steady pace that misses go-live says by how many days", () => {
    const f = forecastReadiness({ doneDays: doneOn(13, 11, 9, 7, 5, 3, 1), required: 12, today, goLiveDate: "2027-01-06" });
    expect(f).toMatchObject({ kind: "projected", readyOn: "2027-01-15", daysAfterGoLive: 9, late: true });
    expect(describeForecast(f, today)).toBe("At this pace, ready on 15 Jan — 9 days after go-live.");
  });

  it("no progress in the window: no date, late when there is a go-live to miss", () => {
    const f = forecastReadiness({ doneDays: doneOn(40, 30), required: 9, today, goLiveDate: addDays(today, 60) });
    expect(f).toEqual({ kind: "no_pace", remaining: 7, windowDays: 14, late: true });
    expect(describeForecast(f, today)).toMatch(/^No required item was done in the last 14 days/);
    expect(forecastReadiness({ doneDays: [], required: 9, today, goLiveDate: null }).late).toBe(false);
  });

  it("progress after a stall: the recent pace counts, not the weeks of nothing before", () => {
    // Nothing for 60 days after two early items, then 7 items in the last week.
    const f = forecastReadiness({ doneDays: [...doneOn(80, 75), ...doneOn(6, 5, 4, 3, 2, 1, 0)], required: 16, today, goLiveDate: addDays(today, 30), start: addDays(today, -90) });
    expect(f).toMatchObject({ kind: "projected", remaining: 7, pacePerDay: 0.5, readyOn: "2027-01-19", late: false });
  });

  it("go-live passed: still projected, and late by the days past go-live", () => {
    const f = forecastReadiness({ doneDays: doneOn(10, 5), required: 4, today, goLiveDate: addDays(today, -3) });
    expect(f).toMatchObject({ kind: "projected", readyOn: "2027-01-19", daysAfterGoLive: 17, late: true });
    expect(describeForecast(f, today)).toBe("At this pace, ready on 19 Jan — 17 days after go-live.");
  });

  it("every required item done is ready, never late, even after go-live", () => {
    expect(forecastReadiness({ doneDays: doneOn(3, 2), required: 2, today, goLiveDate: addDays(today, -1) })).toEqual({ kind: "ready", late: false });
  });

  it("a young implementation measures its pace over the days it has", () => {
    const f = forecastReadiness({ doneDays: doneOn(1, 0), required: 6, today, goLiveDate: null, start: addDays(today, -3) });
    expect(f).toMatchObject({ kind: "projected", pacePerDay: 0.5, readyOn: "2027-01-13", daysAfterGoLive: null });
  });
});

describe("burnUpSeries", () => {
  it("counts items done by the end of each day, earlier items from the first day", () => {
    expect(burnUpSeries(["2026-12-20", "2027-01-02", "2027-01-02", "2027-01-04"], "2027-01-01", "2027-01-04")).toEqual([
      { day: "2027-01-01", done: 1 },
      { day: "2027-01-02", done: 3 },
      { day: "2027-01-03", done: 3 },
      { day: "2027-01-04", done: 4 },
    ]);
  });
});

describe("requiredDoneDays", () => {
  const now = new Date("2027-01-05T12:00:00Z");
  const item = (over: Partial<GateItem>): GateItem => ({
    id: over.id ?? "i",
    title: "Item",
    required: true,
    status: "signed_off",
    version: 2,
    requiredSignOffRoles: ["customer_it"],
    signOffs: [],
    waiver: null,
    blocker: null,
    ...over,
  });
  const input = (items: GateItem[]): GateInput => ({ implementationId: "x", status: "active", workflows: [], freshnessWindowDays: 14, now, items, permissions: [], productionScenarios: [] });

  it("dates a signed item by its completing signature, a waived one by its grant, and leaves out superseded and optional items", () => {
    const days = requiredDoneDays(
      input([
        item({ id: "a", signOffs: [{ role: "customer_it", decision: "approve", itemVersion: 2, signerName: "A", signedAt: new Date("2027-01-02T09:00:00Z") }] }),
        item({ id: "b", signOffs: [{ role: "customer_it", decision: "approve", itemVersion: 1, signerName: "A", signedAt: new Date("2026-12-20T09:00:00Z") }] }),
        item({ id: "c", status: "waived", waiver: { expiresOn: "2027-02-01", approverName: "M", grantedAt: new Date("2026-12-30T10:00:00Z") } }),
        item({ id: "d", required: false, signOffs: [{ role: "customer_it", decision: "approve", itemVersion: 2, signerName: "A", signedAt: new Date("2027-01-01T09:00:00Z") }] }),
      ]),
    );
    expect(days).toEqual(["2026-12-30", "2027-01-02"]);
  });

  it("the readiness bar never shows a signed-off item the gate does not count as signed off", () => {
    const input2 = input([
      item({ id: "a", signOffs: [{ role: "customer_it", decision: "approve", itemVersion: 2, signerName: "A", signedAt: new Date("2027-01-02T09:00:00Z") }] }),
      // Marked signed off, but its signature was for version 1: superseded, so not done.
      item({ id: "b", signOffs: [{ role: "customer_it", decision: "approve", itemVersion: 1, signerName: "A", signedAt: new Date("2026-12-20T09:00:00Z") }] }),
      item({ id: "c", status: "in_progress" }),
    ]);
    expect(requiredByStanding(input2)).toMatchObject({ signed_off: 1, not_counting: 1, in_progress: 1 });
  });
});
