import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { z } from "./zod";

// Postgres rejects U+0000 in text, so it is refused here with a message, never sent.
const noNul = (value: string) => !value.includes("\u0000");

export const signInSchema = z.object({
  email: z
    .string({ error: "Enter your e-mail address." })
    .trim()
    .min(1, "Enter your e-mail address.")
    .max(320, "That e-mail address is too long.")
    .refine(noNul, "That e-mail address contains a character that is not allowed.")
    .pipe(z.email("Enter a valid e-mail address, like name@example.org.")),
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(MAX_PASSWORD_LENGTH, "That password is too long.")
    .refine(noNul, "That password contains a character that is not allowed."),
});

export type SignInInput = z.infer<typeof signInSchema>;

// Where to go after signing in: only a path on this site, never another origin. Control
// characters and whitespace are refused outright (browsers drop tabs and newlines, which
// would turn "/\t/evil.example" into "//evil.example"); what remains must resolve to this site.
const PROBE_ORIGIN = "http://readyroom.invalid";

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 512 || !value.startsWith("/")) return "/";
  if (/[\u0000-\u0020\u007f-\u00a0\\]/.test(value) || value.startsWith("//")) return "/";
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

// The one answer to every failed sign-in: it never says whether the account exists.
// After repeated failures from one place sign-in pauses; the person is told for how long and
// what else they can do (the pause is per account and address, so another device still works).
export function signInPausedMessage(minutes: number): string {
  return `Sign-in is paused after repeated failed attempts. Try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}; each further failure makes the pause longer. If you have forgotten your password, ask your administrator to reset it.`;
}

export const SIGN_IN_FAILED =
  "We couldn't sign you in with that e-mail and password. Check them and try again; after repeated failures, sign-in pauses for a few minutes.";
