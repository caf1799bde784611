import { describe, expect, it } from "vitest";
import { countSqlStatement, sqlStatementTally } from "./sql-statements";

describe("SQL statement tally", () => {
  it("counts every statement and keeps the latest texts, whitespace folded", () => {
    const before = sqlStatementTally().total;
    countSqlStatement("select\n  1");
    for (let i = 0; i < 60; i++) countSqlStatement(`select ${i}`);
    const after = sqlStatementTally();
    expect(after.total - before).toBe(61);
    expect(after.recent).toHaveLength(50);
    expect(after.recent.at(-1)).toBe("select 59");
    expect(after.recent).not.toContain("select\n  1");
  });
});
