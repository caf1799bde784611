import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { loadViewer } from "@/lib/dal/users";
import type { Viewer } from "@/lib/domain/viewer";
import { auth } from "./config";

// The signed-in person for this request, read from the database once per request.
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  if (!session?.userId || typeof session.sessionVersion !== "number") return null;
  const viewer = await loadViewer(session.userId, session.sessionVersion);
  if (!viewer) return null;
  return {
    ...viewer,
    session: {
      id: typeof session.sessionId === "string" ? session.sessionId : null,
      signedInAt: typeof session.authTime === "number" ? new Date(session.authTime * 1000) : null,
    },
  };
});

export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
