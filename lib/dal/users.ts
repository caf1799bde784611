import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { organizations, users } from "@/db/schema";
import { roleFitsOrganization, type Viewer } from "@/lib/domain/viewer";
import { recordAudit } from "./audit";
import { notFound } from "./errors";
import { authorize } from "./policy";

// Who is signed in: resolves a session token's claims to a Viewer, from the database, on
// every request. A disabled user, a bumped session version or a role that does not fit the
// organization all mean "not signed in".

// The columns a Viewer is made of (users joined to organizations), shared with the API token
// check, which reads them in the same statement as the token.
export const viewerColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  disabledAt: users.disabledAt,
  sessionVersion: users.sessionVersion,
  organizationId: organizations.id,
  organizationName: organizations.name,
  organizationKind: organizations.kind,
  organizationDeactivatedAt: organizations.deactivatedAt,
  invited: users.invited,
};

type ViewerRow = { [K in keyof typeof viewerColumns]: (typeof viewerColumns)[K]["_"]["notNull"] extends true ? (typeof viewerColumns)[K]["_"]["data"] : (typeof viewerColumns)[K]["_"]["data"] | null };

export function viewerFromRow(row: ViewerRow | undefined, sessionVersion: number): Viewer | null {
  if (!row || row.disabledAt || row.sessionVersion !== sessionVersion) return null;
  // A deactivated organization's people, and an invitation not yet accepted, have no session.
  if (row.organizationDeactivatedAt || row.invited) return null;
  if (!roleFitsOrganization(row.role, row.organizationKind)) return null;
  return {
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    organizationKind: row.organizationKind,
  };
}

export async function loadViewer(userId: string, sessionVersion: number): Promise<Viewer | null> {
  const [row] = await getDb()
    .select(viewerColumns)
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .limit(1)
    .prepare("load_viewer")
    .execute();
  return viewerFromRow(row, sessionVersion);
}

// Sign-out ends every session of this user: the version in each outstanding token no longer
// matches, so a copied cookie cannot be replayed after signing out.
export async function endSession(viewer: Viewer, requestId?: string): Promise<void> {
  authorize(viewer, "session.end_own");
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, viewer.userId))
      .for("update");
    if (!row) throw notFound("Your account");
    await tx
      .update(users)
      .set({ sessionVersion: row.sessionVersion + 1, updatedAt: new Date() })
      .where(eq(users.id, viewer.userId));
    await recordAudit(tx, viewer, {
      action: "auth.signed_out",
      entityType: "user",
      entityId: viewer.userId,
      requestId,
    });
  });
}
