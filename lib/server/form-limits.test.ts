import { describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT_BYTES, measureForm, tooLargeFieldMessage } from "./form-limits";

describe("measureForm", () => {
  it("counts UTF-8 bytes, not characters, and names the largest field", () => {
    const emoji = "🚀".repeat(300_000); // 4 bytes each: 1.2 MB in 600,000 UTF-16 units
    const { bytes, largest } = measureForm([
      ["itemId", "4f3b2a10-5c6d-4e7f-8a9b-0c1d2e3f4a5b"],
      ["whatWasTested", emoji],
    ]);
    expect(largest).toEqual({ name: "whatWasTested", bytes: 1_200_000 });
    expect(bytes).toBeGreaterThan(FORM_BODY_LIMIT_BYTES);
  });

  it("leaves an ordinary form well under the limit", () => {
    expect(measureForm([["reason", "x".repeat(10_000)]]).bytes).toBeLessThan(FORM_BODY_LIMIT_BYTES);
  });

  it("says how large the text is", () => {
    expect(tooLargeFieldMessage(1_500_000)).toBe("This text is too long to send (1.4 MB; a form can hold at most 1 MB). Shorten it and save again.");
  });
});
