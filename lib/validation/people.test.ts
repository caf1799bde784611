import { describe, expect, it } from "vitest";
import { weakPasswordReason } from "@/lib/auth/common-passwords";
import { looksLikeToken, newToken, hashToken } from "@/lib/auth/tokens";
import { renderMail } from "@/lib/mail/render";
import { changePasswordSchema, createOrganizationSchema, invitePersonSchema, setPasswordWithTokenSchema } from "./people";

describe("new passwords", () => {
  const token = newToken().token;
  const set = (password: string, confirmPassword = password) => setPasswordWithTokenSchema.safeParse({ token, password, confirmPassword });

  it("need 12 characters, must not be common or a repeated pattern, and must be typed twice alike", () => {
    expect(set("short").success).toBe(false);
    expect(set("password1234").success).toBe(false);
    expect(set("Password1234!").success).toBe(false);
    expect(set("abcabcabcabcabc").success).toBe(false);
    expect(set("a synthetic passphrase 42", "a synthetic passphrase 43").success).toBe(false);
    expect(set("a synthetic passphrase 42").success).toBe(true);
  });

  it("are refused when they are made of the person's e-mail", () => {
    expect(weakPasswordReason("dana.reyes2024", ["dana.reyes@riverbend.example"])).not.toBeNull();
    expect(weakPasswordReason("violet harbor lantern", ["dana.reyes@riverbend.example"])).toBeNull();
  });

  it("changing one's own needs the current password", () => {
    expect(changePasswordSchema.safeParse({ currentPassword: "", newPassword: "a synthetic passphrase 42", confirmPassword: "a synthetic passphrase 42" }).success).toBe(false);
  });
});

describe("link tokens", () => {
  it("are 43 base64url characters, and only their SHA-256 is kept", () => {
    const { token, hash } = newToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(hash).toBe(hashToken(token));
    expect(hash).not.toContain(token);
    expect(looksLikeToken("x".repeat(44))).toBe(false);
    expect(looksLikeToken("' OR 1=1--")).toBe(false);
  });
});

describe("organization and invitation forms", () => {
  it("parse domains, methods and the just-in-time box; refuse a bad slug or no method", () => {
    const ok = createOrganizationSchema.parse({ name: "Harborview", slug: "harborview", allowedEmailDomains: "Harborview.example,\n hv.example", signInMethods: ["password", "sso"], ssoJustInTime: "on" });
    expect(ok).toMatchObject({ allowedEmailDomains: ["harborview.example", "hv.example"], signInMethods: ["password", "sso"], ssoJustInTime: true });
    expect(createOrganizationSchema.safeParse({ name: "H", slug: "Harbor View", allowedEmailDomains: "", signInMethods: "password" }).success).toBe(false);
    expect(createOrganizationSchema.safeParse({ name: "H", slug: "harbor", allowedEmailDomains: "not a domain", signInMethods: "password" }).success).toBe(false);
    expect(createOrganizationSchema.safeParse({ name: "H", slug: "harbor", allowedEmailDomains: "" }).success).toBe(false);
  });

  it("take the role from the personRole field, never a client's extra role field", () => {
    const parsed = invitePersonSchema.parse({ organization: "5b7e0a52-8a3e-4bbf-9d34-5d9b3e8c4f11", email: "Dana@Riverbend.example", name: "Dana", personRole: "customer_it", role: "admin" });
    expect(parsed).toEqual({ organizationId: "5b7e0a52-8a3e-4bbf-9d34-5d9b3e8c4f11", email: "dana@riverbend.example", name: "Dana", role: "customer_it" });
  });
});

describe("mail", () => {
  it("renders plain text and escaped HTML with the link in both", () => {
    const mail = renderMail({ subject: "S", greeting: "Hello <b>Dana</b>,", paragraphs: ['"quoted" & <script>'], action: { label: "Open", url: "https://readyroom.test/invitation?token=abc&x=1" } });
    expect(mail.text).toContain("https://readyroom.test/invitation?token=abc&x=1");
    expect(mail.html).toContain("Hello &#60;b&#62;Dana&#60;/b&#62;,");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain('href="https://readyroom.test/invitation?token=abc&#38;x=1"');
  });
});
