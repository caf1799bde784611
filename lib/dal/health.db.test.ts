import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { checkDatabase } from "./health";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

it("reports the database reachable, with its driver", async () => {
  const result = await checkDatabase();
  expect(result.ok).toBe(true);
  expect(result.driver).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
});

it("reports the database unreachable once it is gone", async () => {
  await testDb.handle.close();
  const result = await checkDatabase(1000);
  expect(result.ok).toBe(false);
});
