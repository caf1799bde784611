import { describe, expect, it } from "vitest";
import { daysUntil, describeDaysLeft, todayIso } from "./dates";

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
