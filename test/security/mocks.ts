import type { Viewer } from "@/lib/viewer";

// What the security tests' module mocks read and record. The mocks themselves are declared
// in each test file (vi.mock is hoisted per file); they stand in for the request context that
// Next gives a server action: the signed-in viewer, a request id, revalidation, redirects.
export const mockState: {
  viewer: Viewer | null;
  signIns: unknown[][];
  signOuts: { redirectTo?: string }[];
} = { viewer: null, signIns: [], signOuts: [] };

export class RedirectSignal extends Error {
  constructor(readonly redirectTo: string) {
    super("NEXT_REDIRECT");
  }
}

export class MockAuthError extends Error {}
