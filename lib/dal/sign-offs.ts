import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Executor, type Transaction } from "@/db";
import {
  checklistItems,
  sessionReauthentications,
  signOffs,
  waivers,
} from "@/db/schema";
import { roleSignOffState } from "@/lib/domain/gate-rules";
import { buildItemSnapshot, NO_EVIDENCE_TO_SIGN, signedName, signOffMeaning, snapshotDigest, type ItemSnapshot } from "@/lib/domain/sign-off-snapshot";
import type { Viewer } from "@/lib/domain/viewer";
import type { EnvironmentKind, ItemStatus, Role } from "@/lib/domain/vocabulary";
import { formatUtc, todayIso } from "@/lib/format/dates";
import { env } from "@/lib/server/env";
import type { RevokeWaiverInput, SignOffItemInput, WaiveItemInput } from "@/lib/validation/sign-offs";
import { conflict, forbidden, invalid, notFound } from "./errors";
import { notifyRejected } from "./inbox";
import { loadItemFacts } from "./item-facts";
import { authorize, can } from "./policy";
import { verifyCredentials } from "./sign-in";
import { isUuid } from "./tenant";
import { lockItem, one, writeOnImplementation } from "./unit-of-work";

// Sign-offs and waivers on checklist items. A sign-off is bound to the item version and the
// SHA-256 of the snapshot its signer was shown; any later change to the item or its evidence
// supersedes it (supersedeSignOffs in unit-of-work.ts, run for every write that bumps an item's version).

type SignatureFacts = {
  evidence: { id: string; kind: "technical" | "operational"; environment: EnvironmentKind; whatWasTested: string; outcome: "pass" | "fail" | "inconclusive"; observedAt: string; recordedBy: string; linkUrl: string | null }[];
  // The sign-offs of the version being signed, whatever their decision.
  signOffs: { role: Role; decision: "approve" | "reject"; signerName: string; signedAt: string }[];
};

// What a signature checks, in one statement once the item is locked: the evidence its snapshot
// is made of (the same rows a signer's page shows) and the sign-offs already given to this version.
async function signatureFacts(tx: Transaction, item: typeof checklistItems.$inferSelect): Promise<{ snapshot: ItemSnapshot; signOffs: SignatureFacts["signOffs"] }> {
  const [row] = await tx
    .select({
      evidence: sql<SignatureFacts["evidence"]>`coalesce((
        select json_agg(json_build_object(
          'id', ev.id, 'kind', ev.kind, 'environment', ee.kind, 'whatWasTested', ev.what_was_tested, 'outcome', ev.outcome,
          'observedAt', ev.observed_at, 'recordedBy', (select u.name from users u where u.id = ev.recorded_by_id), 'linkUrl', ev.link_url
        ))
        from evidence ev join environments ee on ee.id = ev.environment_id
        where ev.checklist_item_id = ${item.id}
      ), '[]'::json)`,
      signOffs: sql<SignatureFacts["signOffs"]>`coalesce((
        select json_agg(json_build_object('role', so.signer_role, 'decision', so.decision, 'signerName', so.signer_name, 'signedAt', so.signed_at))
        from sign_offs so where so.checklist_item_id = ${item.id} and so.item_version = ${item.version}
      ), '[]'::json)`,
    })
    .from(checklistItems)
    .where(eq(checklistItems.id, item.id))
    .prepare("signature_facts")
    .execute();
  const facts = one(row ? [row] : []);
  const snapshot = buildItemSnapshot({ item, evidence: facts.evidence.map((e) => ({ ...e, observedAt: new Date(e.observedAt) })) });
  return { snapshot, signOffs: facts.signOffs };
}

