import "server-only";
import { type z } from "zod";
import { isDomainError } from "@/lib/dal/errors";
import { errorFields, log } from "@/lib/server/log";
import { requestId } from "./action";
import { GENERIC_ERROR_MESSAGE, type ActionResult } from "./result";

// The wrapper for the few actions a signed-out person makes with a link from their mail
// (accept an invitation, reset a password, ask for a sign-in link, first-admin setup): the
// same parsing and error mapping as defineFormAction, without a viewer.
export function definePublicFormAction<S extends z.ZodType, T>(options: { schema: S; run: (input: z.output<S>, requestId: string) => Promise<T> }) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const id = await requestId();
    const raw: Record<string, unknown> = {};
    if (formData instanceof FormData) {
      for (const key of new Set(formData.keys())) {
        if (key.startsWith("$ACTION")) continue;
        const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
        raw[key] = values.length > 1 ? values : values[0];
      }
    }
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
      return { ok: false, code: "invalid", message: "Some fields need attention.", fieldErrors };
    }
    try {
      return { ok: true, data: await options.run(parsed.data, id) };
    } catch (error) {
      if (isDomainError(error)) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      log.error("action.failed", { requestId: id, ...errorFields(error) });
      return { ok: false, code: "unexpected", message: GENERIC_ERROR_MESSAGE };
    }
  };
}
