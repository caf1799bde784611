import "server-only";
import { parse as parseCsv } from "csv-parse/browser/esm/sync";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Transaction } from "@/db";
import {
  checklistItems,
  configurationChanges,
  environments,
  evidence,
  implementations,
  interfaces,
  inventoryConfirmations,
  payloadReviews,
  payloadRules,
  sourceOfTruth,
  users,
} from "@/db/schema";
import { evidenceStaleness } from "@/lib/domain/readiness";
import { canonicalJson, sha256Hex, type Json } from "@/lib/domain/sign-off-snapshot";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { previewInventoryImport } from "@/lib/interfaces/csv";
import { domainRelevance } from "@/lib/interfaces/domains";
import { dataDomains, type DataDomain } from "@/lib/interfaces/vocabulary";
import { reviewDigest, reviewPayload } from "@/lib/payloads/review";
import { defaultPayloadRules, ruleTable } from "@/lib/payloads/rules";
import type { Finding, StructureNode } from "@/lib/payloads/types";
import type {
  AddInterfaceInput,
  ConfirmInventoryInput,
  ImportInterfacesInput,
  ReviewPayloadInput,
  SavePayloadRuleInput,
  SetSourceOfTruthInput,
  UpdateInterfaceInput,
} from "@/lib/validation/interfaces";
import { conflict, invalid, notFound } from "./errors";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, unchanged, writeOnImplementation } from "./unit-of-work";

// The interface inventory of one implementation, its source-of-truth map, its payload rules and
// sample payload reviews. A review stores the masked structure and findings, never the raw
// payload, and records technical evidence on the "Sample payload review" item. Every write goes
// through the one write path (lib/dal/unit-of-work.ts): it states its change, the path audits
// it, supersedes sign-offs and refreshes the gate and the readiness summary.

const editor = alias(users, "editor");
const reviewer = alias(users, "reviewer");

const envOrder = sql`array_position(array['sandbox','test','production']::environment_kind[], ${environments.kind})`;

// The checklist item a review is evidence on (the default templates' key).
export const PAYLOAD_REVIEW_ITEM_KEY = "sample-payload-review";

async function readableImplementation(viewer: Viewer, implementationId: string) {
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const [impl] = await getDb()
    .select({ id: implementations.id, name: implementations.name, workflows: implementations.workflows, freshnessWindowDays: implementations.freshnessWindowDays })
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!impl) throw notFound("Implementation");
  return impl;
}

export type SourceOfTruthRow = {
  domain: DataDomain;
  authoritativeSystem: string;
  conflictResolver: string;
  propagation: string;
  agreed: boolean;
  version: number;
  updatedAt: Date | null;
  updatedByName: string | null;
  // Workflows in scope that read or write this domain: not agreed, it blocks go-live.
  neededBy: string[];
  // Interfaces (not retired) whose workflows touch it.
  carriedBy: string[];
};

