import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInSchema } from "./auth";

function errorsFor(input: Record<string, unknown>) {
  const result = signInSchema.safeParse(input);
  return result.success ? null : result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
}

describe("signInSchema", () => {
  it("accepts an e-mail and password, trimming the e-mail", () => {
    expect(signInSchema.parse({ email: "  it@riverbend.example ", password: "pw" })).toEqual({
      email: "it@riverbend.example",
      password: "pw",
    });
  });

  it("asks for both fields when empty", () => {
    expect(errorsFor({ email: "", password: "" })).toEqual([
      "email: Enter your e-mail address.",
      "password: Enter your password.",
    ]);
    expect(errorsFor({})).toHaveLength(2);
  });

  it.each([
    ["a 10 kB e-mail", { email: `${"a".repeat(10_000)}@example.org`, password: "x" }, "too long"],
    ["a 2 MB password", { email: "a@example.org", password: "x".repeat(2_000_000) }, "too long"],
    ["a NUL byte", { email: "a\u0000@example.org", password: "x" }, "not allowed"],
    ["a NUL byte in the password", { email: "a@example.org", password: "pw\u0000" }, "not allowed"],
    ["an RTL override", { email: "\u202Eadmin@example.org", password: "x" }, "valid e-mail"],
    ["SQL", { email: "' OR 1=1--", password: "x" }, "valid e-mail"],
    ["markup", { email: "<script>alert(1)</script>", password: "x" }, "valid e-mail"],
    ["an array", { email: ["a@example.org"], password: "x" }, "Enter your e-mail"],
  ])("refuses %s with a clear message", (_label, input, message) => {
    const errors = errorsFor(input);
    expect(errors?.join(" ")).toContain(message);
  });

  it("keeps a password with emoji and combining marks as typed", () => {
    const password = "pässwörd 🔐 ｆｕｌｌ";
    expect(signInSchema.parse({ email: "a@example.org", password }).password).toBe(password);
  });
});

describe("safeCallbackPath", () => {
  it("keeps a path on this site", () => {
    expect(safeCallbackPath("/implementations/abc?x=1")).toBe("/implementations/abc?x=1");
  });

  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/%0A/evil.example".replace("%0A", "\u000b"),
    "javascript:alert(1)",
    "",
    undefined,
    42,
  ])(
    "sends %j to the portfolio instead",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );
});
