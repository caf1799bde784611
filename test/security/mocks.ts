import { AsyncLocalStorage } from "node:async_hooks";
import type { Viewer } from "@/lib/domain/viewer";

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

// A browser session's token as next-auth keeps it (lib/auth/config.ts): only the user id, the
// session version and when it signed in. A mocked getViewer given one resolves it the way the
// real one does (lib/auth/session-viewer.ts), so a signed-out or disabled user's token gets no viewer.
// Held per call, so parallel calls can come from different people.
export type MockToken = { userId: string; sessionVersion: number; sessionId: string; signedInAt: Date };
export const tokenScope = new AsyncLocalStorage<MockToken>();
