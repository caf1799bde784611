import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadViewer } from "@/lib/dal/users";
import type { Viewer } from "@/lib/domain/viewer";
import { readSessionClaims } from "./session-claims";

// The signed-in person for this request, read from the database once per request.
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await readSessionClaims();
  if (!claims) return null;
  const viewer = await loadViewer(claims.userId, claims.sessionVersion);
  if (!viewer) return null;
  return {
    ...viewer,
    session: {
      id: claims.sessionId,
      signedInAt: claims.authTime !== null ? new Date(claims.authTime * 1000) : null,
    },
  };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
