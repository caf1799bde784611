import { describe, expect, it } from "vitest";
import { detectPhi } from "./phi";

describe("detectPhi", () => {
  it.each([
    ["123-45-6789", "ssn"],
    ["SSN 123 45 6789", "ssn"],
    ["123456789", "ssn"],
    ["(555) 123-4567", "phone"],
    ["555-123-4567", "phone"],
    ["+1 555 123 4567", "phone"],
    ["5551234567", "phone"],
    ["jane.doe@example.org", "email"],
    ["born 1984-03-07", "date"],
    ["DOB 3/7/1984", "date"],
  ])("flags %j as %s", (value, kind) => {
    expect(detectPhi(value)?.kind).toBe(kind);
  });

  it.each(["ZZTEST1001", "ZZTEST-0001", "Test patient A (synthetic)", "E12345678X", "MRN-T-42", "Synthetic patient B"])("lets %j through", (value) => {
    expect(detectPhi(value)).toBeNull();
  });

  it("explains what to use instead", () => {
    expect(detectPhi("123-45-6789")?.message).toMatch(/Social Security number.*ZZTEST1001/);
  });
});
