import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { seedId } from "@/db/seed";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { queueEvent } from "./events";

const demo = withDemoDatabase();

const impl = seedId("impl:riverbend-appointments");
const other = seedId("impl:lakeshore-orders");

describe("queueEvent", () => {
  it("queues nothing for an implementation without a webhook", async () => {
    const db = demo.db;
    await queueEvent(db, { implementationId: other, event: "item.blocked", data: { itemId: "x" } });
    expect(await db.select().from(webhookDeliveries)).toHaveLength(0);
  });

  it("queues one delivery carrying the event, the implementation and the data; a repeated dedupe key is dropped", async () => {
    const db = demo.db;
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
