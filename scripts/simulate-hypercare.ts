// `npm run simulate:hypercare`: posts four weeks of synthetic hourly traffic for one interface
// through the public machine API (three ordinary weeks to learn a band from, then a week with a
// silent stretch and a stuck-content stretch, each followed by recovery), then says where to
// look. Everything it posts is fictional; it never touches the database directly.
//
//   READYROOM_API_TOKEN=rr_… npm run simulate:hypercare -- \
//     --implementation <implementation id> --interface <interface id> \
//     [--url http://localhost:3000] [--environment production] [--ongoing silent|unchanged]
//
// The token is made on the implementation's API tokens tab (what it may post: interface
// metrics; environments: the one posted for). The interface page prints this command with its
// ids filled in. See docs/hypercare.md.
import { parseArgs } from "node:util";
import type { MetricPoint } from "../lib/hypercare/evaluate";
import { simulateTraffic, type Ongoing } from "../lib/hypercare/simulation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONCURRENCY = 4;

function usage(problem: string): never {
  console.error(`${problem}

usage: READYROOM_API_TOKEN=rr_… npm run simulate:hypercare -- --implementation <id> --interface <id>
         [--url http://localhost:3000] [--environment production|test|sandbox] [--ongoing silent|unchanged]

Make the token on the implementation's "API tokens" tab: what it may post = interface metrics,
environments = the one you post for. The interface page shows this command with its ids.`);
  process.exit(2);
}

const day = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ") + " UTC";
const weekday = (at: Date) => at.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: process.env.READYROOM_URL ?? "http://localhost:3000" },
      implementation: { type: "string", default: process.env.READYROOM_IMPLEMENTATION_ID },
      interface: { type: "string", default: process.env.READYROOM_INTERFACE_ID },
      environment: { type: "string", default: "production" },
      ongoing: { type: "string" },
      "history-weeks": { type: "string", default: "3" },
    },
  });
  const token = process.env.READYROOM_API_TOKEN;
  if (!token) usage("Set READYROOM_API_TOKEN to an API token made on the implementation's API tokens tab.");
  if (!values.implementation || !UUID.test(values.implementation)) usage("Give --implementation <implementation id> (the id in the implementation page's address).");
  if (!values.interface || !UUID.test(values.interface)) usage("Give --interface <interface id> (the id in the interface page's address).");
  if (!["production", "test", "sandbox"].includes(values.environment!)) usage("--environment must be production, test or sandbox.");
  if (values.ongoing !== undefined && values.ongoing !== "silent" && values.ongoing !== "unchanged") usage("--ongoing must be silent or unchanged.");
  const historyWeeks = Number(values["history-weeks"]);
  if (!Number.isInteger(historyWeeks) || historyWeeks < 0 || historyWeeks > 12) usage("--history-weeks must be a whole number from 0 to 12.");
  const base = values.url!.replace(/\/+$/, "");
  const endpoint = `${base}/api/v1/implementations/${values.implementation}/interfaces/${values.interface}/metrics`;

  const sim = simulateTraffic({ end: new Date(), historyWeeks, ongoing: (values.ongoing ?? null) as Ongoing });
  console.log(`Posting ${sim.points.length} hourly figures (synthetic) to ${endpoint} for ${values.environment}…`);

  let posted = 0;
  let already = 0;
  const failures: string[] = [];
  const post = async (p: MetricPoint): Promise<void> => {
    const body = JSON.stringify({
      environment: values.environment,
      periodStart: p.periodStart.toISOString(),
      periodEnd: p.periodEnd.toISOString(),
      messageCount: p.messageCount,
      errorCount: p.errorCount,
      lastMessageAt: p.lastMessageAt?.toISOString() ?? null,
      contentFingerprint: p.contentFingerprint,
    });
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "idempotency-key": `simulate-hypercare:${values.interface}:${values.environment}:${p.periodStart.toISOString()}`,
        },
        body,
      });
      if (response.status === 201) {
        posted += response.headers.get("idempotent-replayed") ? 0 : 1;
        already += response.headers.get("idempotent-replayed") ? 1 : 0;
        return;
      }
      // Figures for this hour were posted by an earlier run: they stay as they are.
      if (response.status === 409) {
        already += 1;
        return;
      }
      if (response.status === 429 || response.status === 503) {
        const wait = Number(response.headers.get("retry-after") ?? "5");
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
        continue;
      }
      const detail = await response.text();
      // A refused token or a wrong address fails every post the same way: stop at once.
      console.error(`\n${response.status} from ${endpoint}:\n${detail}`);
      process.exit(1);
    }
    failures.push(p.periodStart.toISOString());
  };

  const queue = [...sim.points];
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        await post(p);
        done += 1;
        if (done % 100 === 0) process.stdout.write(`  ${done}/${sim.points.length}\n`);
      }
    }),
  );

  const messages = sim.points.reduce((n, p) => n + p.messageCount, 0);
  console.log(`
Posted ${posted} new hourly figures (${already} were already there from an earlier run${failures.length ? `, ${failures.length} gave up after retries` : ""}).
${messages.toLocaleString("en-US")} synthetic messages from ${day(sim.points[0]!.periodStart)} to ${day(sim.week.to)}.

What happened in the last week (all times UTC):
  - Silent: no messages on ${weekday(sim.silent.from)} ${day(sim.silent.from)} until ${day(sim.silent.to).slice(11)} — the "no traffic" rule opens after 60 business-hour minutes and clears when messages return.
  - Stuck: on ${weekday(sim.stuck.from)} ${day(sim.stuck.from)} until ${day(sim.stuck.to).slice(11)} messages kept arriving with the same content fingerprint — "content unchanged" opens after 240 minutes and clears when it changes.
${sim.ongoing ? `  - Ongoing now: ${values.ongoing === "silent" ? "silent" : "same fingerprint"} since ${day(sim.ongoing.from)}. Run again without --ongoing later to post the recovery.\n` : ""}
Where to look:
  ${base}/implementations/${values.implementation}/interfaces/${values.interface}
  The chart shows messages per hour against the band learned from the weeks before; the silent
  hours fall below it, and the table beside it says the same per day. The rules in force are listed
  under the chart; a hand-set limit changes when the watch speaks up. The scheduled evaluation
  opens and clears the alerts from these figures; an alert open now needs an incident that is
  still going on (--ongoing silent during business hours, or --ongoing unchanged).`);
  if (failures.length) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error && "cause" in error ? `${error.message}: ${String(error.cause)}` : error);
  process.exit(1);
});
