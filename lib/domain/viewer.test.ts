import { describe, expect, it } from "vitest";
import { roleFitsOrganization } from "./viewer";

describe("roleFitsOrganization", () => {
  it("keeps vendor roles in the vendor organization and customer IT in customer ones", () => {
    expect(roleFitsOrganization("admin", "vendor")).toBe(true);
    expect(roleFitsOrganization("engineer", "vendor")).toBe(true);
    expect(roleFitsOrganization("customer_it", "customer")).toBe(true);
    expect(roleFitsOrganization("customer_it", "vendor")).toBe(false);
    expect(roleFitsOrganization("implementation_manager", "customer")).toBe(false);
  });
});
