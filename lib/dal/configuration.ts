import "server-only";
import { and, eq } from "drizzle-orm";
import { configurationChanges, environments } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { RecordConfigurationChangeInput } from "@/lib/validation/configuration";
import { invalid } from "./errors";
import { authorize } from "./policy";
import { lockImplementation, one, writeOnImplementation } from "./unit-of-work";

// A dated configuration change on an implementation (a rotated client ID, a new interface
// mapping). Evidence observed before it, in the environments it touched, is stale.
export async function recordConfigurationChange(viewer: Viewer, input: RecordConfigurationChangeInput, requestId?: string) {
  authorize(viewer, "configuration_change.record");
  // Evidence behind a sign-off may go stale: the write path refreshes the gate.
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    if (input.environmentId) {
      const [env] = await tx
        .select({ id: environments.id })
        .from(environments)
        .where(and(eq(environments.id, input.environmentId), eq(environments.implementationId, impl.id)));
      if (!env) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });
    }
    const row = one(
      await tx
        .insert(configurationChanges)
        .values({
          implementationId: impl.id,
          environmentId: input.environmentId,
          changedAt: input.changedAt,
          note: input.note,
          recordedById: viewer.userId,
        })
        .returning({ id: configurationChanges.id }),
    );
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, id: row.id },
      audit: {
        action: "configuration_change.recorded",
        entityType: "configuration_change",
        entityId: row.id,
        after: { environmentId: input.environmentId, changedAt: input.changedAt.toISOString(), note: input.note },
      },
    };
  });
}
