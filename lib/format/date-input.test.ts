import { describe, expect, it } from "vitest";
import { parseDateInput, parseDateTimeInput } from "./date-input";

describe("parseDateInput", () => {
  it.each(["2026-12-31", "2024-02-29", "2000-01-01", "2100-12-31"])("accepts the real date %s as typed", (v) => {
    expect(parseDateInput(v)).toEqual({ ok: true, value: v });
  });

  it.each([
    ["2025-02-30", "February 2025 has 28 days"],
    ["2025-02-29", "February 2025 has 28 days"],
    ["2026-04-31", "April 2026 has 30 days"],
    ["2026-13-01", "there is no month 13"],
    ["2026-00-10", "there is no month 0"],
    ["2026-01-00", "January 2026 has 31 days"],
    ["0000-01-01", "the year must be between 2000 and 2100"],
    ["9999-12-31", "the year must be between 2000 and 2100"],
  ])("refuses %s: %s", (v, reason) => {
    expect(parseDateInput(v)).toEqual({ ok: false, reason });
  });

  it.each(["NaN", "", "31/12/2026", "2026-1-5", "2026-12-31T10:00", " 2026-12-31", "2026-12-31\n"])("refuses the shape %j", (v) => {
    expect(parseDateInput(v)).toEqual({ ok: false, reason: "format" });
  });
});

describe("parseDateTimeInput", () => {
  it("reads a datetime-local value as UTC, seconds optional", () => {
    expect(parseDateTimeInput("2026-11-20T09:30")).toEqual({ ok: true, value: new Date("2026-11-20T09:30:00Z") });
    expect(parseDateTimeInput("2024-02-29T23:59:59")).toEqual({ ok: true, value: new Date("2024-02-29T23:59:59Z") });
  });

  it("refuses 2025-02-30T10:00 instead of storing 2 March", () => {
    expect(parseDateTimeInput("2025-02-30T10:00")).toEqual({ ok: false, reason: "February 2025 has 28 days" });
  });

  it.each([
    ["0000-01-01T00:00", "the year must be between 2000 and 2100"],
    ["9999-12-31T23:59", "the year must be between 2000 and 2100"],
    ["2026-11-20T24:00", "the time must be between 00:00 and 23:59"],
    ["2026-11-20T10:60", "the time must be between 00:00 and 23:59"],
  ])("refuses %s", (v, reason) => {
    expect(parseDateTimeInput(v)).toEqual({ ok: false, reason });
  });

  it.each(["NaN", "2026-11-20", "2026-11-20 10:00", "2026-11-20T10:00Z", "2026-11-20T10:00:00.000Z"])("refuses the shape %j", (v) => {
    expect(parseDateTimeInput(v)).toEqual({ ok: false, reason: "format" });
  });
});