export async function getInterfaceInventory(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  const impl = await readableImplementation(viewer, implementationId);
  const db = getDb();
  const [envs, rows, truths, rules, reviews] = await Promise.all([
    db
      .select({ id: environments.id, kind: environments.kind, name: environments.name })
      .from(environments)
      .where(eq(environments.implementationId, impl.id))
      .orderBy(envOrder),
    db
      .select({
        id: interfaces.id,
        name: interfaces.name,
        kind: interfaces.kind,
        direction: interfaces.direction,
        sourceSystem: interfaces.sourceSystem,
        targetSystem: interfaces.targetSystem,
        workflows: interfaces.workflows,
        messageTypes: interfaces.messageTypes,
        endpointSandbox: interfaces.endpointSandbox,
        endpointTest: interfaces.endpointTest,
        endpointProduction: interfaces.endpointProduction,
        vendorOwner: interfaces.vendorOwner,
        customerOwner: interfaces.customerOwner,
        status: interfaces.status,
        note: interfaces.note,
        version: interfaces.version,
        updatedAt: interfaces.updatedAt,
        updatedByName: editor.name,
      })
      .from(interfaces)
      .leftJoin(editor, eq(editor.id, interfaces.updatedById))
      .where(eq(interfaces.implementationId, impl.id))
      .orderBy(asc(interfaces.name)),
    db
      .select({
        domain: sourceOfTruth.domain,
        authoritativeSystem: sourceOfTruth.authoritativeSystem,
        conflictResolver: sourceOfTruth.conflictResolver,
        propagation: sourceOfTruth.propagation,
        agreed: sourceOfTruth.agreed,
        version: sourceOfTruth.version,
        updatedAt: sourceOfTruth.updatedAt,
        updatedByName: editor.name,
      })
      .from(sourceOfTruth)
      .leftJoin(editor, eq(editor.id, sourceOfTruth.updatedById))
      .where(eq(sourceOfTruth.implementationId, impl.id)),
    db.select({ target: payloadRules.target, fields: payloadRules.fields }).from(payloadRules).where(eq(payloadRules.implementationId, impl.id)),
    db
      .select({
        id: payloadReviews.id,
        interfaceId: payloadReviews.interfaceId,
        environmentKind: environments.kind,
        format: payloadReviews.format,
        messageType: payloadReviews.messageType,
        errors: payloadReviews.errors,
        warnings: payloadReviews.warnings,
        reviewedAt: payloadReviews.reviewedAt,
        reviewedByName: reviewer.name,
      })
      .from(payloadReviews)
      .innerJoin(environments, eq(environments.id, payloadReviews.environmentId))
      .innerJoin(reviewer, eq(reviewer.id, payloadReviews.reviewedById))
      .where(eq(payloadReviews.implementationId, impl.id))
      .orderBy(desc(payloadReviews.reviewedAt))
      .limit(50),
  ]);

  const confirmations = await db
    .select({
      confirmedByName: inventoryConfirmations.confirmedByName,
      inventorySha256: inventoryConfirmations.inventorySha256,
      interfaceCount: inventoryConfirmations.interfaceCount,
      confirmedAt: inventoryConfirmations.confirmedAt,
    })
    .from(inventoryConfirmations)
    .where(eq(inventoryConfirmations.implementationId, impl.id))
    .orderBy(desc(inventoryConfirmations.confirmedAt))
    .limit(10);
  const digest = inventoryDigest(rows);
  const relevance = domainRelevance(impl.workflows, rows);
  const byDomain = new Map(truths.map((t) => [t.domain, t]));
  const sourceOfTruthMap: SourceOfTruthRow[] = dataDomains.map((domain) => {
    const t = byDomain.get(domain);
    return {
      domain,
      authoritativeSystem: t?.authoritativeSystem ?? "",
      conflictResolver: t?.conflictResolver ?? "",
      propagation: t?.propagation ?? "",
      agreed: t?.agreed ?? false,
      version: t?.version ?? 0,
      updatedAt: t?.updatedAt ?? null,
      updatedByName: t?.updatedByName ?? null,
      ...relevance[domain],
    };
  });
  const overrides = new Map(rules.map((r) => [r.target, r.fields]));

  return {
    implementationId: impl.id,
    implementationName: impl.name,
    environments: envs,
    interfaces: rows.map(({ endpointSandbox, endpointTest, endpointProduction, ...row }) => ({
      ...row,
      endpoints: { sandbox: endpointSandbox, test: endpointTest, production: endpointProduction } as Record<EnvironmentKind, string>,
    })),
    sourceOfTruth: sourceOfTruthMap,
    rules: defaultPayloadRules.map((r) => ({ ...r, fields: overrides.get(r.target) ?? r.fields, custom: overrides.has(r.target) })).concat(
      rules.filter((r) => !defaultPayloadRules.some((d) => d.target === r.target)).map((r) => ({ target: r.target, workflows: [], fields: r.fields, custom: true })),
    ),
    reviews,
    // What a confirmation signs, and the confirmations given (current while the digest holds).
    digest,
    confirmations: confirmations.map((c) => ({ ...c, current: c.inventorySha256 === digest })),
    canConfirm: can(viewer, "inventory.confirm") && rows.length > 0,
    canManage: can(viewer, "interface.manage"),
    canRecordTruth: can(viewer, "source_of_truth.record"),
    canReview: can(viewer, "payload_review.record"),
    canManageRules: can(viewer, "payload_rule.manage"),
  };
}

