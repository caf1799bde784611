import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Transaction } from "@/db";
import { configurationChanges, environments, implementations, interfaces, permissionChecks, permissionRequirements, users } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { workflows, type EnvironmentKind, type PermissionResult } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { catalogKey, findCatalogRow, interfaceProposedRows, proposedRows, type CatalogRow } from "@/lib/registers/catalog";
import { cellStale, rowDrift, summarizePermissions, type MatrixRow } from "@/lib/registers/drift";
import { checkPermission } from "@/lib/registers/permission-format";
import type {
  AddCatalogRowsInput,
  AddInterfaceRowsInput,
  AddPermissionRowInput,
  RecordPermissionCheckInput,
  RemovePermissionRowInput,
  SetPermissionColumnInput,
  UpdatePermissionRowInput,
} from "@/lib/validation/registers";
import { conflict, invalid, notFound } from "./errors";
import { interfaceOfImplementation } from "./interface-link";
import { authorize, can } from "./policy";
import { implementationScope, isUuid } from "./tenant";
import { lockImplementation, one, unchanged, writeOnImplementation } from "./unit-of-work";

// The permission matrix of one implementation (rows: permissions it needs; columns: its
// environments) and the writes on it. A cell is a permission_checks row, created with its row
// for every environment; a cell that is missing reads as unverified with version 0.

const checker = alias(users, "checker");

const envOrder = sql`array_position(array['sandbox','test','production']::environment_kind[], ${environments.kind})`;


export async function getPermissionMatrix(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId)) throw notFound("Implementation");
  const db = getDb();
  const [impl] = await db
    .select({ id: implementations.id, workflows: implementations.workflows, freshnessWindowDays: implementations.freshnessWindowDays })
    .from(implementations)
    .where(and(eq(implementations.id, implementationId), implementationScope(viewer)))
    .limit(1);
  if (!impl) throw notFound("Implementation");

  const [envs, requirements, checks, changes, ifaces] = await Promise.all([
    db
      .select({ id: environments.id, kind: environments.kind, name: environments.name })
      .from(environments)
      .where(eq(environments.implementationId, impl.id))
      .orderBy(envOrder),
    db
      .select({
        id: permissionRequirements.id,
        interface: permissionRequirements.interface,
        permission: permissionRequirements.permission,
        interfaceId: permissionRequirements.interfaceId,
        interfaceName: interfaces.name,
        required: permissionRequirements.required,
        note: permissionRequirements.note,
        version: permissionRequirements.version,
      })
      .from(permissionRequirements)
      .leftJoin(interfaces, eq(interfaces.id, permissionRequirements.interfaceId))
      .where(eq(permissionRequirements.implementationId, impl.id))
      .orderBy(asc(permissionRequirements.interface), asc(permissionRequirements.permission)),
    db
      .select({
        id: permissionChecks.id,
        requirementId: permissionChecks.requirementId,
        environmentId: permissionChecks.environmentId,
        result: permissionChecks.result,
        checkedAt: permissionChecks.checkedAt,
        checkedByName: checker.name,
        note: permissionChecks.note,
        version: permissionChecks.version,
      })
      .from(permissionChecks)
      .leftJoin(checker, eq(checker.id, permissionChecks.checkedById))
      .where(eq(permissionChecks.implementationId, impl.id)),
    db
      .select({ changedAt: configurationChanges.changedAt, environmentId: configurationChanges.environmentId })
      .from(configurationChanges)
      .where(eq(configurationChanges.implementationId, impl.id)),
    db
      .select({ id: interfaces.id, name: interfaces.name, kind: interfaces.kind, workflows: interfaces.workflows, messageTypes: interfaces.messageTypes })
      .from(interfaces)
      .where(eq(interfaces.implementationId, impl.id))
      .orderBy(asc(interfaces.name)),
  ]);

  const context = { now: new Date(), freshnessWindowDays: impl.freshnessWindowDays, configurationChanges: changes };
  const byCell = new Map(checks.map((c) => [`${c.requirementId}:${c.environmentId}`, c]));
  const rows = requirements.map((req) => {
    const cells = envs.map((env) => {
      const c = byCell.get(`${req.id}:${env.id}`);
      const cell = {
        environmentId: env.id,
        environmentKind: env.kind,
        result: (c?.result ?? "unverified") as PermissionResult,
        checkedAt: c?.checkedAt ?? null,
        checkedByName: c?.checkedByName ?? null,
        note: c?.note ?? "",
        version: c?.version ?? 0,
      };
      return { ...cell, stale: cellStale(cell, context) };
    });
    const format = checkPermission(req.interface, req.permission);
    const row = { ...req, cells };
    return {
      ...row,
      description: format.ok ? format.description : "",
      smartV1: format.ok && format.smartV1,
      drift: rowDrift(row),
    };
  });

  const matrixRows: MatrixRow[] = rows;
  const inScope = new Set(impl.workflows);
  const catalog = [...impl.workflows, ...workflows.filter((w) => !inScope.has(w))]
    .map((workflow) => ({
      workflow,
      inScope: inScope.has(workflow),
      rows: proposedRows(workflow, requirements).map((r) => ({ ...r, key: catalogKey(r) })),
    }))
    .filter((group) => group.rows.length > 0);
  // What each interface of the inventory needs and the matrix does not hold yet.
  const interfaceProposals = ifaces
    .map((iface) => ({ interfaceId: iface.id, name: iface.name, rows: interfaceProposedRows(iface, requirements) }))
    .filter((p) => p.rows.length > 0);

  return {
    implementationId: impl.id,
    freshnessWindowDays: impl.freshnessWindowDays,
    environments: envs,
    rows,
    summary: summarizePermissions(matrixRows, context),
    catalog,
    interfaces: ifaces.map((i) => ({ id: i.id, name: i.name })),
    interfaceProposals,
    canRecord: can(viewer, "permission.record"),
    canManage: can(viewer, "permission.manage"),
  };
}

