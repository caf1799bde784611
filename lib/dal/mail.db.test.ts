import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages } from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { createTestDatabase, demoViewer, type TestDatabase } from "@/db/testing";
import { queueMail, renderMail } from "@/lib/mail";
import { deliverDueMail } from "@/lib/mail/worker";
import { completeMail, listSentMail } from "./mail";

// The mail outbox: queued inside the caller's transaction (gone if it rolls back), sent after
// by the worker. Tests run without SMTP_URL, so mail is logged and kept for Sent mail.

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await seedDemo(testDb.handle.db);
});
afterAll(() => testDb.drop());

const content = renderMail({ subject: "Outbox test", greeting: "Hello,", paragraphs: ["Synthetic."], action: { label: "Open", url: "http://readyroom.test/x" } });

describe("the mail outbox", () => {
  it("keeps nothing queued by a transaction that rolls back", async () => {
    await testDb.handle.db
      .transaction(async (tx) => {
        await queueMail(tx, { ...content, to: "rolled.back@riverbend.example", kind: "test" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await testDb.handle.db.select().from(mailMessages).where(eq(mailMessages.to, "rolled.back@riverbend.example"))).toEqual([]);
  });

  it("sends what was committed once; without SMTP the body stays for admins' Sent mail", async () => {
    await testDb.handle.db.transaction((tx) => queueMail(tx, { ...content, to: "outbox@riverbend.example", kind: "test" }));
    expect((await deliverDueMail()).sent).toBeGreaterThanOrEqual(1);
    expect((await deliverDueMail()).claimed).toBe(0);
    const [row] = await testDb.handle.db.select().from(mailMessages).where(eq(mailMessages.to, "outbox@riverbend.example"));
    expect(row).toMatchObject({ status: "delivered", transport: "console", attempts: 1 });
    expect(row!.text).toContain("http://readyroom.test/x");

    const admin = await demoViewer("admin@vendor.example");
    expect((await listSentMail(admin)).map((m) => m.to)).toContain("outbox@riverbend.example");
    await expect(listSentMail(await demoViewer("manager@vendor.example"))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("retries a failed send later, and erases the body once sent over SMTP", async () => {
    await testDb.handle.db.transaction((tx) => queueMail(tx, { ...content, to: "retry@riverbend.example", kind: "test" }));
    const [row] = await testDb.handle.db.select().from(mailMessages).where(eq(mailMessages.to, "retry@riverbend.example"));
    await completeMail({ id: row!.id, attempts: 0 }, { ok: false, transport: "smtp", error: "ECONNREFUSED" }, 60_000);
    const [retry] = await testDb.handle.db.select().from(mailMessages).where(eq(mailMessages.id, row!.id));
    expect(retry).toMatchObject({ status: "pending", lastError: "ECONNREFUSED" });
    expect(retry!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await completeMail({ id: row!.id, attempts: 0 }, { ok: true, transport: "smtp", error: null }, null);
    const [sent] = await testDb.handle.db.select().from(mailMessages).where(eq(mailMessages.id, row!.id));
    expect(sent).toMatchObject({ status: "delivered", text: null, html: null });
  });
});