export type InterfaceInventory = Awaited<ReturnType<typeof getInterfaceInventory>>;

// The SHA-256 of the inventory as a person sees it (every field, interfaces by name): the
// version a customer's confirmation is bound to.
export function inventoryDigest(rows: object[]): string {
  const fields = ["name", "kind", "direction", "sourceSystem", "targetSystem", "workflows", "messageTypes", "endpointSandbox", "endpointTest", "endpointProduction", "vendorOwner", "customerOwner", "status", "note"];
  const list = (rows as Record<string, unknown>[])
    .map((r) => Object.fromEntries(fields.map((f) => [f, (r[f] ?? null) as Json])))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return sha256Hex(canonicalJson(list as Json));
}

async function lockInterface(tx: Transaction, viewer: Viewer, interfaceId: string) {
  if (!isUuid(interfaceId)) throw notFound("Interface");
  const [row] = await tx
    .select({ iface: interfaces })
    .from(interfaces)
    .innerJoin(implementations, eq(implementations.id, interfaces.implementationId))
    .where(and(eq(interfaces.id, interfaceId), implementationScope(viewer)))
    .for("update", { of: interfaces });
  if (!row) throw notFound("Interface");
  return row.iface;
}

function interfaceValues(input: AddInterfaceInput | UpdateInterfaceInput) {
  return {
    name: input.name,
    kind: input.kind,
    direction: input.direction,
    sourceSystem: input.sourceSystem,
    targetSystem: input.targetSystem,
    workflows: input.workflows,
    messageTypes: input.messageTypes,
    endpointSandbox: input.endpointSandbox,
    endpointTest: input.endpointTest,
    endpointProduction: input.endpointProduction,
    vendorOwner: input.vendorOwner,
    customerOwner: input.customerOwner,
    status: input.status,
    note: input.note,
  };
}

async function nameTaken(tx: Transaction, implementationId: string, name: string, except?: string) {
  const [row] = await tx
    .select({ id: interfaces.id })
    .from(interfaces)
    .where(and(eq(interfaces.implementationId, implementationId), sql`lower(${interfaces.name}) = lower(${name})`));
  return Boolean(row && row.id !== except);
}

export async function addInterface(viewer: Viewer, input: AddInterfaceInput, requestId?: string) {
  authorize(viewer, "interface.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    if (await nameTaken(tx, impl.id, input.name)) throw invalid("Check the highlighted fields.", { name: ["This implementation already has an interface of that name."] });
    const values = interfaceValues(input);
    const [row] = await tx
      .insert(interfaces)
      .values({ implementationId: impl.id, ...values, updatedById: viewer.userId })
      .returning({ id: interfaces.id });
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, interfaceId: row!.id },
      audit: { action: "interface.added", entityType: "interface", entityId: row!.id, after: values },
    };
  });
}

export async function updateInterface(viewer: Viewer, input: UpdateInterfaceInput, requestId?: string) {
  authorize(viewer, "interface.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const current = await lockInterface(tx, viewer, input.interfaceId);
    if (current.version !== input.version) {
      const [who] = current.updatedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedById)) : [];
      throw conflict(`${who?.name ?? "Someone"} changed this interface at ${formatUtc(current.updatedAt)}, after you opened it. Reload to see their change, then apply yours again.`);
    }
    if (await nameTaken(tx, current.implementationId, input.name, current.id)) {
      throw invalid("Check the highlighted fields.", { name: ["This implementation already has an interface of that name."] });
    }
    const values = interfaceValues(input);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const was = current[key as keyof typeof values];
      if (JSON.stringify(was) !== JSON.stringify(value)) {
        before[key] = was;
        after[key] = value;
      }
    }
    if (Object.keys(after).length === 0) return unchanged({ implementationId: current.implementationId, version: current.version });
    const [updated] = await tx
      .update(interfaces)
      .set({ ...values, version: current.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
      .where(and(eq(interfaces.id, current.id), eq(interfaces.version, input.version)))
      .returning({ version: interfaces.version });
    if (!updated) throw conflict("This interface changed after you opened it. Reload, then apply your change again.");
    return {
      implementationId: current.implementationId,
      result: { implementationId: current.implementationId, version: updated.version },
      audit: { action: "interface.updated", entityType: "interface", entityId: current.id, before, after },
    };
  });
}

