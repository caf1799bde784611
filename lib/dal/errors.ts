// Domain errors the DAL raises and the action wrapper maps to results. Anything else is
// unexpected: logged with a request id, shown to the user as a generic message.

export type ErrorCode = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "invalid";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const unauthenticated = () =>
  new DomainError("unauthenticated", "Your session has ended. Sign in again.");
export const forbidden = () => new DomainError("forbidden", "You are not allowed to do that.");
// Another organization's record and a missing one get this same answer.
export const notFound = (what = "That record") =>
  new DomainError("not_found", `${what} was not found.`);
export const conflict = (message: string) => new DomainError("conflict", message);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) =>
  new DomainError("invalid", message, fieldErrors);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
