import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditEvents, checklistItems, digestRuns, gateStates, implementations, inboxNotifications, notificationSettings, organizations, users } from "@/db/schema";
import { describeAction } from "@/lib/domain/activity";
import { addDaysIso, todayIso } from "@/lib/format/dates";
import { renderMail } from "@/lib/mail/render";
import { mailOrigin, notify } from "./inbox";
import { queueMail } from "./mail";

// What time alone sends: "an item you own is due / overdue", the daily digest of notifications
// for people who chose it, and the weekly digest for implementation managers. Plain functions a
// scheduler calls (today the in-process worker; a job queue later). Each is idempotent for its
// person and period — the unique dedupe key on notifications, and a digest_runs row inserted in
// the same transaction as the digest's mail — so two instances running them never send twice.

const closed = ["signed_off", "waived"] as const;

// Items due tomorrow or today (one "due" notification per item and due date) and items past
// their due date (one "overdue" notification per item and due date). Owners only, and through
// notify(), so only while the owner may still see the implementation.
// Only items whose owner has not had that notice are read, oldest due date first, a batch at a
// time until none is left: a run after the first one reads nothing it already sent, however
// large the portfolio, and no item waits for a later run because an earlier batch was full.
export async function notifyDueItems(today = todayIso(), options: { batchSize?: number } = {}): Promise<number> {
  const db = getDb();
  const batchSize = options.batchSize ?? 500;
  // The notice's dedupe key, made once here: the anti-join below asks whether the owner already
  // has it, and the row carries it to notify().
  const dueKey = sql<string>`case when ${checklistItems.dueDate} < ${today}::date then 'overdue:' else 'due:' end || ${checklistItems.id}::text || ':' || ${checklistItems.dueDate}::text`;
  let created = 0;
  // Keyset position: an item notify() skipped (its owner may no longer see the implementation)
  // is passed over, not read again in the same run.
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    const rows: { id: string; title: string; implementationId: string; implementationName: string; ownerId: string | null; dueDate: string; dedupeKey: string }[] = await db
      .select({
        id: checklistItems.id,
        title: checklistItems.title,
        implementationId: checklistItems.implementationId,
        implementationName: implementations.name,
        ownerId: checklistItems.ownerId,
        dueDate: sql<string>`${checklistItems.dueDate}::text`,
        dedupeKey: dueKey,
      })
      .from(checklistItems)
      .innerJoin(implementations, eq(implementations.id, checklistItems.implementationId))
      .where(
        and(
          lte(checklistItems.dueDate, addDaysIso(today, 1)),
          notInArray(checklistItems.status, [...closed]),
          sql`${checklistItems.ownerId} is not null`,
          inArray(implementations.status, ["active", "live"]),
          sql`not exists (select 1 from ${inboxNotifications} n where n.user_id = ${checklistItems.ownerId} and n.dedupe_key = ${dueKey})`,
          after ? sql`(${checklistItems.dueDate}, ${checklistItems.id}) > (${after.dueDate}::date, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(checklistItems.dueDate), asc(checklistItems.id))
      .limit(batchSize);
    for (const item of rows) {
      const overdue = item.dueDate < today;
      created += await db.transaction((tx) =>
        notify(tx, {
          to: [item.ownerId],
          kind: overdue ? "item_overdue" : "item_due",
          implementationId: item.implementationId,
          itemId: item.id,
          title: overdue
            ? `"${item.title}" on ${item.implementationName} was due on ${item.dueDate}`
            : `"${item.title}" on ${item.implementationName} is due ${item.dueDate === today ? "today" : "tomorrow"} (${item.dueDate})`,
          body: overdue ? "Update its due date or its next step, or mark it ready for sign-off." : "",
          link: `/implementations/${item.implementationId}/items/${item.id}`,
          dedupeKey: item.dedupeKey,
        }),
      );
    }
    if (rows.length < batchSize) return created;
    const last = rows.at(-1)!;
    after = { dueDate: last.dueDate, id: last.id };
  }
}

// Claims a digest for a person and period inside the transaction that queues it: false when
// another run (another instance, an earlier tick) already did.
async function claimDigest(tx: Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0], userId: string, kind: string, period: string) {
  const rows = await tx.insert(digestRuns).values({ userId, kind, period }).onConflictDoNothing().returning({ userId: digestRuns.userId });
  return rows.length > 0;
}

// The daily digest: for each person who chose it, everything not yet mailed, in one message.
export async function sendDailyDigests(today = todayIso()): Promise<number> {
  const db = getDb();
  const people = await db
    .selectDistinct({ id: users.id, email: users.email, name: users.name })
    .from(inboxNotifications)
    .innerJoin(users, eq(users.id, inboxNotifications.userId))
    .innerJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(and(isNull(inboxNotifications.mailedAt), eq(notificationSettings.mailMode, "daily"), isNull(users.disabledAt)));
  let sent = 0;
  const origin = mailOrigin();
  for (const person of people) {
    const done = await db.transaction(async (tx) => {
      if (!(await claimDigest(tx, person.id, "daily", today))) return false;
      const waiting = await tx
        .update(inboxNotifications)
        .set({ mailedAt: sql`now()` })
        .where(and(eq(inboxNotifications.userId, person.id), isNull(inboxNotifications.mailedAt)))
        .returning({ title: inboxNotifications.title, link: inboxNotifications.link, createdAt: inboxNotifications.createdAt });
      if (waiting.length === 0) return false;
      waiting.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const mail = renderMail({
        subject: `Readyroom daily digest: ${waiting.length} notification${waiting.length === 1 ? "" : "s"}`,
        greeting: `Hello ${person.name},`,
        paragraphs: waiting.slice(0, 50).map((n) => `• ${n.title} — ${origin}${n.link}`),
        action: { label: "Open your inbox", url: `${origin}/inbox` },
        footer: "You chose a daily digest in your notification settings (Your account).",
      });
      await queueMail(tx, { ...mail, to: person.email, kind: "digest.daily" });
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

// The ISO week a date falls in, as "2026-W49": the weekly digest's period.
export function isoWeek(dateIso: string): string {
  const d = new Date(`${dateIso}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export type WeeklyDigest = {
  implementations: {
    id: string;
    name: string;
    customer: string;
    verdict: string | null;
    goLiveDate: string | null;
    changes: string[];
    late: string[];
    projectedLate: string[];
  }[];
};

// What a manager's weekly digest says about each active implementation they manage: what
// changed in the last seven days (from the audit trail), what is late (items past their due
// date, a go-live date passed while not live) and what is projected late as far as the data
// allows (open required items due after the go-live date, go-live blockers with two weeks or
// less to go). Read straight from the tables; no tenant question, as managers see every customer.
export async function weeklyDigestFor(managerId: string, today = todayIso()): Promise<WeeklyDigest> {
  const db = getDb();
  const since = new Date(`${addDaysIso(today, -7)}T00:00:00Z`);
  const impls = await db
    .select({
      id: implementations.id,
      name: implementations.name,
      customer: organizations.name,
      goLiveDate: implementations.goLiveDate,
      status: implementations.status,
      verdict: gateStates.verdict,
    })
    .from(implementations)
    .innerJoin(organizations, eq(organizations.id, implementations.customerOrganizationId))
    .leftJoin(gateStates, eq(gateStates.implementationId, implementations.id))
    .where(and(eq(implementations.implementationManagerId, managerId), inArray(implementations.status, ["active", "live"])))
    .orderBy(sql`${implementations.goLiveDate} asc nulls last`, asc(implementations.name));
  const out: WeeklyDigest["implementations"] = [];
  for (const impl of impls) {
    const [events, items] = await Promise.all([
      db
        .select({ action: auditEvents.action, after: auditEvents.after, actorName: users.name })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorId))
        .where(and(eq(auditEvents.implementationId, impl.id), gte(auditEvents.occurredAt, since)))
        .orderBy(desc(auditEvents.occurredAt))
        .limit(200),
      db
        .select({
          title: checklistItems.title,
          status: checklistItems.status,
          required: checklistItems.required,
          dueDate: sql<string | null>`${checklistItems.dueDate}`,
          blockerSeverity: checklistItems.blockerSeverity,
        })
        .from(checklistItems)
        .where(and(eq(checklistItems.implementationId, impl.id), notInArray(checklistItems.status, [...closed])))
        .orderBy(asc(checklistItems.position)),
    ]);
    const counts = new Map<string, number>();
    for (const e of events) {
      const what = describeAction(e.action, e.after);
      counts.set(what, (counts.get(what) ?? 0) + 1);
    }
    const changes = [...counts.entries()].map(([what, n]) => (n > 1 ? `${what} (${n}×)` : what));
    const late: string[] = [];
    if (impl.goLiveDate && impl.goLiveDate < today && impl.status !== "live") late.push(`Go-live date ${impl.goLiveDate} has passed and it is not live.`);
    for (const item of items) if (item.dueDate && item.dueDate < today) late.push(`"${item.title}" was due ${item.dueDate}.`);
    const projectedLate: string[] = [];
    if (impl.goLiveDate && impl.goLiveDate >= today) {
      for (const item of items) {
        if (item.required && item.dueDate && item.dueDate > impl.goLiveDate) projectedLate.push(`"${item.title}" is due ${item.dueDate}, after the go-live date ${impl.goLiveDate}.`);
      }
      const goLiveBlockers = items.filter((i) => i.status === "blocked" && i.blockerSeverity === "go_live");
      if (goLiveBlockers.length > 0 && impl.goLiveDate <= addDaysIso(today, 14)) {
        projectedLate.push(`${goLiveBlockers.length} go-live blocker${goLiveBlockers.length === 1 ? "" : "s"} open with go-live on ${impl.goLiveDate}.`);
      }
    }
    out.push({ id: impl.id, name: impl.name, customer: impl.customer, verdict: impl.verdict, goLiveDate: impl.goLiveDate, changes, late, projectedLate });
  }
  return { implementations: out };
}

// The weekly digest for every active implementation manager who has not turned it off, once
// per ISO week (the first run of the week sends it).
export async function sendWeeklyDigests(today = todayIso()): Promise<number> {
  const db = getDb();
  const period = isoWeek(today);
  const managers = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(
      and(
        eq(users.role, "implementation_manager"),
        isNull(users.disabledAt),
        eq(users.invited, false),
        sql`not exists (select 1 from ${digestRuns} where ${digestRuns.userId} = ${users.id} and ${digestRuns.kind} = 'weekly' and ${digestRuns.period} = ${period})`,
        or(isNull(notificationSettings.userId), and(eq(notificationSettings.weeklyDigest, true), sql`${notificationSettings.mailMode} <> 'off'`)),
      ),
    );
  const origin = mailOrigin();
  let sent = 0;
  for (const manager of managers) {
    const digest = await weeklyDigestFor(manager.id, today);
    if (digest.implementations.length === 0) continue;
    const paragraphs = digest.implementations.flatMap((impl) => [
      `${impl.name} — ${impl.customer}. Verdict: ${impl.verdict ? ({ go: "Go", conditional_go: "Conditional go", no_go: "No-go" } as Record<string, string>)[impl.verdict] : "not evaluated"}. Go-live: ${impl.goLiveDate ?? "not set"}. ${origin}/implementations/${impl.id}`,
      `What changed this week: ${impl.changes.length > 0 ? impl.changes.slice(0, 10).join("; ") : "nothing recorded."}`,
      `Late: ${impl.late.length > 0 ? impl.late.slice(0, 10).join(" ") : "nothing."}`,
      `Projected late: ${impl.projectedLate.length > 0 ? impl.projectedLate.slice(0, 10).join(" ") : "nothing the dates show."}`,
    ]);
    const done = await db.transaction(async (tx) => {
      if (!(await claimDigest(tx, manager.id, "weekly", period))) return false;
      const mail = renderMail({
        subject: `Readyroom weekly digest, ${period}: ${digest.implementations.length} implementation${digest.implementations.length === 1 ? "" : "s"}`,
        greeting: `Hello ${manager.name},`,
        paragraphs,
        action: { label: "Open the portfolio", url: `${origin}/` },
        footer: "The weekly digest goes to implementation managers; turn it off in your notification settings (Your account).",
      });
      await queueMail(tx, { ...mail, to: manager.email, kind: "digest.weekly" });
      return true;
    });
    if (done) sent += 1;
  }
  return sent;
}

// One tick of the notification schedule: cheap when there is nothing to do.
export async function runNotificationSchedule(today = todayIso()) {
  const due = await notifyDueItems(today);
  const daily = await sendDailyDigests(today);
  const weekly = await sendWeeklyDigests(today);
  return { due, daily, weekly };
}