// Whether this browser session signed in, or re-entered its password, recently enough to sign.
async function recentlyAuthenticated(executor: Executor, viewer: Viewer): Promise<boolean> {
  const limitMs = env().SIGN_OFF_REAUTH_MINUTES * 60_000;
  const since = new Date(Date.now() - limitMs);
  const session = viewer.session;
  if (!session?.id) return false;
  if (session.signedInAt && session.signedInAt > since) return true;
  const [row] = await executor
    .select({ at: sessionReauthentications.reauthenticatedAt })
    .from(sessionReauthentications)
    .where(
      and(
        eq(sessionReauthentications.userId, viewer.userId),
        eq(sessionReauthentications.sessionId, session.id),
        gt(sessionReauthentications.reauthenticatedAt, since),
      ),
    );
  return Boolean(row);
}

function staleVersion(seen: number, now: number): never {
  throw conflict(
    `You reviewed version ${seen} of this item; it is now version ${now}. Review what changed, then sign again.`,
  );
}

export type SignOffPanel = Awaited<ReturnType<typeof getSignOffPanel>>;

// What the item page shows about sign-offs: each required role's state, the full history
// (superseded ones marked), the waiver, and — for someone who may sign — the exact snapshot,
// its digest and what signing means.
export async function getSignOffPanel(viewer: Viewer, implementationId: string, itemId: string) {
  authorize(viewer, "implementation.read");
  if (!isUuid(implementationId) || !isUuid(itemId)) throw notFound("Checklist item");
  const facts = await loadItemFacts(viewer, implementationId, itemId);
  const item = facts.item;
  const history = facts.signOffs.map((h) => ({ ...h, signedAt: new Date(h.signedAt) }));
  const waiverRow = facts.waiver ? { ...facts.waiver, grantedAt: new Date(facts.waiver.grantedAt) } : null;
  // The snapshot from the same evidence the page lists, as a signature would take it.
  const snapshot = buildItemSnapshot({
    item,
    evidence: facts.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      environment: e.environmentKind,
      whatWasTested: e.whatWasTested,
      outcome: e.outcome,
      observedAt: new Date(e.observedAt),
      recordedBy: e.recordedByName,
      linkUrl: e.linkUrl,
    })),
  });
  const fresh = facts.recentlyAuthenticated;

  const gateSignOffs = history.map((h) => ({
    role: h.signerRole,
    decision: h.decision,
    itemVersion: h.itemVersion,
    signerName: h.signerName,
    signedAt: h.signedAt,
  }));
  const roles = item.requiredSignOffRoles.map((role) => {
    const state = roleSignOffState({ version: item.version, signOffs: gateSignOffs }, role);
    return {
      role,
      state: state.approved ? ("approved" as const) : state.superseded ? ("superseded" as const) : ("waiting" as const),
      signerName: (state.current ?? state.superseded)?.signerName ?? null,
      signedAt: (state.current ?? state.superseded)?.signedAt ?? null,
      signedVersion: (state.current ?? state.superseded)?.itemVersion ?? null,
    };
  });
  const viewerRole = viewer.role as Role;
  const needsViewer = item.requiredSignOffRoles.includes(viewerRole);
  const alreadySigned = roles.find((r) => r.role === viewerRole)?.state === "approved";
  const whyNot = !can(viewer, "signoff.sign") || !needsViewer
    ? null
    : alreadySigned
      ? "You signed this version already."
      : item.status !== "ready_for_signoff"
        ? "This item can be signed once its owner marks it ready for sign-off."
        : null;
  const today = todayIso();
  const waiver = waiverRow;
  const latest = history[0] ?? null;

  return {
    itemId: item.id,
    implementationId: item.implementationId,
    version: item.version,
    status: item.status,
    required: item.required,
    roles,
    history: history.map((h) => ({ ...h, signedName: signedName(h.itemVersion, h.snapshotSha256), superseded: h.itemVersion < item.version })),
    attestationOnly: item.attestationOnly,
    // Approvals of the version on screen: any save that bumps the version cancels them, and the
    // forms say so before saving.
    currentApprovals: history
      .filter((h) => h.decision === "approve" && h.itemVersion === item.version)
      .map((h) => ({ signerName: h.signerName, role: h.signerRole, signedName: signedName(h.itemVersion, h.snapshotSha256) })),
    // A rejection the owner must act on: the latest word on the item, not yet followed by a new sign-off.
    rejection: latest?.decision === "reject" ? latest : null,
    waiver: waiver ? { ...waiver, expired: waiver.expiresOn < today } : null,
    signing: {
      // Null when the viewer's role does not sign this item at all.
      role: needsViewer && can(viewer, "signoff.sign") ? viewerRole : null,
      canSign: needsViewer && can(viewer, "signoff.sign") && whyNot === null,
      whyNot,
      snapshot,
      snapshotDigest: snapshotDigest(snapshot),
      signedName: signedName(item.version, snapshotDigest(snapshot)),
      // Why approval is not offered (a rejection still is): no evidence behind the item.
      approvalRefused: snapshot.evidence.length === 0 && !item.attestationOnly ? NO_EVIDENCE_TO_SIGN : null,
      meaning: {
        approve: signOffMeaning("approve", item.needsOperationalValidation, item.attestationOnly),
        reject: signOffMeaning("reject", item.needsOperationalValidation, item.attestationOnly),
      },
      reauthenticationRequired: !fresh,
      hasPassword: facts.hasPassword,
      reauthMinutes: env().SIGN_OFF_REAUTH_MINUTES,
    },
    canWaive: can(viewer, "waiver.grant") && item.required && !waiver && item.status !== "signed_off",
    canRevokeWaiver: can(viewer, "waiver.grant") && Boolean(waiver),
  };
}

