import { describe, expect, it } from "vitest";
import { itemStatuses } from "@/lib/vocabulary";
import { portfolioView, type PortfolioInputRow } from "./portfolio";
import { parsePortfolioQuery } from "./validation/portfolio";

const today = "2026-11-22";
const counts = Object.fromEntries(itemStatuses.map((s) => [s, 0])) as PortfolioInputRow["items"]["byStatus"];

function row(overrides: Partial<PortfolioInputRow> & { id: string }): PortfolioInputRow {
  return {
    name: overrides.id,
    customerId: "00000000-0000-4000-8000-00000000000a",
    customerName: "Riverbend Health (fictional)",
    ehrVendor: "epic",
    phase: "pilot",
    status: "active",
    goLiveDate: "2027-01-31",
    managerName: null,
    staleEvidence: 0,
    permissionDrift: 0,
    items: { total: 9, required: 9, requiredDone: 3, goLiveBlockers: 0, byStatus: counts },
    ...overrides,
  };
}

const rows = [
  row({ id: "late", goLiveDate: "2026-11-20" }),
  row({ id: "blocked", goLiveDate: "2026-12-30", items: { total: 9, required: 9, requiredDone: 3, goLiveBlockers: 1, byStatus: counts } }),
  row({ id: "calm", goLiveDate: "2027-03-01", ehrVendor: "oracle_health", phase: "assessment", customerId: "00000000-0000-4000-8000-00000000000b", customerName: "Lakeshore Medical Group (fictional)" }),
  row({ id: "live", status: "live", goLiveDate: "2026-10-01", items: { total: 9, required: 9, requiredDone: 9, goLiveBlockers: 0, byStatus: counts } }),
  row({ id: "undated", goLiveDate: null }),
];

const ids = (query: Record<string, string>) => portfolioView(rows, parsePortfolioQuery(query), today).map((r) => r.id);

describe("portfolioView", () => {
  it("derives risk for every row, never taking it from input", () => {
    const view = portfolioView(rows, parsePortfolioQuery({}), today);
    expect(Object.fromEntries(view.map((r) => [r.id, r.risk.level]))).toEqual({
      late: "late",
      blocked: "at_risk",
      calm: "on_track",
      live: null,
      undated: "at_risk",
    });
  });

  it("sorts by go-live by default, undated last", () => {
    expect(ids({})).toEqual(["live", "late", "blocked", "calm", "undated"]);
  });

  it("sorts by risk, readiness, customer and name, either way", () => {
    expect(ids({ sort: "risk" })).toEqual(["late", "blocked", "undated", "calm", "live"]);
    expect(ids({ sort: "readiness", dir: "desc" })[0]).toBe("live");
    expect(ids({ sort: "customer" })[0]).toBe("calm");
    expect(ids({ sort: "name", dir: "desc" })).toEqual(["undated", "live", "late", "calm", "blocked"]);
  });

  it("filters by customer, EHR, phase and risk", () => {
    expect(ids({ customer: "00000000-0000-4000-8000-00000000000b" })).toEqual(["calm"]);
    expect(ids({ ehr: "oracle_health" })).toEqual(["calm"]);
    expect(ids({ phase: "assessment" })).toEqual(["calm"]);
    expect(ids({ risk: "at_risk" })).toEqual(["blocked", "undated"]);
    expect(ids({ risk: "not_tracked" })).toEqual(["live"]);
  });

  it("filters by go-live window and by overdue", () => {
    expect(ids({ window: "30" })).toEqual([]);
    expect(ids({ window: "90" })).toEqual(["blocked"]); // "calm" is 99 days out
    expect(ids({ window: "overdue" })).toEqual(["late"]);
  });

  it("ignores malformed or unknown URL values instead of failing", () => {
    expect(ids({ customer: "' OR 1=1--", ehr: "<script>", sort: "drop table", dir: "sideways" })).toEqual(ids({}));
  });
});

describe("portfolio page parameter", () => {
  it("reads a page number from the URL and falls back to the first page on anything else", () => {
    expect(parsePortfolioQuery({ page: "3" }).page).toBe(3);
    for (const bad of ["0", "-1", "abc", "1e309", "2.5", "' OR 1=1--"]) expect(parsePortfolioQuery({ page: bad }).page).toBe(1);
    expect(parsePortfolioQuery({}).page).toBe(1);
  });
});
