import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Transaction } from "@/db";
import { environments, implementations, interfaces, testPatients, testPatientScenarios, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import type { ScenarioResult } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { testPatientCoverage } from "@/lib/registers/coverage";
import type {
  AddScenarioInput,
  AddTestPatientInput,
  RecordScenarioResultInput,
  RemoveScenarioInput,
  RemoveTestPatientInput,
} from "@/lib/validation/registers";
import { conflict, invalid, notFound } from "./errors";
import { interfaceOfImplementation } from "./interface-link";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, one, writeOnImplementation } from "./unit-of-work";

// The test-patient register of one implementation: synthetic patients in a named environment,
// each with scenarios whose results prove a workflow surface end to end, and the writes on it.

const validator = alias(users, "validator");


export async function getTestPatientRegister(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const db = getDb();
  const [impl] = await db
    .select({ id: implementations.id, workflows: implementations.workflows })
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!impl) throw notFound("Implementation");

  const [envs, patients, scenarios, ifaces] = await Promise.all([
    db
      .select({ id: environments.id, kind: environments.kind, name: environments.name })
      .from(environments)
      .where(eq(environments.implementationId, impl.id))
      .orderBy(sql`array_position(array['sandbox','test','production']::environment_kind[], ${environments.kind})`),
    db
      .select({
        id: testPatients.id,
        label: testPatients.label,
        testIdentifier: testPatients.testIdentifier,
        note: testPatients.note,
        environmentId: testPatients.environmentId,
        environmentKind: environments.kind,
        version: testPatients.version,
      })
      .from(testPatients)
      .innerJoin(environments, eq(environments.id, testPatients.environmentId))
      .where(eq(testPatients.implementationId, impl.id))
      .orderBy(asc(testPatients.label), asc(testPatients.testIdentifier)),
    db
      .select({
        id: testPatientScenarios.id,
        testPatientId: testPatientScenarios.testPatientId,
        workflowSurface: testPatientScenarios.workflowSurface,
        interfaceId: testPatientScenarios.interfaceId,
        interfaceName: interfaces.name,
        scenario: testPatientScenarios.scenario,
        expectedOutcome: testPatientScenarios.expectedOutcome,
        observedOutcome: testPatientScenarios.observedOutcome,
        result: testPatientScenarios.result,
        validatedByName: validator.name,
        validatedAt: testPatientScenarios.validatedAt,
        version: testPatientScenarios.version,
      })
      .from(testPatientScenarios)
      .leftJoin(validator, eq(validator.id, testPatientScenarios.validatedById))
      .leftJoin(interfaces, eq(interfaces.id, testPatientScenarios.interfaceId))
      .where(eq(testPatientScenarios.implementationId, impl.id))
      .orderBy(asc(testPatientScenarios.createdAt), asc(testPatientScenarios.id)),
    db
      .select({ id: interfaces.id, name: interfaces.name })
      .from(interfaces)
      .where(eq(interfaces.implementationId, impl.id))
      .orderBy(asc(interfaces.name)),
  ]);

  const envKind = new Map(patients.map((p) => [p.id, p.environmentKind]));
  const coverage = testPatientCoverage(
    impl.workflows,
    scenarios.map((s) => ({ workflowSurface: s.workflowSurface, result: s.result, environmentKind: envKind.get(s.testPatientId)! })),
  );
  return {
    implementationId: impl.id,
    workflows: impl.workflows,
    environments: envs,
    interfaces: ifaces,
    patients: patients.map((p) => ({ ...p, scenarios: scenarios.filter((s) => s.testPatientId === p.id) })),
    coverage,
    canRecord: can(viewer, "test_patient.record"),
    canRemove: can(viewer, "test_patient.remove"),
  };
}

export type TestPatientRegister = Awaited<ReturnType<typeof getTestPatientRegister>>;

async function lockPatient(tx: Transaction, viewer: Viewer, testPatientId: string) {
  if (!isUuid(testPatientId)) throw notFound("Test patient");
  const [row] = await tx
    .select({ patient: testPatients })
    .from(testPatients)
    .innerJoin(implementations, eq(implementations.id, testPatients.implementationId))
    .where(and(eq(testPatients.id, testPatientId), implementationScope(viewer)))
    .for("update", { of: testPatients });
  if (!row) throw notFound("Test patient");
  return row.patient;
}