// Checks a re-entered password for this session and remembers it for the session.
async function reauthenticate(viewer: Viewer, password: string, ip: string): Promise<void> {
  if (!viewer.session?.id) {
    throw invalid("Your session cannot be confirmed. Sign out and sign in again, then sign.");
  }
  const user = password ? await verifyCredentials({ email: viewer.email, password, ip, purpose: "reauthentication" }) : null;
  if (!user || user.id !== viewer.userId) {
    throw invalid("Check the highlighted fields.", { password: ["That password is not right (or too many attempts: wait and try again)."] });
  }
  await getDb()
    .insert(sessionReauthentications)
    .values({ userId: viewer.userId, sessionId: viewer.session.id })
    .onConflictDoUpdate({
      target: [sessionReauthentications.userId, sessionReauthentications.sessionId],
      set: { reauthenticatedAt: sql`now()` },
    });
}

// A signature needs a sign-in (or a re-entered password) younger than the configured limit.
async function requireRecentSignIn(viewer: Viewer, password: string | undefined, ip: string): Promise<void> {
  if (await recentlyAuthenticated(getDb(), viewer)) return;
  if (!password) {
    const minutes = env().SIGN_OFF_REAUTH_MINUTES;
    throw invalid(`You signed in more than ${minutes} minutes ago. Enter your password to sign.`, {
      password: [`Enter your password: signing needs a sign-in from the last ${minutes} minutes.`],
    });
  }
  await reauthenticate(viewer, password, ip);
}

