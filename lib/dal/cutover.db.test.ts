import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, cutoverSteps, implementationPhases } from "@/db/schema";
import { seedId } from "@/db/seed";
import {
  addCutoverStepSchema,
  addStandardCutoverStepsSchema,
  removeCutoverStepSchema,
  savePhaseSchema,
  setCutoverStepDoneSchema,
  setPhaseExitSchema,
  updateCutoverStepSchema,
} from "@/lib/validation/cutover";
import { withDemoDatabase } from "@/test/fixtures/demo";
import {
  addCutoverStep,
  addStandardCutoverSteps,
  getCutoverPlan,
  getPhasePlan,
  getTimelinePlans,
  removeCutoverStep,
  savePhase,
  setCutoverStepDone,
  setPhaseExit,
  updateCutoverStep,
} from "./cutover";

// The phase plan and the cutover plan: who may read and write them, another organization's and
// a missing record answered alike, stale forms refused, every accepted write audited with it.

const demo = withDemoDatabase();
const { v } = demo;

const appointments = seedId("impl:riverbend-appointments");
const demographics = seedId("impl:riverbend-demographics");
const availability = seedId("impl:lakeshore-availability");
const orders = seedId("impl:lakeshore-orders");
const user = (key: string) => seedId(`user:${key}`);
const step = (impl: string, key: string) => seedId(`cutover:${impl}:${key}`);
const MISSING = "00000000-0000-4000-8000-000000000000";
const inDays = (days: number, time = "09:00") => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

async function stepRow(id: string) {
  const [row] = await demo.db.select().from(cutoverSteps).where(eq(cutoverSteps.id, id));
  return row;
}

async function phaseRow(implementationId: string, phase: "assessment" | "pilot" | "expansion" | "operationalization") {
  const [row] = await demo.db
    .select()
    .from(implementationPhases)
    .where(and(eq(implementationPhases.implementationId, implementationId), eq(implementationPhases.phase, phase)));
  return row;
}

async function auditOf(action: string, entityId: string) {
  return demo.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
}

const phaseInput = (overrides: Record<string, string> = {}) =>
  savePhaseSchema.parse({
    implementationId: orders,
    phase: "expansion",
    version: "0",
    plannedStart: "2027-05-01",
    plannedEnd: "2027-06-15",
    successSignal: "Every lab in scope receives results without a manual resend.",
    exitCriteria: "Results for every lab pass in production; alerts routed.",
    ...overrides,
  });

const stepInput = (overrides: Record<string, string> = {}) =>
  addCutoverStepSchema.parse({
    implementationId: appointments,
    title: "Front desk briefed on the new booking flow",
    detail: "",
    ownerId: user("riverbend-it"),
    dueAt: inDays(19),
    ...overrides,
  });

