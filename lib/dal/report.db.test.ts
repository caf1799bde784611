import { describe, expect, it } from "vitest";
import { seedId } from "@/db/seed";
import { demoViewer } from "@/db/testing";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { getReadinessReport } from "./report";

withDemoDatabase();

describe("getReadinessReport", () => {
  it("gives each item its evidence by environment and its sign-offs with version, plus both registers", async () => {
    const report = await getReadinessReport(await demoViewer("it@lakeshore.example"), seedId("impl:lakeshore-availability"));
    expect(report.customerName).toBe("Lakeshore Medical Group (fictional)");
    const smoke = report.items.find((i) => i.title === "Production smoke test")!;
    expect(smoke.evidence.map((e) => e.environment)).toEqual(["production"]);
    // Only technical evidence: nobody has signed it yet (docs/demo.md).
    expect(smoke.signOffs).toEqual([]);
    const monitoring = report.items.find((i) => i.title === "Monitoring setup")!;
    expect(monitoring.evidence.map((e) => e.environment)).toEqual(["production"]);
    expect(monitoring.signOffs).toEqual([
      expect.objectContaining({ signerName: "Sam Whitfield", role: "engineer", decision: "approve", itemVersion: 1, superseded: false }),
    ]);
    expect(report.permissions).toContainEqual(expect.objectContaining({ permission: "system/Slot.rs", results: { sandbox: "granted", test: "granted", production: "granted" } }));
    expect(report.scenarios).toContainEqual(expect.objectContaining({ environment: "production", result: "pass", testIdentifier: "ZZTEST-0100" }));
  });

  it("answers another organization's implementation, a missing one and a malformed id with not found", async () => {
    const viewer = await demoViewer("it@riverbend.example");
    for (const id of [seedId("impl:lakeshore-availability"), seedId("impl:nope"), "1 OR 1=1"]) {
      await expect(getReadinessReport(viewer, id)).rejects.toMatchObject({ code: "not_found" });
    }
  });
});
