import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  checklistItems,
  gateStates,
  hypercareAlerts,
  implementations,
  interfaceMetrics,
  interfaces,
  permissionChecks,
  permissionRequirements,
  readinessSummaries,
  testPatients,
  testPatientScenarios,
} from "@/db/schema";
import { seedId } from "@/db/seed";
import { canonicalJson, type Json } from "@/lib/domain/sign-off-snapshot";
import type { Viewer } from "@/lib/domain/viewer";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validation/api-tokens";
import { addItemSchema, blockItemSchema, recordEvidenceSchema, unblockItemSchema, updateItemSchema } from "@/lib/validation/checklist";
import { recordConfigurationChangeSchema } from "@/lib/validation/configuration";
import {
  addCutoverStepSchema,
  addStandardCutoverStepsSchema,
  removeCutoverStepSchema,
  savePhaseSchema,
  setCutoverStepDoneSchema,
  setPhaseExitSchema,
  updateCutoverStepSchema,
} from "@/lib/validation/cutover";
import { acknowledgeHypercareAlertSchema, setWatchRulesSchema } from "@/lib/validation/hypercare";
import { createImplementationSchema, updateImplementationSchema } from "@/lib/validation/implementation";
import { addCommentSchema } from "@/lib/validation/inbox";
import {
  addInterfaceSchema,
  confirmInventorySchema,
  importInterfacesSchema,
  reviewPayloadSchema,
  savePayloadRuleSchema,
  setSourceOfTruthSchema,
  updateInterfaceSchema,
} from "@/lib/validation/interfaces";
import {
  addCatalogRowsSchema,
  addInterfaceRowsSchema,
  addPermissionRowSchema,
  addScenarioSchema,
  addTestPatientSchema,
  recordPermissionCheckSchema,
  recordScenarioResultSchema,
  removePermissionRowSchema,
  removeScenarioSchema,
  removeTestPatientSchema,
  setPermissionColumnSchema,
  updatePermissionRowSchema,
} from "@/lib/validation/registers";
import { recordDecisionSchema, revokeWaiverSchema, signOffItemSchema, waiveItemSchema } from "@/lib/validation/sign-offs";
import { rotateWebhookSecretSchema, saveWebhookSchema, sendTestDeliverySchema, setWebhookEnabledSchema } from "@/lib/validation/webhooks";
import { demoImpl, envId, withDemoDatabase } from "@/test/fixtures/demo";
import { implementationEditForm, interfaceForm, itemEditForm } from "@/test/fixtures/forms";
import { authenticateApiToken, createApiToken, revokeApiToken, type ApiToken } from "./api-tokens";
import { postApiEvidence } from "./api-writes";
import { addItem, blockItem, recordEvidence, unblockItem, updateItem } from "./checklist";
import { addComment } from "./comments";
import { recordConfigurationChange } from "./configuration";
import { addCutoverStep, addStandardCutoverSteps, removeCutoverStep, savePhase, setCutoverStepDone, setPhaseExit, updateCutoverStep } from "./cutover";
import { getGate, rebuildSummary, recordGoLiveDecision } from "./gate";
import { acknowledgeHypercareAlert, evaluateHypercare } from "./hypercare";
import { createImplementation, updateImplementation } from "./implementation-writes";
import { setInterfaceWatchRules } from "./interface-watch";
import {
  addInterface,
  confirmInventory,
  getInterfaceInventory,
  importInterfaces,
  recordPayloadReview,
  savePayloadRule,
  setSourceOfTruth,
  updateInterface,
} from "./interfaces";
import {
  addCatalogRows,
  addInterfaceRows,
  addPermissionRow,
  getPermissionMatrix,
  recordPermissionCheck,
  removePermissionRow,
  setPermissionColumn,
  updatePermissionRow,
} from "./permissions";
import { getSignOffPanel, revokeWaiver, signOffItem, waiveItem } from "./sign-offs";
import { addScenario, addTestPatient, recordScenarioResult, removeScenario, removeTestPatient } from "./test-patients";
import { rotateWebhookSecret, saveWebhook, sendTestDelivery, setWebhookEnabled } from "./webhooks";

