// Benchmark data: a fresh PostgreSQL database (readyroom_bench_<size>) with the committed
// migrations and the demo seed (so the demo accounts can sign in), plus a large synthetic
// portfolio loaded in bulk with INSERT … SELECT generate_series. Every name is synthetic and
// labelled fictional; no real patient data.
//
// Beside the checklist (50 items, 5 evidence rows per item of which one is a re-run in the same
// environment, sign-offs, blockers) each implementation gets what the real ones have: a
// permission matrix (8 rows × 3 environments of checks), synthetic test patients with
// scenarios, a waiver or two, and for some a recorded go/no-go decision. One in ten
// implementations belongs to the demo customer Riverbend, so its customer IT user sees a
// tenant-scoped slice. Then every readiness summary is built through the app's own
// refreshGateState (bench/summaries.ts), as the first portfolio read would.
//
//   npx tsx bench/generate.ts --implementations 500 [--items-per 50] [--evidence-per 5] [--audit-per 150]
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openPostgres } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { seedDemo, seedId } from "../db/seed";

const AUDIT_BATCH = 2000;

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export type GenerateOptions = {
  implementations: number;
  itemsPerImplementation?: number;
  evidencePerItem?: number;
  auditPerImplementation?: number;
  serverUrl?: string;
  log?: (line: string) => void;
};

export type GenerateResult = {
  database: string;
  url: string;
  counts: Record<string, number>;
  seconds: Record<string, number>;
};

