import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csv", () => {
  it("quotes every cell and doubles quotes", () => {
    expect(toCsv(["a", "b"], [["x, y", 'say "hi"'], [null, 3]])).toBe('"a","b"\r\n"x, y","say ""hi"""\r\n"","3"\r\n');
  });

  it("keeps formulas as text", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("-1")).toBe(`"'-1"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("' OR 1=1--")).toBe(`"' OR 1=1--"`);
  });
});