// The business rule of a signature: the signer's role is one the item needs, they saw exactly
// what the item holds now (version and snapshot digest), the item is ready, there is evidence
// behind an approval (unless the item is attestation only), and no one with their role has
// signed this version yet. Returns the snapshot being signed.
async function checkSignable(tx: Transaction, item: typeof checklistItems.$inferSelect, role: Role, input: SignOffItemInput) {
  if (!item.requiredSignOffRoles.includes(role)) throw forbidden();
  if (item.version !== input.itemVersion) staleVersion(input.itemVersion, item.version);
  const { snapshot, signOffs: given } = await signatureFacts(tx, item);
  const digest = snapshotDigest(snapshot);
  if (digest !== input.snapshotDigest) {
    throw conflict("What you reviewed is not what the item holds now. Reload, review it again, then sign.");
  }
  if (item.status !== "ready_for_signoff") {
    throw invalid(`This item is ${item.status.replaceAll("_", " ")}; only an item ready for sign-off can be signed.`);
  }
  if (input.decision === "approve" && snapshot.evidence.length === 0 && !item.attestationOnly) {
    throw invalid(NO_EVIDENCE_TO_SIGN, { decision: [NO_EVIDENCE_TO_SIGN] });
  }
  const existing = given.find((g) => g.role === role);
  if (existing) {
    throw conflict(`${existing.signerName} already signed version ${item.version} for your role at ${formatUtc(new Date(existing.signedAt))}.`);
  }
  // The roles that approved this version before this signature (the item's row lock keeps
  // another signature of it from landing in between).
  const approvedBefore = given.filter((g) => g.decision === "approve").map((g) => g.role);
  return { snapshot, digest, approvedBefore };
}

// Where the item goes after a signature: a rejection sends it back to work on a new version (so
// no sign-off of the rejected version counts); the last approval it needs signs it off, and the
// version stays, so every sign-off remains bound to it.
async function settleItem(
  tx: Transaction,
  viewer: Viewer,
  item: typeof checklistItems.$inferSelect,
  decision: SignOffItemInput["decision"],
  approvedNow: Role[],
) {
  if (decision === "reject") {
    const next = { status: "in_progress" as ItemStatus, version: item.version + 1 };
    await tx
      .update(checklistItems)
      .set({ ...next, updatedById: viewer.userId, updatedAt: new Date() })
      .where(eq(checklistItems.id, item.id));
    return next;
  }
  const approved = new Set(approvedNow);
  if (!item.requiredSignOffRoles.every((r) => approved.has(r))) return { status: item.status, version: item.version };
  await tx.update(checklistItems).set({ status: "signed_off" }).where(eq(checklistItems.id, item.id)).prepare("settle_item").execute();
  return { status: "signed_off" as ItemStatus, version: item.version };
}

export async function signOffItem(viewer: Viewer, input: SignOffItemInput & { ip?: string }, requestId?: string) {
  authorize(viewer, "signoff.sign");
  await requireRecentSignIn(viewer, input.password, input.ip ?? "unknown");

  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item } = await lockItem(tx, viewer, input.itemId);
    const role = viewer.role as Role;
    const { snapshot, digest, approvedBefore } = await checkSignable(tx, item, role, input);

    const meaning = signOffMeaning(input.decision, item.needsOperationalValidation, item.attestationOnly);
    const [signed] = await tx
      .insert(signOffs)
      .values({
        checklistItemId: item.id,
        implementationId: item.implementationId,
        signerId: viewer.userId,
        signerName: viewer.name,
        signerOrganizationId: viewer.organizationId,
        signerOrganizationName: viewer.organizationName,
        signerRole: role,
        decision: input.decision,
        meaning,
        comment: input.comment,
        itemVersion: item.version,
        snapshotSha256: digest,
        snapshot,
      })
      // The unique index (item, role, version) is the last word if two signers race.
      .onConflictDoNothing()
      .returning({ id: signOffs.id, signedAt: signOffs.signedAt })
      .prepare("insert_sign_off")
      .execute();
    if (!signed) throw conflict("Someone with your role signed this version a moment ago. Reload to see it.");
    const { status, version } = await settleItem(tx, viewer, item, input.decision, [...approvedBefore, role]);
    if (input.decision === "reject") await notifyRejected(tx, viewer, item, input.comment);

    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, signOffId: signed.id, status, version },
      audit: {
        action: input.decision === "approve" ? "sign_off.approved" : "sign_off.rejected",
        entityType: "sign_off",
        entityId: signed.id,
        before: { itemStatus: item.status },
        after: {
          itemId: item.id,
          itemTitle: item.title,
          role,
          decision: input.decision,
          meaning,
          comment: input.comment,
          itemVersion: item.version,
          snapshotSha256: digest,
          itemStatus: status,
        },
      },
      events: [
        {
          event: "sign_off.recorded",
          data: {
            itemId: item.id,
            itemTitle: item.title,
            decision: input.decision,
            role,
            signer: viewer.name,
            organization: viewer.organizationName,
            itemVersion: item.version,
            comment: input.comment,
            itemStatus: status,
          },
        },
      ],
    };
  });
}

