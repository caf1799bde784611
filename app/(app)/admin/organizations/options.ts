import type { SignInMethod } from "@/lib/domain/vocabulary";

export const signInMethodLabel: Record<SignInMethod, string> = { password: "Password", email_link: "E-mailed sign-in link", sso: "Single sign-on" };
export const signInMethodOptions = (Object.keys(signInMethodLabel) as SignInMethod[]).map((value) => ({ value, label: signInMethodLabel[value] }));
