import { MIN_PASSWORD_LENGTH } from "@/lib/validation/people";
import type { FieldSpec } from "./action-form";

// A new password and the same typed again, as every form that sets one asks for them (setup,
// invitation, reset, account). `more` finishes the length hint.
export function newPasswordFields({ name = "password", label, again = "Type it again", more = "." }: { name?: string; label: string; again?: string; more?: string }): FieldSpec[] {
  return [
    { name, label, type: "password", autoComplete: "new-password", hint: `At least ${MIN_PASSWORD_LENGTH} characters${more}` },
    { name: "confirmPassword", label: again, type: "password", autoComplete: "new-password" },
  ];
}
