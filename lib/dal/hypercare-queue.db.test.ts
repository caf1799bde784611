import { afterAll, describe, expect, it } from "vitest";
import { installJobQueue } from "@/db/job-queue";
import * as s from "@/db/schema";
import { startQueueRunner, type HypercareScheduler } from "@/lib/hypercare/scheduler";
import { demoImpl, envId, withDemoDatabase } from "@/test/fixtures/demo";
import { evaluateHypercare } from "./hypercare";

// Two app instances share one PostgreSQL database: each enqueues the due evaluations every
// period and works the queue, and still every implementation is evaluated once per period.
// PGlite is one process with no queue (an interval evaluates directly), so this runs on
// PostgreSQL only (DATABASE_URL set).

const onPostgres = Boolean(process.env.DATABASE_URL);
const demo = withDemoDatabase();
const runners: HypercareScheduler[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
});

// An open alert makes an implementation due (its feed has gone quiet).
async function openAlert(implementationId: string, environment: string) {
  const [iface] = await demo.db
    .insert(s.interfaces)
    .values({ implementationId, name: "Queue test feed (fictional)", kind: "hl7v2_feed", direction: "inbound" })
    .returning({ id: s.interfaces.id });
  await demo.db.insert(s.hypercareAlerts).values({
    implementationId, interfaceId: iface!.id, environmentId: envId(environment, "production"), rule: "no_traffic",
    since: new Date(Date.now() - 7_200_000), summary: "No message for 120 business-hour minutes (limit 60).", figures: { quietBusinessMinutes: 120 },
  });
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!onPostgres)("the hypercare queue on PostgreSQL", () => {
  it("evaluates each due implementation once per period, however many instances enqueue it", async () => {
    await installJobQueue(demo.testDb.url!);
    // Installing again (a second instance starting) changes nothing.
    await installJobQueue(demo.testDb.url!);
    await openAlert(demoImpl.documents, "lakeshore-documents");
    await openAlert(demoImpl.appointments, "riverbend-appointments");

    const evaluations: { runner: number; implementationId: string }[] = [];
    const runner = (n: number) =>
      startQueueRunner({
        connectionString: demo.testDb.url!,
        // An hour-long period, so both ticks below fall in the same one.
        intervalSeconds: 3600,
        timer: false,
        pollingIntervalSeconds: 0.5,
        evaluate: async (implementationId, now) => {
          evaluations.push({ runner: n, implementationId });
          await evaluateHypercare(implementationId, now);
        },
      });
    runners.push(await runner(1), await runner(2));

    // Both instances enqueue the period at the same moment: one job per implementation.
    const created = await Promise.all(runners.map((r) => r.tick()));
    expect(created[0]! + created[1]!).toBe(2);
    for (let waited = 0; evaluations.length < 2 && waited < 15_000; waited += 250) await settle(250);
    // A later tick in the same period adds nothing.
    expect(await Promise.all(runners.map((r) => r.tick()))).toEqual([0, 0]);
    await settle(2_000);
    expect(evaluations.map((e) => e.implementationId).sort()).toEqual([demoImpl.documents, demoImpl.appointments].sort());
  }, 60_000);
});
