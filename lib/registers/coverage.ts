import type { EnvironmentKind, ScenarioResult, Workflow } from "@/lib/domain/vocabulary";

// Test-patient coverage: each workflow surface in scope needs at least one scenario that
// passed in production. Passing in test is progress, not proof.

export type ScenarioFact = { workflowSurface: Workflow; environmentKind: EnvironmentKind; result: ScenarioResult };

export type SurfaceCoverage = {
  surface: Workflow;
  inScope: boolean;
  productionPassed: number;
  productionFailed: number;
  productionNotRun: number;
  // Passes in sandbox or test: shown, never counted as coverage.
  elsewherePassed: number;
  covered: boolean;
};

export type CoverageSummary = {
  surfaces: SurfaceCoverage[];
  uncovered: Workflow[];
  productionPassed: number;
  productionFailed: number;
  productionNotRun: number;
};

export function testPatientCoverage(workflowsInScope: readonly Workflow[], scenarios: ScenarioFact[]): CoverageSummary {
  const surfaces = new Map<Workflow, SurfaceCoverage>();
  const entry = (surface: Workflow, inScope: boolean) => {
    let s = surfaces.get(surface);
    if (!s) {
      s = { surface, inScope, productionPassed: 0, productionFailed: 0, productionNotRun: 0, elsewherePassed: 0, covered: false };
      surfaces.set(surface, s);
    }
    return s;
  };
  for (const w of workflowsInScope) entry(w, true);
  const totals = { productionPassed: 0, productionFailed: 0, productionNotRun: 0 };
  for (const sc of scenarios) {
    const s = entry(sc.workflowSurface, false);
    if (sc.environmentKind !== "production") {
      if (sc.result === "pass") s.elsewherePassed += 1;
      continue;
    }
    const key = sc.result === "pass" ? "productionPassed" : sc.result === "fail" ? "productionFailed" : "productionNotRun";
    s[key] += 1;
    totals[key] += 1;
  }
  const list = [...surfaces.values()].map((s) => ({ ...s, covered: s.productionPassed > 0 }));
  return {
    surfaces: list,
    uncovered: list.filter((s) => s.inScope && !s.covered).map((s) => s.surface),
    ...totals,
  };
}
