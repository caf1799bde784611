import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Transaction } from "@/db";
import * as s from "@/db/schema";
import { seedId } from "@/db/seed";
import type { Viewer } from "@/lib/domain/viewer";
import { parsePortfolioQuery } from "@/lib/validation/portfolio";
import { withDemoDatabase } from "@/test/fixtures/demo";
import { getGate, refreshGateState } from "./gate";
import { listPortfolio } from "./implementations";

// One truth: the portfolio's verdict is the implementation page's verdict, for every
// implementation, and stays so as time alone changes the answer.

const demo = withDemoDatabase();
const { v } = demo;

const DAY = 24 * 60 * 60 * 1000;
const all = parsePortfolioQuery({});
const day = (d: Date) => d.toISOString().slice(0, 10);

async function rowAt(viewer: Viewer, id: string, now: Date) {
  const page = await listPortfolio(viewer, all, now);
  const row = page.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no portfolio row for ${id}`);
  return row;
}

describe("the portfolio and the implementation page agree", () => {
  it("shows getGate's verdict and reason counts for every seeded demo implementation, for every viewer", async () => {
    for (const viewer of [v.manager!, v.riverbend!, v.lakeshore!]) {
      const page = await listPortfolio(viewer);
      expect(page.rows.length).toBeGreaterThan(0);
      for (const row of page.rows) {
        const gate = await getGate(viewer, row.id);
        expect(row.verdict, row.name).toBe(gate.verdict);
        expect(row.blockingReasons, row.name).toBe(gate.reasons.filter((r) => r.severity === "blocking").length);
        expect(row.riskReasons, row.name).toBe(gate.reasons.filter((r) => r.severity === "risk").length);
        expect(row.items.requiredDone, row.name).toBe(gate.requiredItemsDone);
      }
    }
  });

  it("derives the forecast from the verdict: the demographics feed is No-go with 11 reasons, not a separate 'on track'", async () => {
    const row = await rowAt(v.manager!, seedId("impl:riverbend-demographics"), new Date());
    expect(row.verdict).toBe("no_go");
    expect(row.riskExplanation[0]).toMatch(/^The gate says No-go: \d+ blocking reasons?/);
    // 75 days out, a No-go still has time: on track, and it says why.
    expect(row.risk).toBe("on_track");
    // Within 14 days of go-live the same No-go is at risk, and past go-live it is late.
    const goLive = Date.parse(`${row.goLiveDate}T00:00:00Z`);
    expect((await rowAt(v.manager!, row.id, new Date(goLive - 10 * DAY))).risk).toBe("at_risk");
    expect((await rowAt(v.manager!, row.id, new Date(goLive + 2 * DAY))).risk).toBe("late");
  });
});

describe("filter, sort and paging in SQL", () => {
  it("filters by verdict and risk, sorts by verdict, and keeps tenancy", async () => {
    const noGo = await listPortfolio(v.manager!, parsePortfolioQuery({ verdict: "no_go" }));
    expect(noGo.rows.length).toBeGreaterThan(0);
    expect(noGo.rows.every((r) => r.verdict === "no_go")).toBe(true);
    expect(noGo.matching).toBe(noGo.rows.length);
    expect(noGo.total).toBeGreaterThan(noGo.matching - 1);
    const late = await listPortfolio(v.manager!, parsePortfolioQuery({ risk: "not_tracked" }));
    expect(late.rows.every((r) => r.status !== "active")).toBe(true);
    const sorted = await listPortfolio(v.manager!, parsePortfolioQuery({ sort: "verdict" }));
    const rank = { no_go: 0, conditional_go: 1, go: 2 } as const;
    const ranks = sorted.rows.map((r) => rank[r.verdict]);
    expect(ranks).toEqual([...ranks].sort());
    const riverbend = await listPortfolio(v.riverbend!, parsePortfolioQuery({ verdict: "no_go" }));
    expect(riverbend.rows.every((r) => r.customerName === "Riverbend Health (fictional)")).toBe(true);
    expect(riverbend.customers).toEqual([{ id: seedId("org:riverbend"), name: "Riverbend Health (fictional)" }]);
  });
});

// Implementations built row by row, so each time-based fact is the only one in play. A write
// stores its facts and calls refreshGateState in its transaction, as every DAL write does.
describe("time alone changes the verdict, and the portfolio read sees it", () => {
  const t0 = new Date();
  const customer = seedId("org:riverbend");
  const someone = seedId("user:manager");

  async function implementation(name: string) {
    const db = demo.db;
    const [impl] = await db
      .insert(s.implementations)
      .values({ customerOrganizationId: customer, name, ehrVendor: "epic", workflows: [], goLiveDate: day(new Date(t0.getTime() + 200 * DAY)) })
      .returning({ id: s.implementations.id });
    const [prod] = await db
      .insert(s.environments)
      .values({ implementationId: impl!.id, kind: "production", name: "Production" })
      .returning({ id: s.environments.id });
    return { id: impl!.id, production: prod!.id };
  }

  async function write(id: string, change: (tx: Transaction) => Promise<unknown>) {
    await demo.db.transaction(async (tx) => {
      await change(tx);
      await refreshGateState(tx, id, undefined, t0);
    });
  }

  async function crossing(id: string, boundary: Date) {
    const before = await rowAt(v.manager!, id, new Date(boundary.getTime() - 1));
    const after = await rowAt(v.manager!, id, new Date(boundary.getTime() + 1));
    // And the implementation page agrees at each moment.
    expect(after.verdict).toBe((await getGate(v.manager!, id, new Date(boundary.getTime() + 1))).verdict);
    return { before: before.verdict, after: after.verdict };
  }

  async function until(id: string) {
    const [row] = await demo.db.select({ until: s.readinessSummaries.until }).from(s.readinessSummaries).where(eq(s.readinessSummaries.implementationId, id));
    return row?.until ?? null;
  }

  it("a production validation ages past the freshness window: Go → No-go", async () => {
    const impl = await implementation("Time: validation ages");
    const observedAt = new Date(t0.getTime() - 10 * DAY);
    await write(impl.id, async (tx) => {
      const [item] = await tx
        .insert(s.checklistItems)
        .values({ implementationId: impl.id, position: 0, title: "Manual example validation", category: "validation", needsOperationalValidation: true, status: "ready_for_signoff" })
        .returning({ id: s.checklistItems.id });
      await tx.insert(s.evidence).values({ checklistItemId: item!.id, implementationId: impl.id, environmentId: impl.production, kind: "operational", whatWasTested: "Front desk checked a real example", outcome: "pass", observedAt, recordedById: someone });
    });
    const boundary = new Date(observedAt.getTime() + 14 * DAY);
    expect(await until(impl.id)).toEqual(boundary);
    expect(await crossing(impl.id, boundary)).toEqual({ before: "go", after: "no_go" });
  });

  it("a waiver expires: Go → No-go the day after its expiry date", async () => {
    const impl = await implementation("Time: waiver expires");
    const expiresOn = day(new Date(t0.getTime() + 3 * DAY));
    await write(impl.id, async (tx) => {
      const [item] = await tx
        .insert(s.checklistItems)
        .values({ implementationId: impl.id, position: 0, title: "Support readiness", category: "ownership", requiredSignOffRoles: ["customer_it"], status: "waived" })
        .returning({ id: s.checklistItems.id });
      await tx.insert(s.waivers).values({ checklistItemId: item!.id, implementationId: impl.id, reason: "Covered by the existing runbook", approverName: "Dana Cole (fictional)", expiresOn, itemVersion: 1, grantedById: someone });
    });
    const boundary = new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY);
    expect(await until(impl.id)).toEqual(boundary);
    expect(await crossing(impl.id, boundary)).toEqual({ before: "go", after: "no_go" });
  });

  it("an accepted risk reaches its re-evaluation date: Conditional go → No-go", async () => {
    const impl = await implementation("Time: re-evaluation due");
    const reevaluateOn = day(new Date(t0.getTime() + 4 * DAY));
    let requirement = "";
    await write(impl.id, async (tx) => {
      const [req] = await tx.insert(s.permissionRequirements).values({ implementationId: impl.id, interface: "fhir_api", permission: "system/Slot.rs" }).returning({ id: s.permissionRequirements.id });
      requirement = req!.id;
    });
    expect((await rowAt(v.manager!, impl.id, t0)).verdict).toBe("conditional_go");
    await write(impl.id, async (tx) => {
      const [decision] = await tx
        .insert(s.goLiveDecisions)
        .values({ implementationId: impl.id, decision: "conditional_go", computedVerdict: "conditional_go", reasons: [], gateDigest: "test", decidedById: someone, decidedByName: "Maya Okafor" })
        .returning({ id: s.goLiveDecisions.id });
      await tx.insert(s.riskAcceptances).values({ decisionId: decision!.id, implementationId: impl.id, reasonKey: `permission:${requirement}`, reasonText: "Required permission system/Slot.rs is unverified in production.", acceptedByName: "Dana Cole (fictional)", reevaluateOn });
    });
    const boundary = new Date(Date.parse(`${reevaluateOn}T00:00:00Z`) + DAY);
    expect(await until(impl.id)).toEqual(boundary);
    expect(await crossing(impl.id, boundary)).toEqual({ before: "conditional_go", after: "no_go" });
  });

  it("a production permission check goes stale: Go → Conditional go", async () => {
    const impl = await implementation("Time: permission stale");
    const checkedAt = new Date(t0.getTime() - 13 * DAY);
    await write(impl.id, async (tx) => {
      const [req] = await tx.insert(s.permissionRequirements).values({ implementationId: impl.id, interface: "fhir_api", permission: "system/Schedule.rs" }).returning({ id: s.permissionRequirements.id });
      await tx.insert(s.permissionChecks).values({ requirementId: req!.id, implementationId: impl.id, environmentId: impl.production, result: "granted", checkedAt, checkedById: someone });
    });
    const boundary = new Date(checkedAt.getTime() + 14 * DAY);
    expect(await until(impl.id)).toEqual(boundary);
    expect(await crossing(impl.id, boundary)).toEqual({ before: "go", after: "conditional_go" });
  });
});

describe("a large portfolio", () => {
  it("reads one page of 50 in the order asked, builds missing summaries on read, and pages on", async () => {
    const db = demo.db;
    // Inserted behind the write path (no summary yet): the read builds them before the page.
    await db.insert(s.implementations).values(
      Array.from({ length: 60 }, (_, i) => ({ customerOrganizationId: seedId("org:lakeshore"), name: `Bulk ${String(i).padStart(2, "0")}`, ehrVendor: "other" as const })),
    );
    const first = await listPortfolio(v.lakeshore!, parsePortfolioQuery({ sort: "name" }));
    expect(first.rows).toHaveLength(50);
    expect(first.total).toBe(63);
    expect(first.pageCount).toBe(2);
    expect(first.rows[0]!.name).toBe("Bulk 00");
    const second = await listPortfolio(v.lakeshore!, parsePortfolioQuery({ sort: "name", page: "2" }));
    expect(second.rows).toHaveLength(13);
    expect(second.page).toBe(2);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(63);
    const beyond = await listPortfolio(v.lakeshore!, parsePortfolioQuery({ sort: "name", page: "9" }));
    expect(beyond.page).toBe(2);
  });
});