// The write path's last step (docs/design.md, "One truth"): every accepted write on an
// implementation's data leaves what is derived from it — the stored gate state and the
// maintained readiness summary — equal to what the facts give now. Before each write the stored
// rows are taken away, so a write that skips the refresh is caught even when it does not change
// the verdict or the summary.

const recently = (viewer: Viewer): Viewer => ({ ...viewer, session: { id: "write-path", signedInAt: new Date(Date.now() - 60_000) } });
const demo = withDemoDatabase({ viewer: recently });
const { v } = demo;

const { appointments, demographics } = demoImpl;
const item = (key: string) => seedId(`item:riverbend-appointments:${key}`);
const minuteAgo = () => new Date(Date.now() - 60_000).toISOString().slice(0, 16);
const today = () => new Date().toISOString().slice(0, 10);

async function itemRow(itemId: string) {
  const [row] = await demo.db.select().from(checklistItems).where(eq(checklistItems.id, itemId));
  return row!;
}

async function editItem(viewer: Viewer, itemId: string, changes: Record<string, string>) {
  return updateItem(viewer, updateItemSchema.parse(itemEditForm(await itemRow(itemId), changes)));
}

async function blockInput(itemId: string) {
  return blockItemSchema.parse({
    itemId,
    version: String((await itemRow(itemId)).version),
    reason: "Production client lacks user/Slot.rs",
    severity: "go_live",
    ticketUrl: "",
    since: today(),
  });
}

async function implementationInput(id: string, overrides: Record<string, unknown>) {
  const [row] = await demo.db.select().from(implementations).where(eq(implementations.id, id));
  return updateImplementationSchema.parse(implementationEditForm(row!, overrides));
}

async function newPermissionRow(permission: string) {
  const { requirementId } = await addPermissionRow(
    v.manager,
    addPermissionRowSchema.parse({ implementationId: demographics, interface: "fhir_api", permission, required: "on", note: "" }),
  );
  const [row] = await demo.db.select().from(permissionRequirements).where(eq(permissionRequirements.id, requirementId));
  return row!;
}

async function newTestPatient(testIdentifier: string) {
  const { testPatientId } = await addTestPatient(
    v.manager,
    addTestPatientSchema.parse({
      implementationId: demographics,
      environmentId: envId("riverbend-demographics", "production"),
      label: "Write-path patient (synthetic)",
      testIdentifier,
      note: "",
    }),
  );
  const [row] = await demo.db.select().from(testPatients).where(eq(testPatients.id, testPatientId));
  return row!;
}

async function newScenario(testIdentifier: string) {
  const patient = await newTestPatient(testIdentifier);
  const { scenarioId } = await addScenario(
    v.manager,
    addScenarioSchema.parse({
      testPatientId: patient.id,
      workflowSurface: "patient_demographics",
      scenario: "Name change flows to the EHR",
      expectedOutcome: "The new name shows in the chart",
      observedOutcome: "",
      result: "not_run",
    }),
  );
  const [row] = await demo.db.select().from(testPatientScenarios).where(eq(testPatientScenarios.id, scenarioId));
  return row!;
}

async function newInterface(name: string) {
  const { interfaceId } = await addInterface(v.manager, addInterfaceSchema.parse(interfaceForm(demographics, { name })));
  const [row] = await demo.db.select().from(interfaces).where(eq(interfaces.id, interfaceId));
  return row!;
}

// A synthetic ADT^A08 (no real person).
const adt = [
  "MSH|^~\\&|EPIC|RIVERBEND|READYROOM|VENDOR|20261201093000||ADT^A08^ADT_A01|ZZ0100|T|2.5.1",
  "EVN|A08|20261201093000",
  "PID|1||ZZTEST3101^^^RIVERBEND^MR||ZZWRITE^PATH^J||19800101|F",
  "PV1|1|O",
].join("\r");

async function saveHook(implementationId: string) {
  return saveWebhook(v.manager, saveWebhookSchema.parse({ implementationId, version: "", url: "https://receiver.example/readyroom" }));
}

async function hookVersion(implementationId: string) {
  const { getWebhookSettings } = await import("./webhooks");
  return String((await getWebhookSettings(v.manager, implementationId)).webhook!.version);
}

