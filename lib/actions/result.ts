import type { ErrorCode } from "@/lib/dal/errors";

// What every server action returns. The client never sees a raw error message.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | "unexpected"; message: string; fieldErrors?: Record<string, string[]> };

export const GENERIC_ERROR_MESSAGE =
  "Something went wrong on our side. Nothing was saved. Try again in a moment.";