// One domain of the source-of-truth map. A domain never recorded has version 0.
export async function setSourceOfTruth(viewer: Viewer, input: SetSourceOfTruthInput, requestId?: string) {
  authorize(viewer, "source_of_truth.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const [current] = await tx
      .select()
      .from(sourceOfTruth)
      .where(and(eq(sourceOfTruth.implementationId, impl.id), eq(sourceOfTruth.domain, input.domain)))
      .for("update");
    if ((current?.version ?? 0) !== input.version) {
      const [who] = current?.updatedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedById)) : [];
      throw conflict(
        `${who?.name ?? "Someone"} changed the ${input.domain} source of truth${current ? ` at ${formatUtc(current.updatedAt)}` : ""}, after you opened the page. Reload to see it, then apply yours again.`,
      );
    }
    const values = {
      authoritativeSystem: input.authoritativeSystem,
      conflictResolver: input.conflictResolver,
      propagation: input.propagation,
      agreed: input.agreed,
    };
    const now = new Date();
    let version: number;
    if (current) {
      const [updated] = await tx
        .update(sourceOfTruth)
        .set({ ...values, version: current.version + 1, updatedById: viewer.userId, updatedAt: now })
        .where(and(eq(sourceOfTruth.id, current.id), eq(sourceOfTruth.version, input.version)))
        .returning({ version: sourceOfTruth.version });
      if (!updated) throw conflict("This domain changed after you opened the page. Reload, then apply yours again.");
      version = updated.version;
    } else {
      await tx.insert(sourceOfTruth).values({ implementationId: impl.id, domain: input.domain, ...values, updatedById: viewer.userId });
      version = 1;
    }
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, version },
      audit: {
        action: "source_of_truth.recorded",
        entityType: "implementation",
        entityId: impl.id,
        before: current
          ? { domain: input.domain, authoritativeSystem: current.authoritativeSystem, conflictResolver: current.conflictResolver, propagation: current.propagation, agreed: current.agreed }
          : { domain: input.domain, agreed: false },
        after: { domain: input.domain, ...values },
      },
    };
  });
}

export async function savePayloadRule(viewer: Viewer, input: SavePayloadRuleInput, requestId?: string) {
  authorize(viewer, "payload_rule.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const [current] = await tx
      .select()
      .from(payloadRules)
      .where(and(eq(payloadRules.implementationId, impl.id), eq(payloadRules.target, input.target)))
      .for("update");
    const fallback = defaultPayloadRules.find((r) => r.target === input.target)?.fields ?? [];
    // Nothing typed, or the default typed back: the default applies again.
    const restore = input.fields.length === 0 || JSON.stringify(input.fields) === JSON.stringify(fallback);
    if (restore) {
      if (current) await tx.delete(payloadRules).where(eq(payloadRules.id, current.id));
    } else if (current) {
      await tx
        .update(payloadRules)
        .set({ fields: input.fields, version: current.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
        .where(eq(payloadRules.id, current.id));
    } else {
      await tx.insert(payloadRules).values({ implementationId: impl.id, target: input.target, fields: input.fields, updatedById: viewer.userId });
    }
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id },
      audit: {
        action: "payload_rule.saved",
        entityType: "implementation",
        entityId: impl.id,
        before: { target: input.target, fields: current?.fields ?? fallback },
        after: { target: input.target, fields: restore ? fallback : input.fields, default: restore },
      },
    };
  });
}