async function lockScenario(tx: Transaction, viewer: Viewer, scenarioId: string) {
  if (!isUuid(scenarioId)) throw notFound("Scenario");
  const [row] = await tx
    .select({ scenario: testPatientScenarios, environmentKind: environments.kind })
    .from(testPatientScenarios)
    .innerJoin(implementations, eq(implementations.id, testPatientScenarios.implementationId))
    .innerJoin(testPatients, eq(testPatients.id, testPatientScenarios.testPatientId))
    .innerJoin(environments, eq(environments.id, testPatients.environmentId))
    .where(and(eq(testPatientScenarios.id, scenarioId), implementationScope(viewer)))
    .for("update", { of: testPatientScenarios });
  if (!row) throw notFound("Scenario");
  return row;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

const duplicateIdentifier = () =>
  invalid("Check the highlighted fields.", { testIdentifier: ["This environment already has a test patient with that identifier."] });

export async function addTestPatient(viewer: Viewer, input: AddTestPatientInput, requestId?: string) {
  authorize(viewer, "test_patient.record");
  if (!isUuid(input.implementationId)) throw notFound("Implementation");
  if (!isUuid(input.environmentId)) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });
  try {
    return await writeOnImplementation(viewer, requestId, async (tx) => {
      const impl = await lockImplementation(tx, viewer, input.implementationId);
      const [env] = await tx
        .select({ id: environments.id, kind: environments.kind })
        .from(environments)
        .where(and(eq(environments.id, input.environmentId), eq(environments.implementationId, impl.id)));
      if (!env) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });
      const [taken] = await tx
        .select({ id: testPatients.id })
        .from(testPatients)
        .where(and(eq(testPatients.environmentId, env.id), eq(testPatients.testIdentifier, input.testIdentifier)));
      if (taken) throw duplicateIdentifier();
      const row = one(
        await tx
          .insert(testPatients)
          .values({ implementationId: impl.id, environmentId: env.id, label: input.label, testIdentifier: input.testIdentifier, note: input.note })
          .returning({ id: testPatients.id }),
      );
      return {
        implementationId: impl.id,
        result: { implementationId: impl.id, testPatientId: row.id },
        audit: {
          action: "test_patient.added",
          entityType: "test_patient",
          entityId: row.id,
          after: { environment: env.kind, label: input.label, testIdentifier: input.testIdentifier, note: input.note },
        },
      };
    });
  } catch (error) {
    // Two people adding the same identifier at once: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateIdentifier();
    throw error;
  }
}

export async function removeTestPatient(viewer: Viewer, input: RemoveTestPatientInput, requestId?: string) {
  authorize(viewer, "test_patient.remove");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const patient = await lockPatient(tx, viewer, input.testPatientId);
    if (patient.version !== input.version) {
      throw conflict(`This test patient changed at ${formatUtc(patient.updatedAt)}, after you opened the page. Reload to see the change.`);
    }
    const scenarios = await tx
      .delete(testPatientScenarios)
      .where(eq(testPatientScenarios.testPatientId, patient.id))
      .returning({ workflowSurface: testPatientScenarios.workflowSurface, scenario: testPatientScenarios.scenario, result: testPatientScenarios.result });
    await tx.delete(testPatients).where(eq(testPatients.id, patient.id));
    return {
      implementationId: patient.implementationId,
      result: { implementationId: patient.implementationId },
      audit: {
        action: "test_patient.removed",
        entityType: "test_patient",
        entityId: patient.id,
        before: { label: patient.label, testIdentifier: patient.testIdentifier, note: patient.note, scenarios },
      },
    };
  });
}

function runFields(viewer: Viewer, result: ScenarioResult, now: Date) {
  return result === "not_run" ? { validatedById: null, validatedAt: null } : { validatedById: viewer.userId, validatedAt: now };
}

