import { describe, expect, it } from "vitest";
import { itemStatuses } from "@/lib/domain/vocabulary";
import { parsePortfolioQuery, portfolioFiltered, portfolioQueryString } from "@/lib/validation/portfolio";
import { derivePortfolioRow, reasonCounts, type PortfolioInputRow } from "./portfolio";

// Filter, sort and paging now happen in SQL (lib/dal/implementations.db.test.ts and
// lib/dal/portfolio.db.test.ts); what stays here is the shaping of a row and the URL's rules.

const counts = Object.fromEntries(itemStatuses.map((s) => [s, 0])) as PortfolioInputRow["items"]["byStatus"];

function row(overrides: Partial<PortfolioInputRow> = {}): PortfolioInputRow {
  return {
    id: "impl",
    name: "Appointment sync",
    customerId: "00000000-0000-4000-8000-00000000000a",
    customerName: "Riverbend Health (fictional)",
    ehrVendor: "epic",
    phase: "pilot",
    status: "active",
    goLiveDate: "2026-12-06",
    managerName: null,
    changesSinceMonday: null,
    verdict: "no_go",
    blockingReasons: 3,
    riskReasons: 1,
    risk: "at_risk",
    riskExplanation: ["The gate says No-go: 3 blocking reasons and 1 risk.", "14 days to go-live."],
    staleEvidence: 0,
    permissionDrift: 0,
    productionUnverified: 0,
    scenariosFailing: 0,
    scenariosNotRun: 0,
    forecastReadyOn: null,
    projectedLate: false,
    openHypercareAlerts: 0,
    items: { total: 9, required: 9, requiredDone: 3, goLiveBlockers: 0, postLiveBlockers: 0, byStatus: counts, requiredByStatus: { ...counts, not_counting: 0 } },
    ...overrides,
  };
}

describe("derivePortfolioRow", () => {
  it("takes the forecast from the summary (derived by the gate), never computing a second one", () => {
    const view = derivePortfolioRow(row(), "2026-11-22");
    expect(view.forecast).toEqual({ level: "at_risk", reasons: ["The gate says No-go: 3 blocking reasons and 1 risk.", "14 days to go-live."] });
    expect(view.daysToGoLive).toBe(14);
    expect(view.readiness).toEqual({ done: 3, total: 9, percent: 33 });
    expect(derivePortfolioRow(row({ risk: "not_tracked", status: "live" }), "2026-11-22").forecast.level).toBeNull();
    expect(derivePortfolioRow(row({ goLiveDate: null }), "2026-11-22").daysToGoLive).toBeNull();
  });
});

describe("reasonCounts", () => {
  it("spells out the gate's reasons at a glance", () => {
    expect(reasonCounts({ blockingReasons: 3, riskReasons: 1 })).toBe("3 blocking · 1 risk");
    expect(reasonCounts({ blockingReasons: 0, riskReasons: 2 })).toBe("2 risks");
    expect(reasonCounts({ blockingReasons: 0, riskReasons: 0 })).toBe("No open reasons");
  });
});

describe("portfolio URL", () => {
  it("ignores malformed or unknown values instead of failing", () => {
    const query = parsePortfolioQuery({ customer: "' OR 1=1--", ehr: "<script>", verdict: "maybe", risk: "x", sort: "drop table", dir: "sideways", mine: "yes", changed: "always" });
    expect(query).toMatchObject({ customer: [], ehr: [], verdict: [], risk: [], phase: [], mine: false, changed: undefined, sort: "go_live", dir: "asc" });
    expect(portfolioFiltered(query)).toBe(false);
    expect(portfolioQueryString(query)).toBe("");
    expect(parsePortfolioQuery({ verdict: "no_go", sort: "verdict" })).toMatchObject({ verdict: ["no_go"], sort: "verdict" });
  });

  it("reads a filter's several values as alternatives, dropping the invalid ones and repeats", () => {
    const customer = "8c1f2a3e-1111-4a4a-9b9b-123456789abc";
    const query = parsePortfolioQuery(new URLSearchParams(`phase=pilot&phase=expansion&phase=pilot&phase=<script>&customer=${customer}&customer=not-a-uuid&verdict=no_go&mine=1&changed=this_week`));
    expect(query).toMatchObject({ phase: ["pilot", "expansion"], customer: [customer], verdict: ["no_go"], mine: true, changed: "this_week" });
    expect(portfolioFiltered(query)).toBe(true);
    // Written back in one order whatever order it came in, so a saved view compares equal.
    expect(portfolioQueryString(query)).toBe(`?customer=${customer}&phase=expansion&phase=pilot&verdict=no_go&mine=1&changed=this_week`);
    expect(portfolioQueryString(parsePortfolioQuery({ risk: ["late", "at_risk"], sort: "name", dir: "desc" }))).toBe("?risk=at_risk&risk=late&sort=name&dir=desc");
    // A URL cannot grow a filter without bound.
    expect(parsePortfolioQuery({ customer: Array.from({ length: 500 }, () => customer) }).customer).toEqual([customer]);
  });

  it("reads a page number and falls back to the first page on anything else", () => {
    expect(parsePortfolioQuery({ page: "3" }).page).toBe(3);
    for (const bad of ["0", "-1", "abc", "1e309", "2.5", "' OR 1=1--"]) expect(parsePortfolioQuery({ page: bad }).page).toBe(1);
    expect(parsePortfolioQuery({}).page).toBe(1);
  });
});
