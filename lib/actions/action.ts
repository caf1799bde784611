import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { type z } from "zod";
import { getViewer } from "@/lib/auth/session-viewer";
import { isDomainError, unauthenticated } from "@/lib/dal/errors";
import type { Viewer } from "@/lib/domain/viewer";
import { TOO_LARGE_MARKER, TOO_LARGE_MESSAGE, tooLargeFieldMessage } from "@/lib/server/form-limits";
import { errorFields, log } from "@/lib/server/log";
import { GENERIC_ERROR_MESSAGE, type ActionResult } from "./result";

// The one wrapper every server action is made with: resolve the viewer from the database,
// parse the input with its zod schema, call one DAL function, map known domain errors to a
// result, log anything else with a request id, and revalidate what changed.

export type ActionContext = { viewer: Viewer; requestId: string };

type Options<S extends z.ZodType, T> = {
  schema: S;
  run: (input: z.output<S>, context: ActionContext) => Promise<T>;
  revalidate?: (input: z.output<S>, data: T) => string[];
};

export async function requestId(): Promise<string> {
  const value = (await headers()).get("x-request-id");
  return value && /^[\w-]{8,64}$/.test(value) ? value : randomUUID();
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

async function execute<S extends z.ZodType, T>(options: Options<S, T>, raw: unknown): Promise<ActionResult<T>> {
  const id = await requestId();
  try {
    const viewer = await getViewer();
    if (!viewer) throw unauthenticated();
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        code: "invalid",
        message: "Some fields need attention.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const data = await options.run(parsed.data, { viewer, requestId: id });
    for (const path of options.revalidate?.(parsed.data, data) ?? []) revalidatePath(path);
    return { ok: true, data };
  } catch (error) {
    if (isDomainError(error)) {
      if (error.code === "forbidden" || error.code === "not_found") {
        log.warn("security.access_refused", { requestId: id, code: error.code });
      }
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    }
    log.error("action.failed", { requestId: id, ...errorFields(error) });
    return { ok: false, code: "unexpected", message: GENERIC_ERROR_MESSAGE };
  }
}

// For actions called with a plain object.
export function defineAction<S extends z.ZodType, T>(options: Options<S, T>) {
  return (input: unknown) => execute(options, input);
}

// The browser found its form over the body limit and sent only the name and size of its largest
// field (components/ui/form.tsx): say so next to that field. Nothing is read or written.
function tooLargeResult<T>(marker: string): ActionResult<T> {
  const match = /^([A-Za-z][\w.]{0,63}):(\d{1,12})$/.exec(marker);
  const fieldErrors = match ? { [match[1]!]: [tooLargeFieldMessage(Number(match[2]))] } : undefined;
  return { ok: false, code: "invalid", message: TOO_LARGE_MESSAGE, fieldErrors };
}

// For <form action={…}> with useActionState: FormData is turned into a plain object first
// (repeated names become arrays) and parsed by the same schema.
export function defineFormAction<S extends z.ZodType, T>(options: Options<S, T>) {
  return (_previous: ActionResult<T> | null, formData: FormData) => {
    const raw: Record<string, unknown> = {};
    // Anyone can POST any arguments to an action: something other than a form is an empty
    // one (refused by the schema with field messages), not a TypeError and a 500.
    if (!(formData instanceof FormData)) return execute(options, raw);
    const tooLarge = formData.get(TOO_LARGE_MARKER);
    if (typeof tooLarge === "string") return Promise.resolve(tooLargeResult<T>(tooLarge));
    for (const key of new Set(formData.keys())) {
      if (key.startsWith("$ACTION")) continue;
      const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
      raw[key] = values.length > 1 ? values : values[0];
    }
    return execute(options, raw);
  };
}