export async function waiveItem(viewer: Viewer, input: WaiveItemInput, requestId?: string) {
  authorize(viewer, "waiver.grant");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item } = await lockItem(tx, viewer, input.itemId);
    if (item.version !== input.version) staleVersion(input.version, item.version);
    if (!item.required) throw invalid("Only a required item needs a waiver; this one is optional.");
    if (item.status === "signed_off") throw invalid("This item is signed off; it needs no waiver.");
    if (item.status === "blocked") throw invalid("Resolve or keep the blocker first: a blocked item cannot be waived.");
    const [active] = await tx.select({ id: waivers.id }).from(waivers).where(and(eq(waivers.checklistItemId, item.id), isNull(waivers.revokedAt)));
    if (active) throw conflict("This item already has a waiver in force.");
    const version = item.version + 1;
    const waiver = one(
      await tx
        .insert(waivers)
        .values({
          checklistItemId: item.id,
          implementationId: item.implementationId,
          reason: input.reason,
          approverName: input.approverName,
          expiresOn: input.expiresOn,
          itemVersion: version,
          grantedById: viewer.userId,
        })
        .returning({ id: waivers.id }),
    );
    await tx
      .update(checklistItems)
      .set({ status: "waived", version, updatedById: viewer.userId, updatedAt: new Date() })
      .where(eq(checklistItems.id, item.id));
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, waiverId: waiver.id, version },
      supersedes: { item, from: item.version, to: version, cause: "waiver" },
      audit: {
        action: "waiver.granted",
        entityType: "waiver",
        entityId: waiver.id,
        before: { itemStatus: item.status },
        after: { itemId: item.id, itemTitle: item.title, reason: input.reason, approverName: input.approverName, expiresOn: input.expiresOn, itemStatus: "waived" },
      },
    };
  });
}

export async function revokeWaiver(viewer: Viewer, input: RevokeWaiverInput, requestId?: string) {
  authorize(viewer, "waiver.grant");
  return writeOnImplementation(viewer, requestId, async (tx) => {
    const { item } = await lockItem(tx, viewer, input.itemId);
    if (item.version !== input.version) staleVersion(input.version, item.version);
    const [active] = await tx
      .select({ id: waivers.id, reason: waivers.reason, approverName: waivers.approverName, expiresOn: waivers.expiresOn })
      .from(waivers)
      .where(and(eq(waivers.checklistItemId, item.id), isNull(waivers.revokedAt)));
    if (!active) throw invalid("This item has no waiver in force.");
    await tx
      .update(waivers)
      .set({ revokedAt: new Date(), revokedById: viewer.userId, revokeReason: input.reason })
      .where(eq(waivers.id, active.id));
    const status = item.status === "waived" ? "in_progress" : item.status;
    const version = item.version + 1;
    await tx
      .update(checklistItems)
      .set({ status, version, updatedById: viewer.userId, updatedAt: new Date() })
      .where(eq(checklistItems.id, item.id));
    return {
      implementationId: item.implementationId,
      result: { implementationId: item.implementationId, version },
      audit: {
        action: "waiver.revoked",
        entityType: "waiver",
        entityId: active.id,
        before: { itemStatus: item.status, reason: active.reason, approverName: active.approverName, expiresOn: active.expiresOn },
        after: { itemId: item.id, itemTitle: item.title, revokeReason: input.reason, itemStatus: status },
      },
    };
  });
}