// Reviews a sample: the raw payload lives only in this call. What is stored is the masked
// structure and the findings; the review becomes technical evidence on the "Sample payload
// review" item in that environment (which supersedes sign-offs on the item, like any evidence).
export async function recordPayloadReview(viewer: Viewer, input: ReviewPayloadInput, requestId?: string) {
  authorize(viewer, "payload_review.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const iface = await lockInterface(tx, viewer, input.interfaceId);
    const [env] = isUuid(input.environmentId)
      ? await tx
          .select({ id: environments.id, kind: environments.kind })
          .from(environments)
          .where(and(eq(environments.id, input.environmentId), eq(environments.implementationId, iface.implementationId)))
      : [];
    if (!env) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });

    const overrides = await tx.select({ target: payloadRules.target, fields: payloadRules.fields }).from(payloadRules).where(eq(payloadRules.implementationId, iface.implementationId));
    const review = reviewPayload(input.payload, ruleTable(overrides));
    const sha256 = reviewDigest(review);
    const now = new Date();

    const [item] = await tx
      .select()
      .from(checklistItems)
      .where(and(eq(checklistItems.implementationId, iface.implementationId), eq(checklistItems.key, PAYLOAD_REVIEW_ITEM_KEY)))
      .for("update");
    let evidenceId: string | null = null;
    if (item) {
      const outcome = review.errors > 0 ? "fail" : "pass";
      const [row] = await tx
        .insert(evidence)
        .values({
          checklistItemId: item.id,
          implementationId: iface.implementationId,
          environmentId: env.id,
          kind: "technical",
          whatWasTested: `Sample payload review of ${iface.name}: ${review.messageType ?? "unreadable payload"} — ${review.errors} ${review.errors === 1 ? "error" : "errors"}, ${review.warnings} ${review.warnings === 1 ? "warning" : "warnings"} (review SHA-256 ${sha256})`.slice(0, 2000),
          outcome,
          observedAt: now,
          recordedById: viewer.userId,
          linkUrl: null,
        })
        .returning({ id: evidence.id });
      evidenceId = row!.id;
      const status = item.status === "signed_off" ? "ready_for_signoff" : item.status;
      await tx
        .update(checklistItems)
        .set({ status, version: item.version + 1, updatedById: viewer.userId, updatedAt: now })
        .where(eq(checklistItems.id, item.id));
    }

    const [stored] = await tx
      .insert(payloadReviews)
      .values({
        implementationId: iface.implementationId,
        interfaceId: iface.id,
        environmentId: env.id,
        format: review.format,
        messageType: review.messageType,
        units: review.units,
        byteLength: Buffer.byteLength(input.payload, "utf8"),
        structure: review.structure,
        findings: review.findings,
        errors: review.errors,
        warnings: review.warnings,
        sha256,
        evidenceId,
        reviewedById: viewer.userId,
        reviewedAt: now,
        note: input.note,
      })
      .returning({ id: payloadReviews.id });
    return {
      implementationId: iface.implementationId,
      result: { implementationId: iface.implementationId, reviewId: stored!.id, errors: review.errors, warnings: review.warnings },
      // The evidence moved the item a version on: approvals of the version before no longer count.
      supersedes: item ? { item, from: item.version, to: item.version + 1 } : undefined,
      audit: {
        action: "payload_review.recorded",
        entityType: "payload_review",
        entityId: stored!.id,
        // The counts and the hash, never the payload.
        after: { interface: iface.name, environment: env.kind, format: review.format, messageType: review.messageType, errors: review.errors, warnings: review.warnings, sha256, evidenceId, note: input.note },
      },
    };
  });
}

