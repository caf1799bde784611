import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { configurationChanges, environments, implementations } from "@/db/schema";
import type { RecordConfigurationChangeInput } from "@/lib/validation/configuration";
import type { Viewer } from "@/lib/viewer";
import { recordAudit } from "./audit";
import { refreshGateState } from "./gate";
import { invalid, notFound } from "./errors";
import { authorize } from "./policy";
import { implementationScope } from "./tenant";

// A dated configuration change on an implementation (a rotated client ID, a new interface
// mapping). Evidence observed before it, in the environments it touched, is stale.
export async function recordConfigurationChange(viewer: Viewer, input: RecordConfigurationChangeInput, requestId?: string) {
  authorize(viewer, "configuration_change.record");
  return getDb().transaction(async (tx) => {
    const [impl] = await tx
      .select({ id: implementations.id })
      .from(implementations)
      .where(and(eq(implementations.id, input.implementationId), implementationScope(viewer)));
    if (!impl) throw notFound("Implementation");
    if (input.environmentId) {
      const [env] = await tx
        .select({ id: environments.id })
        .from(environments)
        .where(and(eq(environments.id, input.environmentId), eq(environments.implementationId, impl.id)));
      if (!env) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });
    }
    const [row] = await tx
      .insert(configurationChanges)
      .values({
        implementationId: impl.id,
        environmentId: input.environmentId,
        changedAt: input.changedAt,
        note: input.note,
        recordedById: viewer.userId,
      })
      .returning({ id: configurationChanges.id });
    await recordAudit(tx, viewer, {
      action: "configuration_change.recorded",
      entityType: "configuration_change",
      entityId: row!.id,
      implementationId: impl.id,
      after: { environmentId: input.environmentId, changedAt: input.changedAt.toISOString(), note: input.note },
      requestId,
    });
    // Evidence behind a sign-off may have just gone stale.
    await refreshGateState(tx, impl.id, requestId);
    return { implementationId: impl.id, id: row!.id };
  });
}