describe("reading the plans", () => {
  it("shows every phase in order, planned or not, with who met the exit criteria", async () => {
    const plan = await getPhasePlan(v.riverbend, appointments);
    expect(plan.phases.map((p) => p.phase)).toEqual(["assessment", "pilot", "expansion", "operationalization"]);
    expect(plan.currentPhase).toBe("pilot");
    expect(plan.phases[0]).toMatchObject({ planned: true, exitMetByName: "Maya Okafor" });
    expect(plan.canManage).toBe(false);
    const paused = await getPhasePlan(v.manager, orders);
    expect(paused.phases.find((p) => p.phase === "expansion")).toMatchObject({ planned: false, version: 0 });
    expect(paused.canManage).toBe(true);
  });

  it("shows the cutover steps by due time, who may complete each, and the gate's cutover items", async () => {
    const plan = await getCutoverPlan(v.riverbend, appointments);
    expect(plan.steps.map((s) => s.title)).toEqual([
      "Change freeze",
      "Production smoke test",
      "Command centre staffed",
      "First real patient check",
      "Rollback decision point",
      "Hand-off to support",
    ]);
    // Casey owns the customer's steps and may complete only those.
    expect(plan.steps.filter((s) => s.canComplete).map((s) => s.title)).toEqual(["Production smoke test", "First real patient check"]);
    expect(plan.canManage).toBe(false);
    // Only people who can see the implementation may own a step: no Lakeshore people.
    expect(plan.people.map((p) => p.organizationName)).not.toContain("Lakeshore Medical Group (fictional)");
    // The Epic template has no rollback or hand-off item; the demographics feed's template has both.
    expect(plan.gateItems.map((g) => g.item)).toEqual([null, null]);
    const early = await getCutoverPlan(v.manager, demographics);
    expect(early.gateItems.map((g) => g.item?.title)).toEqual(["Rollback plan approved", "Support hand-off accepted"]);
    expect(early.gateItems.every((g) => g.item?.required)).toBe(true);
  });

  it("answers another organization's, a missing and a malformed id with the same not found", async () => {
    for (const id of [availability, MISSING, "not-a-uuid"]) {
      await expect(getPhasePlan(v.riverbend, id), id).rejects.toMatchObject({ code: "not_found", message: "Implementation was not found." });
      await expect(getCutoverPlan(v.riverbend, id), id).rejects.toMatchObject({ code: "not_found", message: "Implementation was not found." });
    }
  });

  it("the demo's plans have the past the product would have written (db/seed-history.ts)", async () => {
    const freeze = seedId("cutover:lakeshore-documents:change-freeze");
    const trail = await demo.db.select({ action: auditEvents.action, actorId: auditEvents.actorId }).from(auditEvents).where(eq(auditEvents.entityId, freeze)).orderBy(auditEvents.id);
    expect(trail.map((e) => e.action)).toEqual(["cutover_step.added", "cutover_step.done"]);
    expect(trail[1]!.actorId).toBe(user("engineer"));
    const assessment = seedId("phase:lakeshore-availability:assessment");
    expect((await demo.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, assessment))).map((e) => e.action)).toEqual(["phase.planned", "phase.exit_met"]);
  });

  it("gives the timeline only the implementations in the viewer's scope", async () => {
    const asRiverbend = await getTimelinePlans(v.riverbend, [appointments, availability, "not-a-uuid"]);
    expect(Object.keys(asRiverbend)).toEqual([appointments]);
    expect(asRiverbend[appointments]!.steps).toHaveLength(6);
    expect(asRiverbend[appointments]!.phases.map((p) => p.phase)).toEqual(["assessment", "pilot", "expansion", "operationalization"]);
    const asManager = await getTimelinePlans(v.manager, [appointments, availability]);
    expect(Object.keys(asManager).sort()).toEqual([appointments, availability].sort());
  });
});

