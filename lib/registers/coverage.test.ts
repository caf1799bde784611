import { describe, expect, it } from "vitest";
import { testPatientCoverage } from "./coverage";

describe("testPatientCoverage", () => {
  it("counts production passes per surface in scope and flags surfaces without one", () => {
    const c = testPatientCoverage(
      ["appointment_sync", "scheduling_availability"],
      [
        { workflowSurface: "appointment_sync", environmentKind: "production", result: "pass" },
        { workflowSurface: "appointment_sync", environmentKind: "production", result: "fail" },
        { workflowSurface: "scheduling_availability", environmentKind: "test", result: "pass" },
        { workflowSurface: "scheduling_availability", environmentKind: "production", result: "not_run" },
      ],
    );
    expect(c.uncovered).toEqual(["scheduling_availability"]);
    expect(c.surfaces).toEqual([
      { surface: "appointment_sync", inScope: true, productionPassed: 1, productionFailed: 1, productionNotRun: 0, elsewherePassed: 0, covered: true },
      { surface: "scheduling_availability", inScope: true, productionPassed: 0, productionFailed: 0, productionNotRun: 1, elsewherePassed: 1, covered: false },
    ]);
    expect(c).toMatchObject({ productionPassed: 1, productionFailed: 1, productionNotRun: 1 });
  });

  it("flags every surface in scope when there are no scenarios", () => {
    expect(testPatientCoverage(["documents"], []).uncovered).toEqual(["documents"]);
  });

  it("lists a surface out of scope that has scenarios, without flagging it", () => {
    const c = testPatientCoverage([], [{ workflowSurface: "documents", environmentKind: "production", result: "pass" }]);
    expect(c.surfaces).toHaveLength(1);
    expect(c.surfaces[0]).toMatchObject({ surface: "documents", inScope: false, covered: true });
    expect(c.uncovered).toEqual([]);
  });
});