// A scenario on a patient; it may be recorded as already run, by the viewer, now.
export async function addScenario(viewer: Viewer, input: AddScenarioInput, requestId?: string) {
  authorize(viewer, "test_patient.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const patient = await lockPatient(tx, viewer, input.testPatientId);
    const iface = await interfaceOfImplementation(tx, patient.implementationId, input.interfaceId);
    const now = new Date();
    const row = one(
      await tx
        .insert(testPatientScenarios)
        .values({
          testPatientId: patient.id,
          implementationId: patient.implementationId,
          workflowSurface: input.workflowSurface,
          interfaceId: iface?.id ?? null,
          scenario: input.scenario,
          expectedOutcome: input.expectedOutcome,
          observedOutcome: input.observedOutcome,
          result: input.result,
          ...runFields(viewer, input.result, now),
        })
        .returning({ id: testPatientScenarios.id }),
    );
    // A new scenario changes what the patient proves: bump it so a stale removal is refused.
    await tx
      .update(testPatients)
      .set({ version: patient.version + 1, updatedAt: now })
      .where(eq(testPatients.id, patient.id));
    return {
      implementationId: patient.implementationId,
      result: { implementationId: patient.implementationId, scenarioId: row.id },
      audit: { action: "test_patient_scenario.added", entityType: "test_patient_scenario", entityId: row.id, after: input },
    };
  });
}

async function scenarioConflict(tx: Transaction, scenarioId: string): Promise<never> {
  const [latest] = await tx
    .select({ name: users.name, at: testPatientScenarios.updatedAt, result: testPatientScenarios.result })
    .from(testPatientScenarios)
    .leftJoin(users, eq(users.id, testPatientScenarios.validatedById))
    .where(eq(testPatientScenarios.id, scenarioId));
  throw conflict(
    `${latest?.name ?? "Someone"} changed this scenario${latest ? ` to ${latest.result.replace("_", " ")} at ${formatUtc(latest.at)}` : ""}, after you opened the page. Reload to see it, then record yours again.`,
  );
}

export async function recordScenarioResult(viewer: Viewer, input: RecordScenarioResultInput, requestId?: string) {
  authorize(viewer, "test_patient.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { scenario, environmentKind } = await lockScenario(tx, viewer, input.scenarioId);
    if (scenario.version !== input.version) await scenarioConflict(tx, scenario.id);
    const now = new Date();
    const updated =
      (await tx
        .update(testPatientScenarios)
        .set({ result: input.result, observedOutcome: input.observedOutcome, ...runFields(viewer, input.result, now), version: scenario.version + 1, updatedAt: now })
        .where(and(eq(testPatientScenarios.id, scenario.id), eq(testPatientScenarios.version, input.version)))
        .returning({ version: testPatientScenarios.version }))[0] ?? (await scenarioConflict(tx, scenario.id));
    return {
      implementationId: scenario.implementationId,
      result: { implementationId: scenario.implementationId, version: updated.version },
      audit: {
        action: "test_patient_scenario.recorded",
        entityType: "test_patient_scenario",
        entityId: scenario.id,
        before: { result: scenario.result, observedOutcome: scenario.observedOutcome },
        after: { environment: environmentKind, result: input.result, observedOutcome: input.observedOutcome },
      },
    };
  });
}

export async function removeScenario(viewer: Viewer, input: RemoveScenarioInput, requestId?: string) {
  authorize(viewer, "test_patient.remove");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { scenario } = await lockScenario(tx, viewer, input.scenarioId);
    if (scenario.version !== input.version) await scenarioConflict(tx, scenario.id);
    await tx.delete(testPatientScenarios).where(eq(testPatientScenarios.id, scenario.id));
    return {
      implementationId: scenario.implementationId,
      result: { implementationId: scenario.implementationId },
      audit: {
        action: "test_patient_scenario.removed",
        entityType: "test_patient_scenario",
        entityId: scenario.id,
        before: {
          testPatientId: scenario.testPatientId,
          workflowSurface: scenario.workflowSurface,
          scenario: scenario.scenario,
          expectedOutcome: scenario.expectedOutcome,
          observedOutcome: scenario.observedOutcome,
          result: scenario.result,
        },
      },
    };
  });
}
