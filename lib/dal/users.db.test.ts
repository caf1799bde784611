import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { seedId } from "@/db/seed";
import { demoViewer } from "@/db/testing";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { endSession, loadViewer } from "./users";

const demo = withDemoDatabase();

describe("loadViewer", () => {
  it("reads role and organization from the database", async () => {
    const viewer = await loadViewer(seedId("user:riverbend-it"), 1);
    expect(viewer).toMatchObject({
      role: "customer_it",
      organizationId: seedId("org:riverbend"),
      organizationKind: "customer",
    });
  });

  it("answers null for a disabled user, an unknown id and an outdated session version", async () => {
    expect(await loadViewer(seedId("user:lakeshore-former"), 1)).toBeNull();
    expect(await loadViewer(seedId("user:nobody"), 1)).toBeNull();
    expect(await loadViewer(seedId("user:manager"), 0)).toBeNull();
  });

  it("takes effect at once when a user is demoted or disabled", async () => {
    const id = seedId("user:engineer2");
    await demo.db.update(users).set({ role: "customer_it" }).where(eq(users.id, id));
    // A customer IT role inside the vendor organization grants nothing.
    expect(await loadViewer(id, 1)).toBeNull();
    await demo.db.update(users).set({ role: "engineer", disabledAt: new Date() }).where(eq(users.id, id));
    expect(await loadViewer(id, 1)).toBeNull();
    await demo.db.update(users).set({ disabledAt: null }).where(eq(users.id, id));
    expect(await loadViewer(id, 1)).not.toBeNull();
  });
});

describe("endSession", () => {
  it("invalidates every outstanding token of the user and records the sign-out", async () => {
    const viewer = await demoViewer("it2@riverbend.example");
    await endSession(viewer, "req-test-1");
    expect(await loadViewer(viewer.userId, 1)).toBeNull();
    expect(await loadViewer(viewer.userId, 2)).not.toBeNull();
    const events = await demo.db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId, requestId: auditEvents.requestId })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, viewer.userId));
    expect(events).toContainEqual({ action: "auth.signed_out", actorId: viewer.userId, requestId: "req-test-1" });
  });

  it("only ever ends the viewer's own sessions", async () => {
    const viewer = await demoViewer("it@lakeshore.example");
    await endSession(viewer);
    // Another user in another organization keeps their session.
    expect(await loadViewer(seedId("user:riverbend-it"), 1)).not.toBeNull();
  });
});
