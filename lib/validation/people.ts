import { weakPasswordReason } from "@/lib/auth/common-passwords";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { roles, signInMethods } from "@/lib/domain/vocabulary";
import { id, requiredText, version } from "./common";
import { z } from "./zod";

// Forms for organizations, people, invitations, passwords and sign-in links.

export const MIN_PASSWORD_LENGTH = 12;
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const emailField = z
  .string({ error: "Enter an e-mail address." })
  .trim()
  .min(1, "Enter an e-mail address.")
  .max(320, "That e-mail address is too long.")
  .refine((v) => !v.includes("\u0000"), "That e-mail address contains a character that is not allowed.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.org."))
  .transform((v) => v.toLowerCase());

// A new password: long enough, not on the common-password list, typed twice alike.
const newPassword = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, "That password is too long.")
  .refine((v) => !v.includes("\u0000"), "That password contains a character that is not allowed.")
  .superRefine((v, ctx) => {
    const reason = weakPasswordReason(v);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });

function withConfirmation<T extends z.ZodRawShape>(shape: T, field: string) {
  return z
    .object({ ...shape, confirmPassword: z.string({ error: "Type the password again." }).max(MAX_PASSWORD_LENGTH, "That password is too long.") })
    .superRefine((v, ctx) => {
      const record = v as Record<string, unknown>;
      if (typeof record[field] === "string" && record[field] !== record.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords differ." });
      }
    });
}

const domainList = z
  .string()
  .max(2000, "Too many domains (at most 2,000 characters).")
  .transform((v) => v.split(/[\s,]+/).map((d) => d.trim().toLowerCase()).filter(Boolean))
  .refine((list) => list.every((d) => DOMAIN.test(d)), "List domains like riverbend.example, separated by commas or new lines.")
  .refine((list) => list.length <= 20, "At most 20 domains.")
  .transform((list) => [...new Set(list)]);

const methodList = z
  .union([z.enum(signInMethods), z.array(z.enum(signInMethods))], { error: "Choose how its people sign in." })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]))
  .refine((v) => v.length > 0, "Choose at least one way to sign in.");

const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === "on");

const organizationFields = {
  name: requiredText(200, "Name"),
  slug: z.string().trim().regex(SLUG, "Use 2–63 lowercase letters, digits and hyphens, like riverbend-health."),
  allowedEmailDomains: domainList,
  signInMethods: methodList,
  ssoJustInTime: checkbox,
};

export const createOrganizationSchema = z.object(organizationFields);
// Form fields never share a name with what a client might add to any form to escalate (role,
// organizationId, userId: test/bad-input.ts), so such extras are ignored rather than obeyed.
const orgRef = id("That organization");
const personRef = id("That person");
const roleChoice = z.enum(roles, { error: "Choose a role." });

export const updateOrganizationSchema = z
  .object({ organization: orgRef, version, ...organizationFields })
  .transform(({ organization, ...rest }) => ({ organizationId: organization, ...rest }));
export const setOrganizationActiveSchema = z
  .object({
    organization: orgRef,
    version,
    active: z.enum(["true", "false"], { error: "Choose activate or deactivate." }),
  })
  .transform((v) => ({ organizationId: v.organization, version: v.version, active: v.active === "true" }));

export const invitePersonSchema = z
  .object({ organization: orgRef, email: emailField, name: requiredText(200, "Name"), personRole: roleChoice })
  .transform((v) => ({ organizationId: v.organization, email: v.email, name: v.name, role: v.personRole }));
export const changeRoleSchema = z
  .object({ person: personRef, version, personRole: roleChoice })
  .transform((v) => ({ userId: v.person, version: v.version, role: v.personRole }));
export const setPersonDisabledSchema = z
  .object({ person: personRef, version, disabled: z.enum(["true", "false"], { error: "Choose disable or enable." }) })
  .transform((v) => ({ userId: v.person, version: v.version, disabled: v.disabled === "true" }));
export const invitationRefSchema = z.object({ person: personRef }).transform((v) => ({ userId: v.person }));

export const changePasswordSchema = withConfirmation(
  {
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH, "That password is too long.").refine((v) => !v.includes("\u0000"), "That password contains a character that is not allowed."),
    newPassword,
  },
  "newPassword",
);

const tokenField = z.string({ error: "This link is not valid." }).regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid.");

export const setPasswordWithTokenSchema = withConfirmation({ token: tokenField, password: newPassword }, "password");
export const requestByEmailSchema = z.object({ email: emailField });
export const signInLinkSchema = z.object({ token: tokenField });
export const completeSetupSchema = withConfirmation(
  { token: tokenField, organizationName: requiredText(200, "Organization name"), name: requiredText(200, "Your name"), email: emailField, password: newPassword },
  "password",
);

export type CreateOrganizationInput = z.output<typeof createOrganizationSchema>;
export type UpdateOrganizationInput = z.output<typeof updateOrganizationSchema>;
export type InvitePersonInput = z.output<typeof invitePersonSchema>;
