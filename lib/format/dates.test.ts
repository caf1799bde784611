import { describe, expect, it } from "vitest";
import { daysUntil, describeDaysLeft, describeGoLive, todayIso } from "./dates";

describe("daysUntil", () => {
  it("counts calendar days, zero on the day and negative when late", () => {
    expect(daysUntil("2026-12-01", "2026-11-22")).toBe(9);
    expect(daysUntil("2026-11-22", "2026-11-22")).toBe(0);
    expect(daysUntil("2026-11-20", "2026-11-22")).toBe(-2);
  });

  it("crosses month and leap-year boundaries", () => {
    expect(daysUntil("2028-03-01", "2028-02-28")).toBe(2);
    expect(daysUntil("2027-01-01", "2026-12-31")).toBe(1);
  });

  it("uses the UTC date for today", () => {
    expect(todayIso(new Date("2026-11-22T23:59:59Z"))).toBe("2026-11-22");
  });
});

describe("describeDaysLeft", () => {
  it("reads naturally", () => {
    expect(describeDaysLeft(0)).toBe("today");
    expect(describeDaysLeft(1)).toBe("tomorrow");
    expect(describeDaysLeft(21)).toBe("in 21 days");
    expect(describeDaysLeft(-1)).toBe("1 day late");
    expect(describeDaysLeft(-30)).toBe("30 days late");
  });
});

describe("describeGoLive", () => {
  it("marks only an active implementation past its date as late", () => {
    expect(describeGoLive(-3, "active")).toEqual({ text: "3 days late", late: true });
    expect(describeGoLive(5, "active")).toEqual({ text: "in 5 days", late: false });
  });

  it("says a live implementation went live, not that it is late", () => {
    expect(describeGoLive(-30, "live")).toEqual({ text: "went live 30 days ago", late: false });
    expect(describeGoLive(-1, "live")).toEqual({ text: "went live 1 day ago", late: false });
    expect(describeGoLive(0, "live")).toEqual({ text: "went live today", late: false });
  });

  it("does not count down for a paused date in the past or a cancelled implementation", () => {
    expect(describeGoLive(-4, "paused")).toEqual({ text: "4 days past (paused)", late: false });
    expect(describeGoLive(10, "cancelled")).toEqual({ text: "cancelled", late: false });
  });
});
