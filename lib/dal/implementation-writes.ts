import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import {
  checklistItems,
  checklistTemplateItems,
  checklistTemplates,
  environmentKinds,
  environments,
  implementations,
  organizations,
  users,
} from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { formatUtc } from "@/lib/format/dates";
import type { CreateImplementationInput, UpdateImplementationInput } from "@/lib/validation/implementation";
import { conflict, invalid, notFound } from "./errors";
import { implementationHead, selectImplementations } from "./implementations";
import { authorize } from "./policy";
import { oneImplementationInScope } from "./tenant";
import { lockImplementation, one, unchanged, writeOnImplementation } from "./unit-of-work";

// Creating and editing implementations (managers and admins). Creating one copies the chosen
// template revision's items into its checklist and creates its three environments, all in
// one transaction with the audit event.

const environmentNames = { sandbox: "Vendor sandbox", test: "Customer test (non-prod)", production: "Production" } as const;

// What the implementation form offers: customers, published templates and vendor staff.
export async function implementationFormOptions(viewer: Viewer) {
  authorize(viewer, "implementation.create");
  const db = getDb();
  const [customers, templates, staff] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.kind, "customer")).orderBy(asc(organizations.name)),
    db
      .selectDistinctOn([checklistTemplates.key], { id: checklistTemplates.id, name: checklistTemplates.name, revision: checklistTemplates.revision })
      .from(checklistTemplates)
      .where(eq(checklistTemplates.status, "published"))
      .orderBy(checklistTemplates.key, desc(checklistTemplates.revision)),
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(and(eq(organizations.kind, "vendor"), isNull(users.disabledAt), inArray(users.role, ["implementation_manager", "engineer"])))
      .orderBy(asc(users.name)),
  ]);
  return {
    customers,
    templates,
    managers: staff.filter((u) => u.role === "implementation_manager"),
    engineers: staff.filter((u) => u.role === "engineer"),
  };
}

async function checkStaff(tx: Transaction, input: Pick<CreateImplementationInput, "implementationManagerId" | "engineeringOwnerId">) {
  const errors: Record<string, string[]> = {};
  const expect = [
    ["implementationManagerId", input.implementationManagerId, "implementation_manager", "Choose an implementation manager."],
    ["engineeringOwnerId", input.engineeringOwnerId, "engineer", "Choose an engineer."],
  ] as const;
  for (const [field, userId, role, message] of expect) {
    if (!userId) continue;
    const [row] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, role), isNull(users.disabledAt)));
    if (!row) errors[field] = [message];
  }
  if (Object.keys(errors).length > 0) throw invalid("Check the highlighted fields.", errors);
}

export async function createImplementation(viewer: Viewer, input: CreateImplementationInput, requestId?: string) {
  authorize(viewer, "implementation.create");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const [customer] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, input.customerOrganizationId), eq(organizations.kind, "customer")));
    if (!customer) throw invalid("Check the highlighted fields.", { customerOrganizationId: ["Choose a customer."] });
    const [template] = await tx
      .select({ id: checklistTemplates.id })
      .from(checklistTemplates)
      .where(and(eq(checklistTemplates.id, input.templateId), eq(checklistTemplates.status, "published")));
    if (!template) throw invalid("Check the highlighted fields.", { templateId: ["Choose a published checklist template."] });
    await checkStaff(tx, input);

    const { templateId, customerOrganizationId, ...rest } = input;
    const impl = one(
      await tx
        .insert(implementations)
        .values({ ...rest, customerOrganizationId, templateId, status: "active", createdById: viewer.userId, updatedById: viewer.userId })
        .returning({ id: implementations.id }),
    );
    await tx.insert(environments).values(environmentKinds.map((kind) => ({ implementationId: impl.id, kind, name: environmentNames[kind] })));
    const templateItems = await tx
      .select()
      .from(checklistTemplateItems)
      .where(eq(checklistTemplateItems.templateId, templateId))
      .orderBy(asc(checklistTemplateItems.position));
    if (templateItems.length > 0) {
      await tx.insert(checklistItems).values(
        templateItems.map((t) => ({
          implementationId: impl.id,
          templateItemId: t.id,
          key: t.key,
          position: t.position,
          title: t.title,
          description: t.description,
          category: t.category,
          required: t.required,
          requiredSignOffRoles: t.requiredSignOffRoles,
          needsOperationalValidation: t.needsOperationalValidation,
          attestationOnly: t.attestationOnly,
          expectedOutcome: t.expectedOutcome,
          updatedById: viewer.userId,
        })),
      );
    }
    return {
      implementationId: impl.id,
      result: { implementationId: impl.id },
      audit: { action: "implementation.created", entityType: "implementation", entityId: impl.id, after: { ...input, items: templateItems.length } },
    };
  });
}

const editable = [
  "name",
  "ehrVendor",
  "workflows",
  "interfaces",
  "phase",
  "goLiveDate",
  "implementationManagerId",
  "engineeringOwnerId",
  "freshnessWindowDays",
  "status",
] as const;

export async function updateImplementation(viewer: Viewer, input: UpdateImplementationInput, requestId?: string) {
  authorize(viewer, "implementation.update");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const current = await lockImplementation(tx, viewer, input.implementationId);
    if (current.version !== input.version) {
      const [editor] = current.updatedById
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedById))
        : [];
      throw conflict(
        `${editor?.name ?? "Someone"} changed this implementation at ${formatUtc(current.updatedAt)}, after you opened it. Your edits are still in the form: reload to see the change, then apply yours again.`,
      );
    }
    await checkStaff(tx, input);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of editable) {
      if (JSON.stringify(current[field]) !== JSON.stringify(input[field])) {
        before[field] = current[field];
        after[field] = input[field];
      }
    }
    if (Object.keys(after).length === 0) return unchanged({ implementationId: current.id, changed: false });
    const [updated] = await tx
      .update(implementations)
      .set({ ...after, version: current.version + 1, updatedById: viewer.userId, updatedAt: new Date() })
      .where(and(eq(implementations.id, current.id), eq(implementations.version, input.version)))
      .returning({ id: implementations.id });
    if (!updated) throw conflict("This implementation was changed after you opened it. Reload to see the change.");
    return {
      implementationId: current.id,
      result: { implementationId: current.id, changed: true },
      audit: { action: "implementation.updated", entityType: "implementation", entityId: current.id, before, after },
    };
  });
}

// The implementation's editable values, for the edit form.
export async function getImplementationForEdit(viewer: Viewer, implementationId: string) {
  authorize(viewer, "implementation.update");
  const [row] = await selectImplementations({
    ...implementationHead,
    version: implementations.version,
    interfaces: implementations.interfaces,
    implementationManagerId: implementations.implementationManagerId,
    engineeringOwnerId: implementations.engineeringOwnerId,
  }).where(oneImplementationInScope(viewer, implementationId));
  if (!row) throw notFound("Implementation");
  const { managers, engineers } = await implementationFormOptions(viewer);
  return { implementation: row, managers, engineers };
}