// Every implementation-scoped write in lib/dal, each performing one accepted change. `prepare`
// sets up what the write acts on (through the DAL, before the stored state is taken away);
// `write` returns the implementation it wrote on.
type Case<P> = { prepare?: () => Promise<P>; write: (prepared: P) => Promise<{ implementationId: string }> };
// A case whose write takes what its prepare made.
const after = <P>(prepare: () => Promise<P>, write: (prepared: P) => Promise<{ implementationId: string }>) =>
  ({ prepare, write }) as Case<unknown>;
async function machineToken() {
  const made = await createApiToken(
    v.manager,
    createApiTokenSchema.parse({ implementationId: appointments, name: "Write-path CI", environments: ["test"], scopes: ["evidence"], expiresInDays: "7" }),
  );
  const auth = await authenticateApiToken(made.token);
  if (!auth.ok) throw new Error("the new token was refused");
  return auth.token;
}

const cutoverStep = (key: string) => seedId(`cutover:riverbend-appointments:${key}`);
const inDaysAt = (days: number, time: string) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

const cases: Record<string, Case<unknown>> = {
  "api-tokens.createApiToken": {
    write: () =>
      createApiToken(
        v.engineer,
        createApiTokenSchema.parse({ implementationId: appointments, name: "Nightly CI", environments: ["test"], scopes: ["evidence", "metrics"], expiresInDays: "30" }),
      ),
  },
  "api-tokens.revokeApiToken": after(
    () => machineToken(),
    async (token) => revokeApiToken(v.manager, revokeApiTokenSchema.parse({ implementationId: appointments, tokenId: (token as ApiToken).id, version: "1" })),
  ),
  "api-writes.postApiEvidence": after(
    () => machineToken(),
    async (token) => {
      await postApiEvidence(
        token as ApiToken,
        { itemKey: "non-production-testing", environment: "test", outcome: "pass", observedAt: new Date(Date.now() - 60_000).toISOString(), whatWasTested: "CI: booked ZZTEST-0004 in test" },
        null,
      );
      return { implementationId: appointments };
    },
  ),
  "checklist.updateItem": { write: () => editItem(v.manager, item("support-readiness"), { nextStep: "Brief the help desk on the new flow" }) },
  "checklist.recordEvidence": {
    write: () =>
      recordEvidence(
        v.engineer,
        recordEvidenceSchema.parse({
          itemId: item("non-production-testing"),
          environmentId: envId("riverbend-appointments", "test"),
          kind: "technical",
          whatWasTested: "Booked ZZTEST-0003 in the test environment",
          outcome: "pass",
          observedAt: minuteAgo(),
          linkUrl: "",
        }),
      ),
  },
  "checklist.blockItem": { write: async () => blockItem(v.manager, await blockInput(item("epic-client-record-downloaded"))) },
  "checklist.unblockItem": {
    prepare: async () => blockItem(v.manager, await blockInput(item("support-readiness"))),
    write: async () =>
      unblockItem(
        v.engineer,
        unblockItemSchema.parse({ itemId: item("support-readiness"), version: String((await itemRow(item("support-readiness"))).version), resolution: "Scope added" }),
      ),
  },
  "checklist.addItem": {
    write: () =>
      addItem(
        v.manager,
        addItemSchema.parse({
          implementationId: appointments,
          title: "Downtime procedure rehearsed",
          description: "",
          category: "ownership",
          required: "on",
          requiredSignOffRoles: ["implementation_manager"],
        }),
      ),
  },
  "comments.addComment": {
    write: () => addComment(v.engineer, addCommentSchema.parse({ itemId: item("support-readiness"), body: "@Maya Okafor the help desk brief is booked" })),
  },
  "configuration.recordConfigurationChange": {
    write: () =>
      recordConfigurationChange(
        v.engineer,
        recordConfigurationChangeSchema.parse({ implementationId: appointments, environmentId: "", changedAt: minuteAgo(), note: "Interface engine restarted" }),
      ),
  },
  "implementation-writes.createImplementation": {
    write: () =>
      createImplementation(
        v.manager,
        createImplementationSchema.parse({
          customerOrganizationId: seedId("org:lakeshore"),
          templateId: seedId("template:go-live-readiness:1"),
          name: "Write-path implementation",
          ehrVendor: "oracle_health",
          workflows: ["documents"],
          interfaces: "hl7v2_feed",
          phase: "assessment",
          goLiveDate: "2027-03-15",
          implementationManagerId: seedId("user:manager"),
          engineeringOwnerId: seedId("user:engineer2"),
          freshnessWindowDays: "14",
        }),
      ),
  },
  "implementation-writes.updateImplementation": {
    write: async () => updateImplementation(v.manager, await implementationInput(demographics, { freshnessWindowDays: "21" })),
  },
  "sign-offs.signOffItem": {
    write: async () => {
      const panel = await getSignOffPanel(v.riverbend, appointments, item("epic-client-ids"));
      return signOffItem(
        v.riverbend,
        signOffItemSchema.parse({
          itemId: item("epic-client-ids"),
          itemVersion: String(panel.version),
          snapshotDigest: panel.signing.snapshotDigest,
          decision: "approve",
          comment: "",
        }),
      );
    },
  },
  "sign-offs.waiveItem": {
    write: async () =>
      waiveItem(
        v.manager,
        waiveItemSchema.parse({
          itemId: item("monitoring-setup"),
          version: String((await itemRow(item("monitoring-setup"))).version),
          reason: "Monitoring moves to the customer's NOC after go-live.",
          approverName: "Dana Cole, CIO (fictional)",
          expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        }),
      ),
  },
  "sign-offs.revokeWaiver": {
    write: async () =>
      revokeWaiver(
        v.manager,
        revokeWaiverSchema.parse({
          itemId: item("monitoring-setup"),
          version: String((await itemRow(item("monitoring-setup"))).version),
          reason: "Customer wants monitoring at go-live after all.",
        }),
      ),
  },
  "permissions.addCatalogRows": {
    write: async () => {
      const matrix = await getPermissionMatrix(v.manager, demographics);
      const group = matrix.catalog.find((g) => g.rows.length > 0)!;
      return addCatalogRows(
        v.manager,
        addCatalogRowsSchema.parse({ implementationId: demographics, workflow: group.workflow, rows: group.rows.map((r) => r.key) }),
      );
    },
  },
  "permissions.addPermissionRow": {
    write: () =>
      addPermissionRow(
        v.manager,
        addPermissionRowSchema.parse({ implementationId: demographics, interface: "fhir_api", permission: "patient/Goal.rs", required: "on", note: "" }),
      ),
  },
  "permissions.updatePermissionRow": after(
    () => newPermissionRow("patient/Observation.rs"),
    (row: typeof permissionRequirements.$inferSelect) =>
      updatePermissionRow(v.manager, updatePermissionRowSchema.parse({ requirementId: row.id, version: String(row.version), note: "Vitals only" })),
  ),
  "permissions.removePermissionRow": after(
    () => newPermissionRow("patient/Condition.rs"),
    (row: typeof permissionRequirements.$inferSelect) =>
      removePermissionRow(v.manager, removePermissionRowSchema.parse({ requirementId: row.id, version: String(row.version) })),
  ),
  "permissions.recordPermissionCheck": after(
    () => newPermissionRow("patient/AllergyIntolerance.rs"),
    async (row: typeof permissionRequirements.$inferSelect) => {
      const production = envId("riverbend-demographics", "production");
      const [cell] = await demo.db
        .select()
        .from(permissionChecks)
        .where(and(eq(permissionChecks.requirementId, row.id), eq(permissionChecks.environmentId, production)));
      return recordPermissionCheck(
        v.engineer,
        recordPermissionCheckSchema.parse({ requirementId: row.id, environmentId: production, version: String(cell?.version ?? 0), result: "granted", note: "" }),
      );
    },
  ),
  "permissions.setPermissionColumn": {
    write: async () => {
      const matrix = await getPermissionMatrix(v.engineer, demographics);
      const column = matrix.environments.findIndex((e) => e.kind === "test");
      return setPermissionColumn(
        v.engineer,
        setPermissionColumnSchema.parse({
          implementationId: demographics,
          environmentId: envId("riverbend-demographics", "test"),
          result: "granted",
          note: "Check run 7",
          onlyUnverified: "",
          cells: matrix.rows.map((r) => `${r.id}:${r.cells[column]!.version}`),
        }),
      );
    },
  },
  "test-patients.addTestPatient": {
    write: () =>
      addTestPatient(
        v.manager,
        addTestPatientSchema.parse({
          implementationId: demographics,
          environmentId: envId("riverbend-demographics", "test"),
          label: "Write-path patient (synthetic)",
          testIdentifier: "ZZWRITE01",
          note: "",
        }),
      ),
  },
  "test-patients.removeTestPatient": after(
    () => newTestPatient("ZZWRITE02"),
    (patient: typeof testPatients.$inferSelect) =>
      removeTestPatient(v.manager, removeTestPatientSchema.parse({ testPatientId: patient.id, version: String(patient.version) })),
  ),
  "test-patients.addScenario": after(
    () => newTestPatient("ZZWRITE03"),
    (patient: typeof testPatients.$inferSelect) =>
      addScenario(
        v.engineer,
        addScenarioSchema.parse({
          testPatientId: patient.id,
          workflowSurface: "patient_demographics",
          scenario: "Address change flows to the EHR",
          expectedOutcome: "The new address shows in the chart",
          observedOutcome: "It did",
          result: "pass",
        }),
      ),
  ),
  "test-patients.recordScenarioResult": after(
    () => newScenario("ZZWRITE04"),
    (scenario: typeof testPatientScenarios.$inferSelect) =>
      recordScenarioResult(
        v.engineer,
        recordScenarioResultSchema.parse({ scenarioId: scenario.id, version: String(scenario.version), result: "fail", observedOutcome: "The old name stayed" }),
      ),
  ),
  "test-patients.removeScenario": after(
    () => newScenario("ZZWRITE05"),
    (scenario: typeof testPatientScenarios.$inferSelect) =>
      removeScenario(v.manager, removeScenarioSchema.parse({ scenarioId: scenario.id, version: String(scenario.version) })),
  ),
  "gate.recordGoLiveDecision": {
    write: async () => {
      const gate = await getGate(v.manager, appointments);
      return recordGoLiveDecision(
        v.manager,
        recordDecisionSchema.parse({ implementationId: appointments, gateDigest: gate.digest, decision: "no_go", notes: "Not yet" }),
      );
    },
  },
  // The scheduled evaluation (no person) opens an error-rate alert; then it is acknowledged.
  "hypercare.evaluateHypercare": after(
    async () => {
      const { interfaceId } = await addInterface(v.manager, addInterfaceSchema.parse(interfaceForm(appointments, { name: "Write-path hypercare feed" })));
      const { tokenId } = await createApiToken(
        v.manager,
        createApiTokenSchema.parse({ implementationId: appointments, name: "Write-path monitor", environments: ["test"], scopes: ["metrics"], expiresInDays: "7" }),
      );
      const now = Date.now();
      await demo.db.insert(interfaceMetrics).values({
        implementationId: appointments, interfaceId, environmentId: envId("riverbend-appointments", "test"), apiTokenId: tokenId,
        periodStart: new Date(now - 30 * 60_000), periodEnd: new Date(now - 60_000), messageCount: 100, errorCount: 20, lastMessageAt: new Date(now - 60_000),
      });
    },
    async () => {
      const outcome = await evaluateHypercare(appointments);
      if (outcome.opened !== 1) throw new Error("the evaluation opened no alert");
      return { implementationId: appointments };
    },
  ),
  "hypercare.acknowledgeHypercareAlert": {
    write: async () => {
      const [alert] = await demo.db.select().from(hypercareAlerts).where(and(eq(hypercareAlerts.implementationId, appointments), isNull(hypercareAlerts.resolvedAt)));
      return acknowledgeHypercareAlert(
        v.engineer,
        acknowledgeHypercareAlertSchema.parse({ alertId: alert!.id, ownerId: v.engineer.userId, nextStep: "Check the feed", expectedOutcome: "Errors stop" }),
      );
    },
  },
  "webhooks.saveWebhook": { write: () => saveHook(appointments) },
  "webhooks.rotateWebhookSecret": {
    prepare: () => saveHook(demographics),
    write: async () =>
      rotateWebhookSecret(v.manager, rotateWebhookSecretSchema.parse({ implementationId: demographics, version: await hookVersion(demographics) })),
  },
  "webhooks.setWebhookEnabled": {
    write: async () =>
      setWebhookEnabled(
        v.manager,
        setWebhookEnabledSchema.parse({ implementationId: demographics, version: await hookVersion(demographics), enabled: "false" }),
      ),
  },
  "webhooks.sendTestDelivery": {
    write: () => sendTestDelivery(v.manager, sendTestDeliverySchema.parse({ implementationId: appointments })),
  },
  "interfaces.addInterface": { write: () => addInterface(v.manager, addInterfaceSchema.parse(interfaceForm(demographics, { name: "Write-path ADT feed" }))) },
  "permissions.addInterfaceRows": after(
    // An interface whose events the matrix does not hold yet, so the catalog proposes its rows.
    () => addInterface(v.manager, addInterfaceSchema.parse(interfaceForm(demographics, { name: "Write-path merge feed", messageTypes: "ZWP^Z01" }))),
    (created: { interfaceId: string }) =>
      addInterfaceRows(v.engineer, addInterfaceRowsSchema.parse({ implementationId: demographics, interfaceId: created.interfaceId })),
  ),
  "interfaces.updateInterface": after(
    () => newInterface("Write-path scheduling feed"),
    (row: typeof interfaces.$inferSelect) =>
      updateInterface(
        v.engineer,
        updateInterfaceSchema.parse({ ...interfaceForm(demographics, { name: row.name, status: "testing" }), interfaceId: row.id, version: String(row.version) }),
      ),
  ),
  "interfaces.setSourceOfTruth": {
    write: () =>
      setSourceOfTruth(
        v.riverbend,
        setSourceOfTruthSchema.parse({
          implementationId: demographics,
          domain: "patient",
          version: "0",
          authoritativeSystem: "Epic",
          conflictResolver: "HIM team",
          propagation: "ADT^A08 to the engine",
          agreed: "on",
        }),
      ),
  },
  "interface-watch.setInterfaceWatchRules": after(
    () => newInterface("Write-path watched feed"),
    (row: typeof interfaces.$inferSelect) =>
      setInterfaceWatchRules(v.engineer, setWatchRulesSchema.parse({ interfaceId: row.id, version: "0", noTrafficMinutes: "45" })),
  ),
  "interfaces.savePayloadRule": {
    write: () => savePayloadRule(v.engineer, savePayloadRuleSchema.parse({ implementationId: demographics, target: "ADT^A08", fields: "PID-3\nPID-5\nPV1-19" })),
  },
  // Evidence on the "Sample payload review" item, which moves the item a version on.
  "interfaces.recordPayloadReview": after(
    () => newInterface("Write-path reviewed feed"),
    (row: typeof interfaces.$inferSelect) =>
      recordPayloadReview(
        v.engineer,
        reviewPayloadSchema.parse({ interfaceId: row.id, environmentId: envId("riverbend-demographics", "test"), payload: adt, note: "" }),
      ),
  ),
  "interfaces.importInterfaces": {
    write: () =>
      importInterfaces(
        v.engineer,
        importInterfacesSchema.parse({
          implementationId: demographics,
          csv: [
            "name,kind,direction,workflows,message_types,endpoint_production,status",
            "Write-path person feed,HL7 v2 feed,Inbound,Patient demographics,ADT^A31,,Planned",
            "Write-path patient API,FHIR API,both,,Patient;Encounter,,testing",
          ].join("\r\n"),
        }),
      ),
  },
  "cutover.savePhase": {
    write: () =>
      savePhase(
        v.manager,
        savePhaseSchema.parse({
          implementationId: demographics,
          phase: "pilot",
          version: "1",
          plannedStart: "2027-04-01",
          plannedEnd: "2027-05-15",
          successSignal: "Two clinics register patients without a merge request.",
          exitCriteria: "No duplicate created in a week of pilot traffic.",
        }),
      ),
  },
  "cutover.setPhaseExit": {
    write: () => setPhaseExit(v.manager, setPhaseExitSchema.parse({ implementationId: appointments, phase: "pilot", version: "1", exit: "met" })),
  },
  "cutover.addCutoverStep": {
    write: () =>
      addCutoverStep(
        v.manager,
        addCutoverStepSchema.parse({ implementationId: appointments, title: "Downtime form printed", detail: "", ownerId: seedId("user:riverbend-it"), dueAt: inDaysAt(20, "12:00") }),
      ),
  },
  "cutover.addStandardCutoverSteps": {
    write: () => addStandardCutoverSteps(v.manager, addStandardCutoverStepsSchema.parse({ implementationId: demographics })),
  },
  "cutover.updateCutoverStep": {
    write: () =>
      updateCutoverStep(
        v.manager,
        updateCutoverStepSchema.parse({ stepId: cutoverStep("change-freeze"), version: "1", title: "Change freeze", detail: "Both sides", ownerId: seedId("user:engineer"), dueAt: inDaysAt(18, "17:00") }),
      ),
  },
  "cutover.setCutoverStepDone": {
    write: () => setCutoverStepDone(v.engineer, setCutoverStepDoneSchema.parse({ stepId: cutoverStep("change-freeze"), version: "2", done: "done" })),
  },
  "cutover.removeCutoverStep": {
    write: () => removeCutoverStep(v.manager, removeCutoverStepSchema.parse({ stepId: cutoverStep("support-hand-off"), version: "1" })),
  },
  "interfaces.confirmInventory": {
    write: async () => {
      const inventory = await getInterfaceInventory(v.riverbend, demographics);
      return confirmInventory(v.riverbend, confirmInventorySchema.parse({ implementationId: demographics, digest: inventory.digest }));
    },
  },
};

