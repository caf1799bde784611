import { describe, expect, it } from "vitest";
import { recordEvidenceSchema, updateItemSchema } from "./checklist";

const item = "4f3b2a10-5c6d-4e7f-8a9b-0c1d2e3f4a5b";
const base = {
  itemId: item,
  version: "3",
  ownerId: "",
  status: "in_progress",
  nextStep: "",
  expectedOutcome: "",
  dueDate: "",
  whatChanged: "",
  whatWasTested: "",
  whatNeedsProof: "",
};

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("updateItemSchema", () => {
  it("coerces the form's strings: version to a number, empty owner and date to none", () => {
    expect(updateItemSchema.parse(base)).toMatchObject({ version: 3, ownerId: null, dueDate: null });
  });

  it.each([
    ["2025-02-30", "not a real date"],
    ["0000-01-01", "not a real date"],
    ["9999-12-31", "not a real date"],
    ["NaN", "must be a date like"],
    ["31/12/2026", "must be a date like"],
  ])("refuses the due date %j with a clear message", (dueDate, message) => {
    expect(messages(updateItemSchema.safeParse({ ...base, dueDate })).dueDate).toContain(message);
  });

  it("refuses a version that is not a positive whole number", () => {
    for (const version of ["-1", "1e309", "abc", "0"]) {
      expect(updateItemSchema.safeParse({ ...base, version }).success, version).toBe(false);
    }
  });

  it("refuses text that is too long or holds a NUL byte, and keeps unicode as typed", () => {
    expect(messages(updateItemSchema.safeParse({ ...base, nextStep: "x".repeat(2001) })).nextStep).toContain("too long");
    expect(messages(updateItemSchema.safeParse({ ...base, whatChanged: "a\u0000b" })).whatChanged).toContain("not allowed");
    const odd = "\u202Eevil \u200B ｆｕｌｌ 🙂 é' OR 1=1-- %_\\";
    expect(updateItemSchema.parse({ ...base, nextStep: odd }).nextStep).toBe(odd.trim());
  });

  it("ignores fields a client adds, such as a role or an organization", () => {
    const parsed = updateItemSchema.parse({ ...base, role: "admin", organizationId: item });
    expect(parsed).not.toHaveProperty("role");
    expect(parsed).not.toHaveProperty("organizationId");
  });

  it("refuses an owner id that is not a UUID", () => {
    expect(messages(updateItemSchema.safeParse({ ...base, ownerId: "' OR 1=1--" })).ownerId).toContain("not found");
  });
});

describe("recordEvidenceSchema", () => {
  const evidence = {
    itemId: item,
    environmentId: item,
    kind: "operational",
    whatWasTested: "Rescheduled ZZTEST-0002",
    outcome: "pass",
    observedAt: "2026-11-20T09:30",
    linkUrl: "",
  };

  it("reads the observed time as UTC and an empty link as none", () => {
    expect(recordEvidenceSchema.parse(evidence)).toMatchObject({
      observedAt: new Date("2026-11-20T09:30:00Z"),
      linkUrl: null,
    });
  });

  it.each(["javascript:alert(1)", "data:text/html,hi", "ftp://files.example", "not a url"])(
    "refuses the link %j, saying why",
    (linkUrl) => {
      expect(messages(recordEvidenceSchema.safeParse({ ...evidence, linkUrl })).linkUrl).toMatch(/http:\/\/ or https:\/\/|not a valid/);
    },
  );

  it("refuses an observation in the future or before 2000", () => {
    expect(messages(recordEvidenceSchema.safeParse({ ...evidence, observedAt: "2999-01-01T00:00" })).observedAt).toContain("future");
    expect(messages(recordEvidenceSchema.safeParse({ ...evidence, observedAt: "1999-12-31T23:59" })).observedAt).toContain("too far");
    // JavaScript's Date rolls these over to March and May; they are not days.
    for (const impossible of ["2025-02-30T10:00", "2025-04-31T10:00", "2025-02-29T10:00", "2025-13-01T10:00", "2025-01-01T24:00"]) {
      expect(messages(recordEvidenceSchema.safeParse({ ...evidence, observedAt: impossible })).observedAt, impossible).toContain("not a real date");
    }
  });

  it("requires what was tested", () => {
    expect(messages(recordEvidenceSchema.safeParse({ ...evidence, whatWasTested: "   " })).whatWasTested).toContain("required");
  });
});
