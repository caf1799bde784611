import "server-only";
import type { Viewer } from "@/lib/domain/viewer";
import { getPermissionMatrix } from "./permissions";
import { getTestPatientRegister } from "./test-patients";

// Both registers of one implementation reduced to what the go/no-go gate, the readiness report
// and the checklist items' summaries need. Same access rule and "not found" as the registers.
export async function getRegisterSummary(viewer: Viewer, implementationId: string) {
  const [matrix, register] = await Promise.all([getPermissionMatrix(viewer, implementationId), getTestPatientRegister(viewer, implementationId)]);
  return {
    implementationId: matrix.implementationId,
    permissions: matrix.summary,
    testPatients: register.coverage,
  };
}

export type RegisterSummary = Awaited<ReturnType<typeof getRegisterSummary>>;