// Compared as canonical JSON: a jsonb column gives its keys back in its own order, and a Date
// and its ISO text are the same value here.
const canonical = (value: unknown) => (value === null || value === undefined ? null : JSON.parse(canonicalJson(JSON.parse(JSON.stringify(value)) as Json)));

// What is derived from an implementation's facts and stored: the gate's verdict (gate_states)
// and the maintained readiness summary (readiness_summaries). When each was evaluated is left
// out: a refresh stamps its own moment.
async function storedDerivedState(implementationId: string) {
  const [state] = await demo.db.select({ verdict: gateStates.verdict }).from(gateStates).where(eq(gateStates.implementationId, implementationId));
  const [row] = await demo.db.select().from(readinessSummaries).where(eq(readinessSummaries.implementationId, implementationId));
  if (!row) return { verdict: state?.verdict ?? null, summary: null };
  const { implementationId: _id, evaluatedAt: _at, ...summary } = row;
  return { verdict: state?.verdict ?? null, summary: canonical(summary) };
}

async function freshDerivedState(implementationId: string) {
  const gate = await getGate(v.admin, implementationId);
  return { verdict: gate.verdict, summary: canonical(await rebuildSummary(implementationId)) };
}

async function forgetDerivedState(implementationId: string) {
  await demo.db.delete(gateStates).where(eq(gateStates.implementationId, implementationId));
  await demo.db.delete(readinessSummaries).where(eq(readinessSummaries.implementationId, implementationId));
}

