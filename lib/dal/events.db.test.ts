import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { seedDemo, seedId } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { queueEvent } from "./events";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
});
afterAll(() => testDb.drop());

const impl = seedId("impl:riverbend-appointments");
const other = seedId("impl:lakeshore-orders");

describe("queueEvent", () => {
  it("queues nothing for an implementation without a webhook", async () => {
    const db = testDb.handle.db;
    await queueEvent(db, { implementationId: other, event: "item.blocked", data: { itemId: "x" } });
    expect(await db.select().from(webhookDeliveries)).toHaveLength(0);
  });

  it("queues one delivery carrying the event, the implementation and the data; a repeated dedupe key is dropped", async () => {
    const db = testDb.handle.db;
    const [hook] = await db
      .insert(webhooks)
      .values({ implementationId: impl, url: "http://127.0.0.1:9/hook", secret: "s" })
      .returning();
    await queueEvent(db, { implementationId: impl, event: "item.blocked", data: { itemId: "abc" } });
    await queueEvent(db, { implementationId: impl, event: "go_live.approaching_with_blockers", data: {}, dedupeKey: "k" });
    await queueEvent(db, { implementationId: impl, event: "go_live.approaching_with_blockers", data: {}, dedupeKey: "k" });
    const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook!.id));
    expect(rows).toHaveLength(2);
    const blocked = rows.find((r) => r.event === "item.blocked")!;
    expect(blocked.status).toBe("pending");
    expect(blocked.payload).toMatchObject({
      event: "item.blocked",
      implementation: { id: impl, customer: "Riverbend Health (fictional)" },
      data: { itemId: "abc" },
    });
  });
});