describe("the phase plan", () => {
  it("a manager plans a phase, with its audit event; a second form from the same view is refused", async () => {
    // Not planned yet: nothing to call met.
    await expect(
      setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: orders, phase: "expansion", version: "1", exit: "met" })),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("not planned yet") });
    await savePhase(v.manager, phaseInput());
    const row = await phaseRow(orders, "expansion");
    expect(row).toMatchObject({ plannedStart: "2027-05-01", plannedEnd: "2027-06-15", version: 1, updatedById: user("manager") });
    expect(await auditOf("phase.planned", row!.id)).toHaveLength(1);
    await expect(savePhase(v.manager, phaseInput({ plannedEnd: "2027-07-01" }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Maya Okafor changed this phase"),
    });
    await savePhase(v.manager, phaseInput({ version: "1", plannedEnd: "2027-07-01" }));
    expect(await phaseRow(orders, "expansion")).toMatchObject({ plannedEnd: "2027-07-01", version: 2 });
    const [updated] = await auditOf("phase.updated", row!.id);
    expect(updated!.before).toMatchObject({ plannedEnd: "2027-06-15" });
  });

  it("refuses an end before the start, next to the field", () => {
    const parsed = savePhaseSchema.safeParse({ ...phaseInput(), version: "0", plannedStart: "2027-05-01", plannedEnd: "2027-04-01" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ["plannedEnd"], message: "The planned end cannot be before the planned start." });
  });

  it("only managers plan phases", async () => {
    for (const viewer of [v.engineer, v.riverbend, v.admin]) {
      await expect(savePhase(viewer, phaseInput({ implementationId: appointments, phase: "pilot", version: "1" }))).rejects.toMatchObject({ code: "forbidden" });
      await expect(setPhaseExit(viewer, setPhaseExitSchema.parse({ implementationId: appointments, phase: "pilot", version: "1", exit: "met" }))).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("a manager marks exit criteria met (by whom, when), and can take it back", async () => {
    const before = (await phaseRow(demographics, "assessment"))!;
    expect(before.exitMetAt).toBeNull();
    await setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: demographics, phase: "assessment", version: String(before.version), exit: "met" }));
    const met = (await phaseRow(demographics, "assessment"))!;
    expect(met).toMatchObject({ exitMetById: user("manager"), version: before.version + 1 });
    expect(met.exitMetAt).toBeInstanceOf(Date);
    expect(await auditOf("phase.exit_met", met.id)).toHaveLength(1);
    expect((await getPhasePlan(v.riverbend, demographics)).phases[0]).toMatchObject({ exitMetByName: "Maya Okafor" });
    // The page that still showed "not met" is out of date.
    await expect(
      setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: demographics, phase: "assessment", version: String(before.version), exit: "met" })),
    ).rejects.toMatchObject({ code: "conflict" });
    await setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: demographics, phase: "assessment", version: String(met.version), exit: "not_met" }));
    expect(await phaseRow(demographics, "assessment")).toMatchObject({ exitMetAt: null, exitMetById: null });
    expect(await auditOf("phase.exit_reopened", met.id)).toHaveLength(1);
  });

  it("refuses to call criteria met that nobody wrote, or from an out-of-date page", async () => {
    await savePhase(v.manager, phaseInput({ phase: "operationalization", exitCriteria: "" }));
    const row = (await phaseRow(orders, "operationalization"))!;
    await expect(
      setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: orders, phase: "operationalization", version: String(row.version), exit: "met" })),
    ).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("Write this phase's exit criteria") });
    await expect(
      setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: demographics, phase: "pilot", version: "9", exit: "met" })),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("another organization's implementation and a missing one are not found", async () => {
    await expect(savePhase(v.manager, phaseInput({ implementationId: MISSING }))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the cutover plan", () => {
  it("a manager adds a step owned by someone on the implementation, audited with it", async () => {
    const { stepId } = await addCutoverStep(v.manager, stepInput());
    expect(await stepRow(stepId)).toMatchObject({ ownerId: user("riverbend-it"), createdById: user("manager"), doneAt: null, version: 1 });
    const [audit] = await auditOf("cutover_step.added", stepId);
    expect(audit).toMatchObject({ implementationId: appointments, actorId: user("manager") });
  });

  it("refuses an owner who cannot see the implementation, or who is disabled", async () => {
    const refused: [string, string][] = [
      [availability, user("riverbend-it")], // another health system's person
      [appointments, user("lakeshore-it")],
      [availability, user("lakeshore-former")], // disabled
      [appointments, MISSING],
    ];
    for (const [implementationId, ownerId] of refused) {
      await expect(addCutoverStep(v.manager, stepInput({ implementationId, ownerId }))).rejects.toMatchObject({
        code: "invalid",
        fieldErrors: { ownerId: ["Choose a person who works on this implementation."] },
      });
    }
  });

  it("only managers add, edit and remove steps", async () => {
    for (const viewer of [v.engineer, v.riverbend, v.admin]) {
      await expect(addCutoverStep(viewer, stepInput())).rejects.toMatchObject({ code: "forbidden" });
      await expect(removeCutoverStep(viewer, removeCutoverStepSchema.parse({ stepId: step("riverbend-appointments", "change-freeze"), version: "1" }))).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("offers the standard steps dated from go-live, to the people they usually fall to, once", async () => {
    const { added } = await addStandardCutoverSteps(v.manager, addStandardCutoverStepsSchema.parse({ implementationId: demographics }));
    expect(added).toBe(6);
    const plan = await getCutoverPlan(v.manager, demographics);
    const owners = Object.fromEntries(plan.steps.map((s) => [s.key, s.ownerName]));
    // Leo Brandt manages it and Sam Whitfield engineers it; Casey Lin is Riverbend's first IT person.
    expect(owners).toMatchObject({ "change-freeze": "Sam Whitfield", "production-smoke-test": "Casey Lin", "rollback-decision-point": "Leo Brandt" });
    expect(plan.missingStandardSteps).toEqual([]);
    expect(await addStandardCutoverSteps(v.manager, addStandardCutoverStepsSchema.parse({ implementationId: demographics }))).toMatchObject({ added: 0 });
    // Nothing to date them from.
    await expect(addStandardCutoverSteps(v.manager, addStandardCutoverStepsSchema.parse({ implementationId: orders }))).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("Set a go-live date first"),
    });
  });

  it("the owner marks their own step done; others may not, and another organization's step is not found", async () => {
    const smoke = step("riverbend-appointments", "production-smoke-test"); // Casey's
    const freeze = step("riverbend-appointments", "change-freeze"); // Erin's
    await expect(setCutoverStepDone(v.riverbend2, setCutoverStepDoneSchema.parse({ stepId: smoke, version: "1", done: "done" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(setCutoverStepDone(v.engineer, setCutoverStepDoneSchema.parse({ stepId: smoke, version: "1", done: "done" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(setCutoverStepDone(v.lakeshore, setCutoverStepDoneSchema.parse({ stepId: smoke, version: "1", done: "done" }))).rejects.toMatchObject({
      code: "not_found",
      message: "Cutover step was not found.",
    });
    await expect(setCutoverStepDone(v.lakeshore, setCutoverStepDoneSchema.parse({ stepId: MISSING, version: "1", done: "done" }))).rejects.toMatchObject({
      code: "not_found",
      message: "Cutover step was not found.",
    });

    await setCutoverStepDone(v.riverbend, setCutoverStepDoneSchema.parse({ stepId: smoke, version: "1", done: "done" }));
    expect(await stepRow(smoke)).toMatchObject({ doneById: user("riverbend-it"), version: 2 });
    expect(await auditOf("cutover_step.done", smoke)).toHaveLength(1);
    // Erin marks her own; the manager may mark anyone's, and take it back.
    await setCutoverStepDone(v.engineer, setCutoverStepDoneSchema.parse({ stepId: freeze, version: "1", done: "done" }));
    await setCutoverStepDone(v.manager, setCutoverStepDoneSchema.parse({ stepId: smoke, version: "2", done: "not_done" }));
    expect(await stepRow(smoke)).toMatchObject({ doneAt: null, doneById: null, version: 3 });
    expect(await auditOf("cutover_step.reopened", smoke)).toHaveLength(1);
  });

  it("refuses an edit from an out-of-date page, naming who changed the step and when", async () => {
    const id = step("riverbend-appointments", "rollback-decision-point");
    const base = { stepId: id, title: "Rollback decision point", detail: "Go or roll back, decided on the bridge.", ownerId: user("manager"), dueAt: inDays(21, "16:00") };
    await updateCutoverStep(v.manager, updateCutoverStepSchema.parse({ ...base, version: "1" }));
    expect(await stepRow(id)).toMatchObject({ detail: "Go or roll back, decided on the bridge.", version: 2 });
    await expect(updateCutoverStep(v.manager, updateCutoverStepSchema.parse({ ...base, version: "1", ownerId: user("engineer") }))).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/^Maya Okafor changed this step at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/),
    });
    await updateCutoverStep(v.manager, updateCutoverStepSchema.parse({ ...base, version: "2", ownerId: user("engineer") }));
    expect(await stepRow(id)).toMatchObject({ ownerId: user("engineer"), version: 3 });
    const [audit] = await auditOf("cutover_step.updated", id);
    expect(audit!.before).toMatchObject({ detail: expect.any(String) });
  });

  it("a manager removes a step; the audit trail keeps what it was", async () => {
    const id = step("riverbend-appointments", "command-centre-staffing");
    await expect(removeCutoverStep(v.manager, removeCutoverStepSchema.parse({ stepId: id, version: "7" }))).rejects.toMatchObject({ code: "conflict" });
    await removeCutoverStep(v.manager, removeCutoverStepSchema.parse({ stepId: id, version: "1" }));
    expect(await stepRow(id)).toBeUndefined();
    const [audit] = await auditOf("cutover_step.removed", id);
    expect(audit!.before).toMatchObject({ title: "Command centre staffed" });
    await expect(removeCutoverStep(v.manager, removeCutoverStepSchema.parse({ stepId: id, version: "1" }))).rejects.toMatchObject({ code: "not_found" });
  });
});
