import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { interfaces } from "@/db/schema";
import { invalid } from "./errors";
import { isUuid } from "./tenant";

// The interface a permission row or a test-patient scenario names, checked to be one of the
// same implementation's: another implementation's or organization's id is refused as a field
// error, never linked (the composite foreign key refuses it again in the database).

const notOurs = () => invalid("Check the highlighted fields.", { interfaceId: ["Choose one of this implementation's interfaces."] });

export async function interfaceOfImplementation(tx: Transaction, implementationId: string, interfaceId: string | null) {
  if (interfaceId === null) return null;
  if (!isUuid(interfaceId)) throw notOurs();
  const [row] = await tx
    .select({ id: interfaces.id, name: interfaces.name, kind: interfaces.kind, workflows: interfaces.workflows, messageTypes: interfaces.messageTypes })
    .from(interfaces)
    .where(and(eq(interfaces.id, interfaceId), eq(interfaces.implementationId, implementationId)));
  if (!row) throw notOurs();
  return row;
}