export type PermissionMatrix = Awaited<ReturnType<typeof getPermissionMatrix>>;

async function lockRequirement(tx: Transaction, viewer: Viewer, requirementId: string) {
  if (!isUuid(requirementId)) throw notFound("Permission row");
  const [row] = await tx
    .select({ requirement: permissionRequirements })
    .from(permissionRequirements)
    .innerJoin(implementations, eq(implementations.id, permissionRequirements.implementationId))
    .where(and(eq(permissionRequirements.id, requirementId), implementationScope(viewer)))
    .for("update", { of: permissionRequirements });
  if (!row) throw notFound("Permission row");
  return row.requirement;
}

async function environmentOf(tx: Transaction, implementationId: string, environmentId: string) {
  if (!isUuid(environmentId)) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });
  const [env] = await tx
    .select({ id: environments.id, kind: environments.kind })
    .from(environments)
    .where(and(eq(environments.id, environmentId), eq(environments.implementationId, implementationId)));
  if (!env) throw invalid("Check the highlighted fields.", { environmentId: ["Choose one of this implementation's environments."] });
  return env;
}

// Inserts permission rows with an unverified cell in every environment; returns them with
// their audit events.
async function insertRows(tx: Transaction, implementationId: string, rows: CatalogRow[], interfaceId: string | null = null) {
  const envs = await tx.select({ id: environments.id }).from(environments).where(eq(environments.implementationId, implementationId));
  const inserted = await tx
    .insert(permissionRequirements)
    .values(rows.map((r) => ({ implementationId, interface: r.interface, permission: r.permission, interfaceId, required: r.required, note: r.note })))
    .returning({ id: permissionRequirements.id, interface: permissionRequirements.interface, permission: permissionRequirements.permission });
  if (envs.length > 0) {
    await tx
      .insert(permissionChecks)
      .values(inserted.flatMap((r) => envs.map((e) => ({ requirementId: r.id, implementationId, environmentId: e.id }))));
  }
  const audit = inserted.map((r, i) => ({
    action: "permission_requirement.added",
    entityType: "permission_requirement",
    entityId: r.id,
    after: { ...rows[i], interfaceId },
  }));
  return { inserted, audit };
}

async function existingKeys(tx: Transaction, implementationId: string) {
  const rows = await tx
    .select({ interface: permissionRequirements.interface, permission: permissionRequirements.permission })
    .from(permissionRequirements)
    .where(eq(permissionRequirements.implementationId, implementationId));
  return new Set(rows.map(catalogKey));
}

// The rows a manager ticked in the catalog for one workflow, in one step. Rows the matrix
// already has are skipped; keys the catalog does not propose are refused.
export async function addCatalogRows(viewer: Viewer, input: AddCatalogRowsInput, requestId?: string) {
  authorize(viewer, "permission.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const chosen = [...new Set(input.rows)].map((key) => findCatalogRow(input.workflow, key));
    if (chosen.some((r) => !r)) throw invalid("Check the highlighted fields.", { rows: ["Choose rows from the catalog."] });
    const have = await existingKeys(tx, impl.id);
    const rows = (chosen as CatalogRow[]).filter((r) => !have.has(catalogKey(r)));
    if (rows.length === 0) throw invalid("Those rows are already in the matrix.", { rows: ["Those rows are already in the matrix."] });
    const { inserted, audit } = await insertRows(tx, impl.id, rows);
    return { implementationId: impl.id, result: { implementationId: impl.id, added: inserted.length }, audit };
  });
}