// The writes that go through writeOnImplementation, read from the DAL's source: a new one
// without a case above fails here.
function writesOnImplementations(): string[] {
  const names: string[] = [];
  for (const file of readdirSync(__dirname)) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file === "unit-of-work.ts") continue;
    const source = readFileSync(join(__dirname, file), "utf8");
    const functions = source.split(/^export async function /m).slice(1);
    for (const body of functions) {
      if (body.includes("writeOnImplementation")) names.push(`${file.replace(/\.ts$/, "")}.${body.slice(0, body.indexOf("("))}`);
    }
  }
  return names.sort();
}

describe("every implementation-scoped write refreshes what is derived", () => {
  it("has a case for every write that goes through the write path", () => {
    expect(Object.keys(cases).sort()).toEqual(writesOnImplementations());
  });

  // Run in order: later cases act on what earlier ones left (a waiver, a webhook).
  it.each(Object.keys(cases))("%s", async (name) => {
    const c = cases[name] as Case<unknown>;
    const prepared = c.prepare ? await c.prepare() : undefined;
    // The implementations a write may touch lose their stored state.
    for (const id of [appointments, demographics]) await forgetDerivedState(id);
    const { implementationId } = await c.write(prepared);
    expect(await storedDerivedState(implementationId), `${name} left the gate state or the readiness summary out of date`).toEqual(await freshDerivedState(implementationId));
  });
});
