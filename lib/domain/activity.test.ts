import { describe, expect, it } from "vitest";
import { describeAction, diffAudit } from "./activity";

describe("diffAudit", () => {
  it("lists changed fields with labels and readable values, in a stable order", () => {
    const changes = diffAudit(
      { status: "in_progress", nextStep: "Call the analyst", ownerId: "u1" },
      { status: "ready_for_signoff", nextStep: "Collect sign-offs", ownerId: "u2" },
      { u1: "Erin Vasquez", u2: "Casey Lin" },
    );
    expect(changes).toEqual([
      { field: "ownerId", label: "Owner", before: "Erin Vasquez", after: "Casey Lin" },
      { field: "status", label: "Status", before: "In progress", after: "Ready for sign-off" },
      { field: "nextStep", label: "Next step", before: "Call the analyst", after: "Collect sign-offs" },
    ]);
  });

  it("shows a blocker and its resolution as before and after", () => {
    const changes = diffAudit(
      { status: "blocked", reason: "403 on booking", severity: "go_live", since: "2026-01-02", ticketUrl: "https://x.atlassian.net/browse/INT-1" },
      { status: "in_progress", resolution: "Scope added" },
    );
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Status", "Blocked", "In progress"],
      ["Blocker reason", "403 on booking", null],
      ["Severity", "Go-live blocker", null],
      ["Ticket link", "https://x.atlassian.net/browse/INT-1", null],
      ["Blocked since", "2026-01-02", null],
      ["Resolution", null, "Scope added"],
    ]);
  });

  it("treats a creation (no before) as values that appeared, and drops unchanged and hidden fields", () => {
    const changes = diffAudit(null, { title: "Smoke test", required: true, requiredSignOffRoles: ["engineer", "customer_it"], implementationId: "x", secret: "s" });
    expect(changes).toEqual([
      { field: "title", label: "Title", before: null, after: "Smoke test" },
      { field: "required", label: "Required", before: null, after: "Yes" },
      { field: "requiredSignOffRoles", label: "Sign-off by", before: null, after: "Engineer, Customer IT" },
    ]);
    expect(diffAudit({ status: "blocked" }, { status: "blocked" })).toEqual([]);
  });

  it("keeps hostile text as text and shortens very long values", () => {
    const [change] = diffAudit({}, { nextStep: "<script>alert(1)</script>" });
    expect(change!.after).toBe("<script>alert(1)</script>");
    const [long] = diffAudit({}, { nextStep: "x".repeat(10_000) });
    expect(long!.after!.length).toBe(501);
  });
});

describe("describeAction", () => {
  it("words known actions and falls back for unknown ones", () => {
    expect(describeAction("checklist_item.unblocked")).toBe("resolved a blocker");
    expect(describeAction("gate.verdict_changed")).toBe("verdict changed (gate)");
  });
});