export async function addPermissionRow(viewer: Viewer, input: AddPermissionRowInput, requestId?: string) {
  authorize(viewer, "permission.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const iface = await interfaceOfImplementation(tx, impl.id, input.interfaceId);
    const row: CatalogRow = { interface: input.interface, permission: input.permission, required: input.required, note: input.note };
    if ((await existingKeys(tx, impl.id)).has(catalogKey(row))) {
      throw invalid("Check the highlighted fields.", { permission: ["This permission is already in the matrix."] });
    }
    const { inserted, audit } = await insertRows(tx, impl.id, [row], iface?.id ?? null);
    return { implementationId: impl.id, result: { implementationId: impl.id, requirementId: one(inserted).id }, audit };
  });
}

// "Add the rows this interface needs": the permissions proposed from an interface's message
// types or resources, linked to it, in one step. Rows the matrix already has are skipped.
export async function addInterfaceRows(viewer: Viewer, input: AddInterfaceRowsInput, requestId?: string) {
  authorize(viewer, "permission.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const iface = await interfaceOfImplementation(tx, impl.id, input.interfaceId);
    const existing = await tx
      .select({ interface: permissionRequirements.interface, permission: permissionRequirements.permission })
      .from(permissionRequirements)
      .where(eq(permissionRequirements.implementationId, impl.id));
    const rows = interfaceProposedRows(iface!, existing);
    if (rows.length === 0) {
      throw invalid("The matrix already has every row this interface needs.", { interfaceId: ["The matrix already has every row this interface needs."] });
    }
    const { inserted, audit } = await insertRows(tx, impl.id, rows, iface!.id);
    return { implementationId: impl.id, result: { implementationId: impl.id, added: inserted.length }, audit };
  });
}

function rowConflict(updatedAt: Date): never {
  throw conflict(`This permission row changed at ${formatUtc(updatedAt)}, after you opened the page. Reload to see the change, then apply yours again.`);
}

export async function updatePermissionRow(viewer: Viewer, input: UpdatePermissionRowInput, requestId?: string) {
  authorize(viewer, "permission.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const req = await lockRequirement(tx, viewer, input.requirementId);
    if (req.version !== input.version) rowConflict(req.updatedAt);
    const iface = await interfaceOfImplementation(tx, req.implementationId, input.interfaceId);
    const before = { interfaceId: req.interfaceId, required: req.required, note: req.note };
    const after = { interfaceId: iface?.id ?? null, required: input.required, note: input.note };
    if (before.interfaceId === after.interfaceId && before.required === after.required && before.note === after.note) return unchanged({ implementationId: req.implementationId, version: req.version });
    const updated =
      (await tx
        .update(permissionRequirements)
        .set({ ...after, version: req.version + 1, updatedAt: new Date() })
        .where(and(eq(permissionRequirements.id, req.id), eq(permissionRequirements.version, input.version)))
        .returning({ version: permissionRequirements.version }))[0] ?? rowConflict(req.updatedAt);
    return {
      implementationId: req.implementationId,
      result: { implementationId: req.implementationId, version: updated.version },
      audit: { action: "permission_requirement.updated", entityType: "permission_requirement", entityId: req.id, before, after },
    };
  });
}

export async function removePermissionRow(viewer: Viewer, input: RemovePermissionRowInput, requestId?: string) {
  authorize(viewer, "permission.manage");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const req = await lockRequirement(tx, viewer, input.requirementId);
    if (req.version !== input.version) rowConflict(req.updatedAt);
    const cells = await tx
      .delete(permissionChecks)
      .where(eq(permissionChecks.requirementId, req.id))
      .returning({ environmentId: permissionChecks.environmentId, result: permissionChecks.result, checkedAt: permissionChecks.checkedAt, note: permissionChecks.note });
    await tx.delete(permissionRequirements).where(eq(permissionRequirements.id, req.id));
    return {
      implementationId: req.implementationId,
      result: { implementationId: req.implementationId },
      audit: {
        action: "permission_requirement.removed",
        entityType: "permission_requirement",
        entityId: req.id,
        before: { interface: req.interface, permission: req.permission, interfaceId: req.interfaceId, required: req.required, note: req.note, cells },
      },
    };
  });
}

async function cellConflict(tx: Transaction, requirementId: string, environmentId: string): Promise<never> {
  const [latest] = await tx
    .select({ name: users.name, at: permissionChecks.updatedAt, result: permissionChecks.result })
    .from(permissionChecks)
    .leftJoin(users, eq(users.id, permissionChecks.checkedById))
    .where(and(eq(permissionChecks.requirementId, requirementId), eq(permissionChecks.environmentId, environmentId)));
  throw conflict(
    latest
      ? `${latest.name ?? "Someone"} set this cell to ${latest.result} at ${formatUtc(latest.at)}, after you opened the page. Reload to see it, then record yours again.`
      : "This cell changed after you opened the page. Reload to see it, then record yours again.",
  );
}