// bench/summaries.ts in a child process: the DAL needs the react-server condition.
function buildSummaries(url: string): Promise<void> {
  const root = new URL("..", import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join(root, "bench/summaries.ts"), url, "4"], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    // The console mail transport logs every message: only the closing line is shown.
    let tail = "";
    child.stdout.on("data", (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-8192)));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench/summaries.ts exited ${code}`));
      console.log(`  ${tail.trim().split("\n").at(-1) ?? ""}`);
      resolve();
    });
  });
}

export function benchDatabaseName(implementations: number): string {
  return `bench_readyroom_${implementations}`;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const impls = options.implementations;
  const itemsPer = options.itemsPerImplementation ?? 50;
  const evidencePer = options.evidencePerItem ?? 5;
  const auditPer = options.auditPerImplementation ?? 150;
  if (!Number.isInteger(impls) || impls < 1 || impls > 100_000) throw new Error("--implementations must be 1…100000");

  const serverUrl = options.serverUrl ?? DEFAULT_SERVER_URL;
  const database = benchDatabaseName(impls);
  const seconds: Record<string, number> = {};
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    seconds[label] = Math.round((performance.now() - start) / 10) / 100;
    log(`  ${label}: ${seconds[label]} s`);
    return result;
  };

  // Only ever drops a database with the benchmark's own prefix.
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await timed("create database", async () => {
      await admin.unsafe(`drop database if exists "${database}" with (force)`);
      await admin.unsafe(`create database "${database}"`);
    });
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;

  const handle = openPostgres(url.toString(), 2);
  try {
    await timed("migrate", () => migrateDatabase(handle, url.toString()));
    await timed("seed demo", () => seedDemo(handle.db));
  } finally {
    await handle.close();
  }

  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const vendorOrg = seedId("org:vendor");
    const user = (key: string) => seedId(`user:${key}`);
    const customers = Math.max(2, Math.ceil(impls / 10));

    await timed("bulk load", () =>
      sql.begin(async (tx) => {
        // Deterministic ids shaped like db/seed.ts seedId(): RFC 9562 version 8, variant 10,
        // which z.uuid() and isUuid() accept (a bare md5 cast to uuid is not a valid UUID).
        await tx.unsafe(
          `create function pg_temp.bench_id(name text) returns uuid language sql immutable as $$
             select (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-8' || substr(h, 14, 3) || '-a' || substr(h, 18, 3)
                     || '-' || substr(h, 21, 12))::uuid
             from md5(name) as h $$`,
        );
        await tx.unsafe(
          `insert into organizations (id, name, slug, kind)
           select pg_temp.bench_id('bench-org-' || c), 'Synthetic Health System ' || lpad(c::text, 4, '0') || ' (fictional)',
                  'bench-customer-' || c, 'customer'
           from generate_series(1, $1::int) c`,
          [customers],
        );

        await tx.unsafe(
          `insert into implementations (id, customer_organization_id, name, ehr_vendor, workflows, interfaces, phase,
                                        go_live_date, implementation_manager_id, engineering_owner_id, status,
                                        created_by_id, freshness_window_days)
           select pg_temp.bench_id('bench-impl-' || i),
                  case when i % 10 = 0 then $7::uuid else pg_temp.bench_id('bench-org-' || (1 + i % $2::int)) end,
                  'Synthetic implementation ' || lpad(i::text, 5, '0'),
                  (array['epic','oracle_health','meditech','athenahealth','other']::ehr_vendor[])[1 + i % 5],
                  (array['appointment_sync','patient_demographics','documents']::workflow[])[1:1 + i % 3],
                  (array['hl7v2_feed','fhir_api','sftp']::interface_kind[])[1:1 + (i + 1) % 3],
                  (array['assessment','pilot','expansion','operationalization']::phase[])[1 + i % 4],
                  current_date + ((i * 13) % 200 - 30),
                  case when i % 2 = 0 then $3::uuid else $4::uuid end,
                  case when i % 3 = 0 then $5::uuid else $6::uuid end,
                  (case when i % 25 = 0 then 'live' when i % 40 = 1 then 'paused' else 'active' end)::implementation_status,
                  $3::uuid,
                  case when i % 4 = 0 then 7 else 14 end
           from generate_series(1, $1::int) i`,
          [impls, customers, user("manager"), user("manager2"), user("engineer"), user("engineer2"), seedId("org:riverbend")],
        );

        await tx.unsafe(
          `insert into environments (id, implementation_id, kind, name)
           select pg_temp.bench_id('bench-env-' || i || '-' || k), pg_temp.bench_id('bench-impl-' || i),
                  (array['sandbox','test','production']::environment_kind[])[k],
                  (array['Vendor sandbox','Customer test (non-prod)','Production'])[k]
           from generate_series(1, $1::int) i, generate_series(1, 3) k`,
          [impls],
        );

        // A third of the implementations had a production configuration change ten days ago,
        // which makes older production evidence stale.
        await tx.unsafe(
          `insert into configuration_changes (implementation_id, environment_id, changed_at, note, recorded_by_id)
           select pg_temp.bench_id('bench-impl-' || i), pg_temp.bench_id('bench-env-' || i || '-3'), now() - interval '10 days',
                  'Synthetic interface engine route change', $2::uuid
           from generate_series(1, $1::int) i where i % 3 = 0`,
          [impls, user("engineer")],
        );

        // Status mix per implementation: 30 % signed off, 15 % in progress, 5 % blocked,
        // 20 % ready for sign-off, 30 % not started.
        await tx.unsafe(
          `insert into checklist_items (id, implementation_id, key, position, title, description, category, required,
                                        required_sign_off_roles, needs_operational_validation, owner_id, status,
                                        next_step, expected_outcome, due_date, what_changed, what_was_tested,
                                        blocker_reason, blocker_severity, blocker_ticket_url, blocked_since, blocked_by_id)
           select pg_temp.bench_id('bench-item-' || i || '-' || j), pg_temp.bench_id('bench-impl-' || i), 'bench-' || j, j,
                  'Synthetic check ' || lpad(j::text, 3, '0'),
                  'A synthetic readiness check generated for the benchmark.',
                  (array['configuration','data_quality','permissions','timing','validation','monitoring','ownership']::item_category[])[1 + j % 7],
                  j % 9 <> 0,
                  '{engineer,implementation_manager}'::role[],
                  j % 5 = 0,
                  case when s >= 14 then null when i % 3 = 0 then $3::uuid else $4::uuid end,
                  st,
                  case when st in ('in_progress', 'blocked') then 'Re-run the synthetic scenario' else '' end,
                  'The synthetic scenario completes with the expected EHR change.',
                  current_date + (j % 60) - 10,
                  '', case when st in ('signed_off', 'ready_for_signoff') then 'Synthetic end-to-end run' else '' end,
                  case when st = 'blocked' then 'Synthetic blocker: vendor ticket open' end,
                  case when st = 'blocked' then (case when (i + j) % 2 = 0 then 'go_live' else 'post_live' end)::blocker_severity end,
                  case when st = 'blocked' then 'https://tickets.example/SYN-' || i || '-' || j end,
                  case when st = 'blocked' then current_date - ((i + j) % 30) end,
                  case when st = 'blocked' then $4::uuid end
           from (
             select i, j, s,
                    (case when s < 6 then 'signed_off' when s < 9 then 'in_progress' when s = 9 then 'blocked'
                          when s < 14 then 'ready_for_signoff' else 'not_started' end)::item_status as st
             from (select i, j, (i * 7 + j) % 20 as s
                   from generate_series(1, $1::int) i, generate_series(0, $2::int - 1) j) g
           ) x`,
          [impls, itemsPer, user("engineer"), user("engineer2")],
        );

        await tx.unsafe(
          `insert into evidence (id, checklist_item_id, implementation_id, environment_id, kind, what_was_tested, outcome,
                                 observed_at, recorded_by_id, link_url)
           select pg_temp.bench_id('bench-ev-' || i || '-' || j || '-' || e),
                  pg_temp.bench_id('bench-item-' || i || '-' || j), pg_temp.bench_id('bench-impl-' || i),
                  pg_temp.bench_id('bench-env-' || i || '-' || (1 + e % 3)),
                  (case when e % 4 = 3 then 'operational' else 'technical' end)::evidence_kind,
                  'Synthetic scenario run ' || e,
                  (case when (i + j + e) % 11 = 0 then 'fail' when (i + j + e) % 17 = 0 then 'inconclusive' else 'pass' end)::evidence_outcome,
                  now() - make_interval(days => (i * 3 + j * 5 + e * 7) % 45, hours => e),
                  $3::uuid,
                  case when e = 0 then 'https://evidence.example/run/' || i || '-' || j end
           from generate_series(1, $1::int) i, generate_series(0, $2::int - 1) j, generate_series(0, $4::int - 1) e`,
          [impls, itemsPer, user("engineer"), evidencePer],
        );

        // Signed-off items carry a sign-off per required role, bound to version 1.
        await tx.unsafe(
          `insert into sign_offs (checklist_item_id, implementation_id, signer_id, signer_name, signer_organization_id,
                                  signer_organization_name, signer_role, decision, meaning, signed_at, item_version,
                                  snapshot_sha256, snapshot)
           select ci.id, ci.implementation_id, r.signer, r.name, $1::uuid, 'Readyroom Demo Vendor', r.role, 'approve',
                  'I have reviewed this item and its evidence and approve it for go-live.',
                  now() - interval '20 days', ci.version,
                  encode(sha256(convert_to(jsonb_build_object('itemId', ci.id, 'version', ci.version, 'synthetic', true)::text, 'UTF8')), 'hex'),
                  jsonb_build_object('itemId', ci.id, 'version', ci.version, 'synthetic', true)
           from checklist_items ci
           cross join (values ($2::uuid, 'Erin Vasquez', 'engineer'::role), ($3::uuid, 'Maya Okafor', 'implementation_manager'::role))
             as r(signer, name, role)
           where ci.key like 'bench-%' and ci.status = 'signed_off'`,
          [vendorOrg, user("engineer"), user("manager")],
        );


        // The permission matrix: 8 rows per implementation (FHIR scopes and HL7 v2 events), each
        // checked in the three environments; production has gaps (unverified, now and then denied).
        await tx.unsafe(
          `insert into permission_requirements (id, implementation_id, interface, permission, required)
           select pg_temp.bench_id('bench-perm-' || i || '-' || p), pg_temp.bench_id('bench-impl-' || i),
                  (case when p < 5 then 'fhir_api' else 'hl7v2_feed' end)::permission_interface,
                  (array['patient/Appointment.rs','patient/Patient.r','patient/Slot.rs','patient/Schedule.r',
                         'patient/DocumentReference.c','SIU^S12','SIU^S14','ADT^A08'])[1 + p],
                  p <> 7
           from generate_series(1, $1::int) i, generate_series(0, 7) p`,
          [impls],
        );
        await tx.unsafe(
          `insert into permission_checks (requirement_id, implementation_id, environment_id, result, checked_at, checked_by_id)
           select pg_temp.bench_id('bench-perm-' || i || '-' || p), pg_temp.bench_id('bench-impl-' || i),
                  pg_temp.bench_id('bench-env-' || i || '-' || k), r,
                  case when r <> 'unverified' then now() - make_interval(days => (i + p + k) % 40) end,
                  case when r <> 'unverified' then $2::uuid end
           from (select i, p, k,
                        (case when k = 3 and (i + p) % 7 = 0 then 'unverified'
                              when k = 3 and (i + p) % 23 = 0 then 'denied'
                              when (i + p + k) % 31 = 0 then 'error'
                              else 'granted' end)::permission_result as r
                 from generate_series(1, $1::int) i, generate_series(0, 7) p, generate_series(1, 3) k) x`,
          [impls, user("engineer")],
        );

        // Synthetic test patients (never real patient data): two in test, one in production, with
        // three scenarios each across the workflows.
        await tx.unsafe(
          `insert into test_patients (id, implementation_id, environment_id, label, test_identifier)
           select pg_temp.bench_id('bench-tp-' || i || '-' || t), pg_temp.bench_id('bench-impl-' || i),
                  pg_temp.bench_id('bench-env-' || i || '-' || (case when t = 2 then 3 else 2 end)),
                  'Synthetic test patient ' || chr(65 + t) || ' (fictional)', 'ZZTEST-' || i || '-' || t
           from generate_series(1, $1::int) i, generate_series(0, 2) t`,
          [impls],
        );
        await tx.unsafe(
          `insert into test_patient_scenarios (test_patient_id, implementation_id, workflow_surface, scenario,
                                               expected_outcome, observed_outcome, result, validated_by_id, validated_at)
           select pg_temp.bench_id('bench-tp-' || i || '-' || t), pg_temp.bench_id('bench-impl-' || i),
                  (array['appointment_sync','patient_demographics','documents']::workflow[])[1 + sc],
                  'Synthetic scenario ' || sc || ': book, reschedule and cancel', 'The EHR shows the change',
                  case when r <> 'not_run' then 'Observed in the synthetic run' else '' end, r,
                  case when r <> 'not_run' then $2::uuid end,
                  case when r <> 'not_run' then now() - make_interval(days => (i + sc) % 20) end
           from (select i, t, sc,
                        (case when (i + t + sc) % 9 = 0 then 'fail' when (i + t + sc) % 4 = 0 then 'not_run' else 'pass' end)::scenario_result as r
                 from generate_series(1, $1::int) i, generate_series(0, 2) t, generate_series(0, 2) sc) x`,
          [impls, user("engineer")],
        );

        // Waivers in force for a few weeks on not-yet-done items of every third implementation.
        await tx.unsafe(
          `insert into waivers (checklist_item_id, implementation_id, reason, approver_name, expires_on, item_version,
                                granted_by_id, granted_at, revoked_at, revoked_by_id, revoke_reason)
           select ci.id, ci.implementation_id, 'Synthetic waiver: covered by the vendor runbook until go-live',
                  'Maya Okafor', current_date + 14 + (ci.position % 20), ci.version, $1::uuid, now() - interval '3 days',
                  null, null, null
           from checklist_items ci
           where ci.key like 'bench-%' and ci.status in ('in_progress', 'not_started') and ci.position % 11 = 3
             and abs(hashtext(ci.implementation_id::text)) % 3 = 0`,
          [user("manager")],
        );

        // Go/no-go decisions recorded on every fifth implementation (a no-go taken a week ago).
        await tx.unsafe(
          `insert into go_live_decisions (implementation_id, decision, computed_verdict, reasons, gate_digest, notes,
                                          decided_by_id, decided_by_name, decided_at)
           select pg_temp.bench_id('bench-impl-' || i), 'no_go', 'no_go',
                  '[{"key":"synthetic","severity":"blocking","message":"Synthetic blocking reason"}]'::jsonb,
                  md5('bench-decision-' || i), 'Synthetic decision: not ready yet', $2::uuid, 'Maya Okafor',
                  now() - interval '7 days'
           from generate_series(1, $1::int) i where i % 5 = 0`,
          [impls, user("manager")],
        );

      }),
    );

    // The audit trail goes through the chain trigger (one head row per organization, updated
    // per event): in one transaction the head's dead versions pile up and each insert walks
    // them, so it is loaded in short transactions of AUDIT_BATCH events.
    await timed("audit trail", async () => {
      const total = impls * auditPer;
      for (let from = 1; from <= total; from += AUDIT_BATCH) {
        // 150 events per implementation by default, spread over half a year.
        await sql.unsafe(
          `insert into audit_events (occurred_at, actor_id, actor_role, actor_organization_id, action, entity_type,
                                     entity_id, implementation_id, before, after, request_id)
           select now() - make_interval(days => n % 180, secs => n % 86400),
                  case when n % 2 = 0 then $3::uuid else $4::uuid end,
                  (case when n % 2 = 0 then 'engineer' else 'implementation_manager' end)::role,
                  $5::uuid,
                  (array['checklist_item.updated','evidence.recorded','checklist_item.blocked','checklist_item.unblocked'])[1 + n % 4],
                  'checklist_item',
                  pg_temp.bench_id('bench-item-' || (1 + n % $1::int) || '-' || ((n / $1::int) % $2::int))::text,
                  pg_temp.bench_id('bench-impl-' || (1 + n % $1::int)),
                  jsonb_build_object('status', 'in_progress', 'version', 1 + n % 5),
                  jsonb_build_object('status', 'ready_for_signoff', 'version', 2 + n % 5),
                  'bench-' || n
           from generate_series($6::int, $7::int) n`,
          [impls, itemsPer, user("engineer"), user("manager"), vendorOrg, from, Math.min(total, from + AUDIT_BATCH - 1)],
        );
      }
    });

    await timed("analyze", () => sql.unsafe("analyze"));
    await timed("readiness summaries", () => buildSummaries(url.toString()));
    await timed("analyze summaries", () => sql.unsafe("analyze readiness_summaries, gate_states"));

    const [counts] = await sql<Record<string, number>[]>`
      select (select count(*)::int from implementations) as implementations,
             (select count(*)::int from checklist_items) as items,
             (select count(*)::int from evidence) as evidence,
             (select count(*)::int from sign_offs) as sign_offs,
             (select count(*)::int from audit_events) as audit_events,
             (select count(*)::int from permission_requirements) as permission_rows,
             (select count(*)::int from permission_checks) as permission_checks,
             (select count(*)::int from test_patients) as test_patients,
             (select count(*)::int from test_patient_scenarios) as scenarios,
             (select count(*)::int from waivers) as waivers,
             (select count(*)::int from go_live_decisions) as decisions,
             (select count(*)::int from readiness_summaries) as summaries`;
    return { database, url: url.toString(), counts: counts!, seconds };
  } finally {
    await sql.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      implementations: { type: "string", default: "500" },
      "items-per": { type: "string", default: "50" },
      "evidence-per": { type: "string", default: "5" },
      "audit-per": { type: "string", default: "150" },
      server: { type: "string", default: process.env.BENCH_POSTGRES_URL ?? DEFAULT_SERVER_URL },
    },
  });
  const result = await generate({
    implementations: Number(values.implementations),
    itemsPerImplementation: Number(values["items-per"]),
    evidencePerItem: Number(values["evidence-per"]),
    auditPerImplementation: Number(values["audit-per"]),
    serverUrl: values.server,
  });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
