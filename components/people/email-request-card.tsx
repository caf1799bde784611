import Link from "next/link";
import type { ActionResult } from "@/lib/actions/result";
import { ActionForm } from "./action-form";
import { AuthCard } from "./auth-card";

// A signed-out page that asks for an e-mail address and sends a link to it (a password reset,
// a sign-in link). The answer is the same whether or not the address has an account.
export function EmailRequestCard<T>({
  title,
  intro,
  formId,
  formLabel,
  action,
  submitLabel,
  success,
}: {
  title: string;
  intro: string;
  formId: string;
  formLabel: string;
  action: (previous: ActionResult<T> | null, data: FormData) => Promise<ActionResult<T>>;
  submitLabel: string;
  success: string;
}) {
  return (
    <AuthCard title={title} intro={intro}>
      <ActionForm
        id={formId}
        label={formLabel}
        action={action}
        fields={[{ name: "email", label: "E-mail", type: "email", autoComplete: "username" }]}
        submitLabel={submitLabel}
        pendingLabel="Sending…"
        success={success}
      />
      <p className="mt-4 text-sm">
        <Link href="/sign-in" className="underline">
          Back to sign-in
        </Link>
      </p>
    </AuthCard>
  );
}
