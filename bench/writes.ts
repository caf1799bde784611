// The writes the load run drives, by server action name. Each target picks rows in the bench
// database and says which fields to post; fields the page's own form carries (hidden inputs
// such as an item's version or the snapshot digest a signer saw) are read from the page, as a
// browser would, when `fromPage` is set.
import type postgres from "postgres";

export type WriteCandidate = { path: string; fields: Record<string, string> };

export type WriteTarget = {
  key: "sign_off" | "evidence";
  label: string;
  actionName: string;
  // A stand-in measures another action with the same shape while the real one does not exist.
  standInFor?: string;
  // Read the form's hidden inputs from the page before posting.
  fromPage: boolean;
  // Each call may succeed once (a replayed sign-off is refused), so none is repeated.
  unique: boolean;
  candidates(sql: postgres.Sql, count: number): Promise<WriteCandidate[]>;
};

const hourAgo = () => new Date(Date.now() - 60 * 60 * 1000).toISOString().slice(0, 16);

// Evidence recording: one version-checked transaction that locks the item, inserts the
// evidence, bumps the item and writes the audit event, then revalidates the item page.
// Spread over many items of many implementations so concurrent calls do not queue on one
// item's row lock.
export const recordEvidence: WriteTarget = {
  key: "evidence",
  label: "Record evidence (stand-in for sign-off)",
  actionName: "recordEvidenceAction",
  standInFor: "signOffItemAction",
  fromPage: false,
  unique: false,
  async candidates(sql, count) {
    const rows = await sql<{ item: string; impl: string; env: string }[]>`
      select ci.id as item, ci.implementation_id as impl, e.id as env
      from checklist_items ci
      join environments e on e.implementation_id = ci.implementation_id and e.kind = 'test'
      where ci.key like 'bench-%' and ci.status = 'in_progress'
      order by md5(ci.id::text)
      limit ${count}`;
    return rows.map((r) => ({
      path: `/implementations/${r.impl}/items/${r.item}`,
      fields: {
        itemId: r.item,
        environmentId: r.env,
        kind: "technical",
        whatWasTested: "Synthetic benchmark run of the scheduling interface",
        outcome: "pass",
        observedAt: hourAgo(),
        linkUrl: "",
      },
    }));
  },
};

// Signing off an item (issue 4). ASSUMPTIONS to check when that action lands: it is exported
// as `signOffItemAction` from the item page's actions.ts, is a form action, and its form on
// the item page carries the item id, the version and the snapshot digest as hidden inputs
// (read from the page, so the digest is exactly what the signer saw); the signer adds the
// decision and an optional comment. If the form names differ, change `fields` below; if signing needs
// a re-entered password in this session, do that once after signing in (see load.ts).
export const signOff: WriteTarget = {
  key: "sign_off",
  label: "Sign off an item",
  actionName: "signOffItemAction",
  fromPage: true,
  unique: true,
  async candidates(sql, count) {
    const rows = await sql<{ item: string; impl: string }[]>`
      select ci.id as item, ci.implementation_id as impl
      from checklist_items ci
      where ci.key like 'bench-%' and ci.status = 'ready_for_signoff'
        and 'implementation_manager' = any (ci.required_sign_off_roles)
        and not exists (select 1 from sign_offs so where so.checklist_item_id = ci.id
                        and so.signer_role = 'implementation_manager' and so.item_version = ci.version)
      order by md5(ci.id::text)
      limit ${count}`;
    return rows.map((r) => ({
      path: `/implementations/${r.impl}/items/${r.item}`,
      fields: {
        decision: "approve",
        comment: "",
      },
    }));
  },
};

export const writeTargets = [signOff, recordEvidence];
