import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/domain/viewer";
import { implementationScope, isUuid } from "./tenant";

const viewer = (organizationKind: string): Viewer =>
  ({
    userId: "u",
    name: "n",
    email: "e@example.org",
    role: "customer_it",
    organizationId: "00000000-0000-4000-8000-000000000001",
    organizationName: "Org",
    organizationKind,
  }) as Viewer;

describe("implementationScope", () => {
  it("leaves the vendor's staff unscoped", () => {
    expect(implementationScope(viewer("vendor"))).toBeUndefined();
  });

  it("scopes a customer organization, and any other kind, to its own implementations", () => {
    expect(implementationScope(viewer("customer"))).toBeDefined();
    expect(implementationScope(viewer("partner"))).toBeDefined();
  });
});

describe("isUuid", () => {
  it("accepts a UUID and nothing else", () => {
    expect(isUuid("4f3b2a10-5c6d-4e7f-8a9b-0c1d2e3f4a5b")).toBe(true);
    for (const bad of ["", "not-a-uuid", "' OR 1=1--", "4f3b2a10-5c6d-4e7f-8a9b-0c1d2e3f4a5b "]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
