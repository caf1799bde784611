import { describe, expect, it } from "vitest";
import { blockersQueryString, parseBlockersQuery } from "./blockers";

describe("blockers query", () => {
  it("reads the filters kept in the URL and writes them back", () => {
    const q = parseBlockersQuery({ mine: "1", severity: "go_live", customer: "8c1f2a3e-1111-4a4a-9b9b-123456789abc", within: "14", page: "2" });
    expect(q).toEqual({ mine: true, severity: ["go_live"], customer: ["8c1f2a3e-1111-4a4a-9b9b-123456789abc"], within: 14, page: 2, sort: "urgent", dir: "asc" });
    expect(blockersQueryString(q)).toBe("?mine=1&severity=go_live&customer=8c1f2a3e-1111-4a4a-9b9b-123456789abc&within=14");
  });

  it("ignores malformed and hostile values instead of failing", () => {
    const q = parseBlockersQuery(new URLSearchParams("mine=yes&severity=' OR 1=1--&customer=not-a-uuid&within=-1&role=admin&page=0"));
    expect(q).toEqual({ mine: false, severity: [], customer: [], within: undefined, page: 1, sort: "urgent", dir: "asc" });
    expect(blockersQueryString(q)).toBe("");
  });

  it("takes several severities and customers at once, as the name repeated", () => {
    const a = "8c1f2a3e-1111-4a4a-9b9b-123456789abc";
    const b = "8c1f2a3e-2222-4a4a-9b9b-123456789abc";
    const q = parseBlockersQuery(new URLSearchParams(`severity=go_live&severity=post_live&severity=nope&customer=${a}&customer=${b}&customer=${a}`));
    expect(q).toMatchObject({ severity: ["go_live", "post_live"], customer: [a, b] });
    expect(blockersQueryString(q)).toBe(`?severity=go_live&severity=post_live&customer=${a}&customer=${b}`);
    expect(parseBlockersQuery({ severity: ["post_live", "go_live"] }).severity).toEqual(["post_live", "go_live"]);
  });

  it("keeps a chosen sort in the URL and ignores an unknown one", () => {
    const q = parseBlockersQuery({ sort: "blocked_since", dir: "asc" });
    expect(blockersQueryString(q)).toBe("?sort=blocked_since&dir=asc");
    expect(parseBlockersQuery({ order: "blocked_since:desc" })).toMatchObject({ sort: "blocked_since", dir: "desc" });
    expect(parseBlockersQuery({ sort: "password", dir: "sideways" })).toMatchObject({ sort: "urgent", dir: "asc" });
  });
});