export async function getPayloadReview(viewer: Viewer, implementationId: string, reviewId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId) || !isUuid(reviewId)) throw notFound("Payload review");
  const db = getDb();
  const [row] = await db
    .select({
      id: payloadReviews.id,
      implementationId: payloadReviews.implementationId,
      freshnessWindowDays: implementations.freshnessWindowDays,
      interfaceId: payloadReviews.interfaceId,
      interfaceName: interfaces.name,
      environmentId: payloadReviews.environmentId,
      environmentKind: environments.kind,
      format: payloadReviews.format,
      messageType: payloadReviews.messageType,
      units: payloadReviews.units,
      byteLength: payloadReviews.byteLength,
      structure: payloadReviews.structure,
      findings: payloadReviews.findings,
      errors: payloadReviews.errors,
      warnings: payloadReviews.warnings,
      sha256: payloadReviews.sha256,
      evidenceId: payloadReviews.evidenceId,
      reviewedAt: payloadReviews.reviewedAt,
      reviewedByName: reviewer.name,
      note: payloadReviews.note,
    })
    .from(payloadReviews)
    .innerJoin(implementations, eq(implementations.id, payloadReviews.implementationId))
    .innerJoin(interfaces, eq(interfaces.id, payloadReviews.interfaceId))
    .innerJoin(environments, eq(environments.id, payloadReviews.environmentId))
    .innerJoin(reviewer, eq(reviewer.id, payloadReviews.reviewedById))
    .where(and(eq(payloadReviews.id, reviewId), eq(payloadReviews.implementationId, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!row) throw notFound("Payload review");
  const changes = await db
    .select({ changedAt: configurationChanges.changedAt, environmentId: configurationChanges.environmentId })
    .from(configurationChanges)
    .where(eq(configurationChanges.implementationId, row.implementationId));
  // A review is evidence: it goes stale like any other (lib/domain/readiness.ts).
  const staleness = evidenceStaleness(
    { observedAt: row.reviewedAt, environmentId: row.environmentId },
    { now: new Date(), freshnessWindowDays: row.freshnessWindowDays, configurationChanges: changes },
  );
  return { ...row, structure: row.structure as StructureNode[], findings: row.findings as Finding[], staleness };
}

export type PayloadReviewDetail = Awaited<ReturnType<typeof getPayloadReview>>;

// Reads CSV text into rows of cells, or says where it stops being CSV.
export function csvRecords(text: string): { ok: true; records: string[][] } | { ok: false; error: string } {
  try {
    return { ok: true, records: parseCsv(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true }) as string[][] };
  } catch (error) {
    const line = error && typeof error === "object" && "lines" in error ? Number((error as { lines: number }).lines) : null;
    return { ok: false, error: `The file is not valid CSV${line ? ` (around line ${line})` : ""}: check its quotes.` };
  }
}

// A customer's interface list from a spreadsheet: every row checked like the form, then all
// written in one transaction, or nothing when any row has a problem.
export async function importInterfaces(viewer: Viewer, input: ImportInterfacesInput, requestId?: string) {
  authorize(viewer, "interface.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const parsed = csvRecords(input.csv);
    if (!parsed.ok) throw invalid(parsed.error, { csv: [parsed.error] });
    const existing = await tx.select({ name: interfaces.name }).from(interfaces).where(eq(interfaces.implementationId, impl.id));
    const preview = previewInventoryImport(parsed.records, impl.id, existing.map((e) => e.name));
    const problems = [...preview.problems.filter((p) => !p.startsWith("Unknown columns")), ...preview.rows.flatMap((r) => r.problems.map((p) => `Line ${r.line}: ${p}`))];
    if (problems.length > 0) {
      throw invalid(`Nothing was imported: ${problems.length} ${problems.length === 1 ? "problem" : "problems"} to fix first.`, { csv: problems.slice(0, 20) });
    }
    const rows = preview.rows.map((r) => r.input!);
    const inserted = await tx
      .insert(interfaces)
      .values(rows.map((r) => ({ implementationId: impl.id, ...interfaceValues(r), updatedById: viewer.userId })))
      .returning({ id: interfaces.id, name: interfaces.name });
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, imported: inserted.length },
      // One audit event per imported interface.
      audit: inserted.map((row, i) => ({ action: "interface.imported", entityType: "interface", entityId: row.id, after: interfaceValues(rows[i]!) })),
    };
  });
}

// Customer IT confirms the inventory is their organization's complete list, as they saw it.
export async function confirmInventory(viewer: Viewer, input: ConfirmInventoryInput, requestId?: string) {
  authorize(viewer, "inventory.confirm");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const rows = await tx.select().from(interfaces).where(eq(interfaces.implementationId, impl.id));
    if (rows.length === 0) throw invalid("There is no inventory to confirm yet.");
    const digest = inventoryDigest(rows);
    if (digest !== input.digest) {
      throw conflict("The inventory changed after you opened the page. Review the current list, then confirm again.");
    }
    const [row] = await tx
      .insert(inventoryConfirmations)
      .values({ implementationId: impl.id, confirmedById: viewer.userId, confirmedByName: viewer.name, inventorySha256: digest, interfaceCount: rows.length })
      .returning({ id: inventoryConfirmations.id });
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id },
      audit: {
        action: "interface_inventory.confirmed",
        entityType: "implementation",
        entityId: impl.id,
        after: { inventorySha256: digest, interfaces: rows.map((r) => r.name).sort(), confirmationId: row!.id },
      },
    };
  });
}
