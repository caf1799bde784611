import "server-only";
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { mailMessages } from "@/db/schema";
import type { Viewer } from "@/lib/domain/viewer";
import { authorize } from "./policy";

// The mail outbox (lib/mail): queued in the caller's transaction, claimed and completed by the
// mail worker, listed for admins on the Sent mail page.

export type QueuedMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  // What the message is (invitation, password_reset, sign_in_link, …): shown on Sent mail.
  kind: string;
  organizationId?: string | null;
};

export async function queueMail(tx: Executor, mail: QueuedMail): Promise<void> {
  await tx.insert(mailMessages).values({
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    kind: mail.kind,
    organizationId: mail.organizationId ?? null,
  });
}

export type ClaimedMail = { id: string; attempts: number; to: string; subject: string; text: string; html: string };

// Claims due messages with SKIP LOCKED and pushes their next attempt out by a lease, so two
// instances never send the same message at once and a crashed send is retried later.
export async function claimDueMail(options: { limit?: number; leaseMs?: number } = {}): Promise<ClaimedMail[]> {
  const leaseMs = options.leaseMs ?? 60_000;
  return getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(and(eq(mailMessages.status, "pending"), lte(mailMessages.nextAttemptAt, sql`now()`)))
      .orderBy(asc(mailMessages.nextAttemptAt))
      .limit(options.limit ?? 10)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const rows = await tx
      .update(mailMessages)
      .set({ attempts: sql`${mailMessages.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
      .where(inArray(mailMessages.id, due.map((d) => d.id)))
      .returning();
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, to: r.to, subject: r.subject, text: r.text ?? "", html: r.html ?? "" }));
  });
}

// Records an attempt: sent (over SMTP the body, which may hold a sign-in link, is erased),
// retried on the schedule, or failed for good.
export async function completeMail(
  claim: Pick<ClaimedMail, "id" | "attempts">,
  outcome: { ok: boolean; transport: "smtp" | "console"; error: string | null },
  retryDelayMs: number | null,
): Promise<void> {
  const status = outcome.ok ? "delivered" : retryDelayMs === null ? "failed" : "pending";
  await getDb()
    .update(mailMessages)
    .set({
      status,
      transport: outcome.transport,
      lastError: outcome.error?.slice(0, 500) ?? null,
      sentAt: outcome.ok ? sql`now()` : null,
      ...(outcome.ok && outcome.transport === "smtp" ? { text: null, html: null } : {}),
      ...(status === "pending" ? { nextAttemptAt: sql`now() + make_interval(secs => ${(retryDelayMs ?? 0) / 1000})` } : {}),
    })
    .where(and(eq(mailMessages.id, claim.id), eq(mailMessages.attempts, claim.attempts), eq(mailMessages.status, "pending")));
}

export type SentMailRow = {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string | null;
  status: "pending" | "delivered" | "failed";
  transport: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listSentMail(viewer: Viewer, limit = 100): Promise<SentMailRow[]> {
  authorize(viewer, "mail.read");
  return getDb()
    .select({
      id: mailMessages.id,
      kind: mailMessages.kind,
      to: mailMessages.to,
      subject: mailMessages.subject,
      text: mailMessages.text,
      status: mailMessages.status,
      transport: mailMessages.transport,
      attempts: mailMessages.attempts,
      lastError: mailMessages.lastError,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt))
    .limit(limit);
}
