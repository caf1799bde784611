import { describe, expect, it } from "vitest";
import type { ReadinessReport } from "@/lib/dal/report";
import { reportItemsCsv } from "./report-csv";

const item = {
  id: "i1",
  position: 0,
  title: 'Smoke test, "production"',
  category: "validation",
  required: true,
  requiredSignOffRoles: ["customer_it"],
  status: "signed_off",
  version: 2,
  ownerName: "Casey Lin",
  nextStep: "=HYPERLINK(\"http://x\")",
  dueDate: null,
  whatChanged: "line one\nline two",
  whatWasTested: "+1 booking",
  whatNeedsProof: "@nothing",
  blockerReason: null,
  blockerSeverity: null,
  blockedSince: null,
  blockerTicketUrl: null,
  evidence: [],
  signOffs: [
    { signerName: "Casey Lin", organization: "Riverbend", role: "customer_it", decision: "approve", comment: "", signedAt: "2026-11-20T10:00:00Z", itemVersion: 2, sha256: "a", superseded: false },
    { signerName: "Old Signer", organization: "Riverbend", role: "customer_it", decision: "approve", comment: "", signedAt: "2026-11-10T10:00:00Z", itemVersion: 1, sha256: "b", superseded: true },
  ],
  waiver: null,
} as unknown as ReadinessReport["items"][number];

describe("reportItemsCsv", () => {
  const csv = reportItemsCsv({ items: [item] } as unknown as ReadinessReport);
  const [head, row] = csv.split("\r\n");

  it("has a header and one quoted row per item", () => {
    expect(head).toMatch(/^"Position","Item","Category","Required","Status","Version","Owner"/);
    expect(row).toContain('"Smoke test, ""production"""');
    expect(row).toContain('"line one\nline two"'.replace("\n", "\n"));
  });

  it("keeps formulas as text so a spreadsheet never runs them", () => {
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain("'+1 booking");
    expect(row).toContain("'@nothing");
  });

  it("lists only current sign-offs", () => {
    expect(row).toContain("approve by Casey Lin (customer_it) v2");
    expect(row).not.toContain("Old Signer");
  });
});