function resultFields(viewer: Viewer, result: PermissionResult, note: string, now: Date) {
  // Back to unverified asserts nothing, so it names no checker (the audit keeps who did it).
  return result === "unverified"
    ? { result, note, checkedAt: null, checkedById: null }
    : { result, note, checkedAt: now, checkedById: viewer.userId };
}

// One cell: a result in one environment, by the viewer, now.
export async function recordPermissionCheck(viewer: Viewer, input: RecordPermissionCheckInput, requestId?: string) {
  authorize(viewer, "permission.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const req = await lockRequirement(tx, viewer, input.requirementId);
    const env = await environmentOf(tx, req.implementationId, input.environmentId);
    const [cell] = await tx
      .select()
      .from(permissionChecks)
      .where(and(eq(permissionChecks.requirementId, req.id), eq(permissionChecks.environmentId, env.id)))
      .for("update");
    if ((cell?.version ?? 0) !== input.version) await cellConflict(tx, req.id, env.id);
    const now = new Date();
    const fields = resultFields(viewer, input.result, input.note, now);
    let version: number;
    if (cell) {
      const updated =
        (await tx
          .update(permissionChecks)
          .set({ ...fields, version: cell.version + 1, updatedAt: now })
          .where(and(eq(permissionChecks.id, cell.id), eq(permissionChecks.version, input.version)))
          .returning({ version: permissionChecks.version }))[0] ?? (await cellConflict(tx, req.id, env.id));
      version = updated.version;
    } else {
      await tx.insert(permissionChecks).values({ requirementId: req.id, implementationId: req.implementationId, environmentId: env.id, ...fields });
      version = 1;
    }
    return {
      implementationId: req.implementationId,
      result: { implementationId: req.implementationId, version },
      audit: {
        action: "permission_check.recorded",
        entityType: "permission_requirement",
        entityId: req.id,
        before: { environment: env.kind, result: cell?.result ?? "unverified", note: cell?.note ?? "" },
        after: { environment: env.kind, permission: req.permission, result: input.result, note: input.note },
      },
    };
  });
}

// A whole column after a check run. The form carries the version of every cell the person
// saw; if any changed (or a row came or went) nothing is written.
export async function setPermissionColumn(viewer: Viewer, input: SetPermissionColumnInput, requestId?: string) {
  authorize(viewer, "permission.record");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const impl = await lockImplementation(tx, viewer, input.implementationId);
    const env = await environmentOf(tx, impl.id, input.environmentId);
    const requirements = await tx
      .select({ id: permissionRequirements.id, permission: permissionRequirements.permission })
      .from(permissionRequirements)
      .where(eq(permissionRequirements.implementationId, impl.id))
      .for("update");
    const cells = requirements.length
      ? await tx
          .select()
          .from(permissionChecks)
          .where(and(eq(permissionChecks.environmentId, env.id), inArray(permissionChecks.requirementId, requirements.map((r) => r.id))))
          .for("update")
      : [];
    const cellOf = new Map(cells.map((c) => [c.requirementId, c]));
    const seen = new Map(input.cells.map((c) => [c.requirementId, c.version]));
    const stale =
      seen.size !== requirements.length ||
      requirements.some((r) => seen.get(r.id) !== (cellOf.get(r.id)?.version ?? 0));
    if (stale) {
      throw conflict("Rows or results in this column changed after you opened the page. Reload to see them, then set the column again.");
    }
    const targets = requirements.filter((r) => !input.onlyUnverified || (cellOf.get(r.id)?.result ?? "unverified") === "unverified");
    if (targets.length === 0) throw invalid("No row in this column is still unverified.", { onlyUnverified: ["No row in this column is still unverified."] });

    const now = new Date();
    const fields = resultFields(viewer, input.result, input.note, now);
    for (const r of targets) {
      const cell = cellOf.get(r.id);
      if (cell) {
        await tx.update(permissionChecks).set({ ...fields, version: cell.version + 1, updatedAt: now }).where(eq(permissionChecks.id, cell.id));
      } else {
        await tx.insert(permissionChecks).values({ requirementId: r.id, implementationId: impl.id, environmentId: env.id, ...fields });
      }
    }
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id, updated: targets.length },
      audit: {
        action: "permission_checks.column_set",
        entityType: "environment",
        entityId: env.id,
        before: Object.fromEntries(targets.map((r) => [r.permission, cellOf.get(r.id)?.result ?? "unverified"])),
        after: { environment: env.kind as EnvironmentKind, result: input.result, note: input.note, permissions: targets.map((r) => r.permission) },
      },
    };
  });
}
