/**
 * The only code that reads or writes the outbox (`outbox_messages`). Domains queue messages with
 * enqueueOutboxMessage / queueEmail (in their own transaction); the worker delivers them through
 * the functions below. See docs/decisions/003-outbox.md and docs/architecture.md.
 */
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { insertRows } from '~/server/db/insert-rows';
import { outboxMessages as m, type OutboxMessage } from './outbox.table';

export type { OutboxMessage };

/** The LISTEN/NOTIFY channel the worker listens on. */
export const OUTBOX_CHANNEL = 'outbox_messages';

const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

const ON_DUPLICATE_NOTHING = sql.raw('on conflict (topic, dedupe_key) where dedupe_key is not null do nothing');

export function createOutboxRepository({ db }: { db: DbOrTx }) {
  return {
    /**
     * Inserts a message; with a dedupe key an existing message of the same topic and key is kept
     * and its id returned. Wakes the worker when the caller's transaction commits.
     */
    async insert(values: {
      topic: string;
      payload: unknown;
      dedupeKey: string | null;
      maxAttempts: number;
      nextAttemptAt?: Date;
    }): Promise<{ id: string }> {
      const inserted = values.dedupeKey
        ? await db
            .insert(m)
            .values(values)
            .onConflictDoNothing({ target: [m.topic, m.dedupeKey], where: sql`${m.dedupeKey} is not null` })
            .returning({ id: m.id })
        : await db.insert(m).values(values).returning({ id: m.id });
      let id = inserted[0]?.id;
      if (!id) {
        const [existing] = await db
          .select({ id: m.id })
          .from(m)
          .where(and(eq(m.topic, values.topic), eq(m.dedupeKey, values.dedupeKey!)));
        id = existing!.id;
      }
      // Delivered by PostgreSQL only when the transaction commits.
      await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${values.topic})`);
      return { id };
    },

    /**
     * Inserts several messages in one statement (a message whose dedupe key exists is left out)
     * and wakes the worker once per topic when the caller's transaction commits. Both statements
     * are sent together (postgres.js pipelines them on the transaction's connection): one round trip.
     */
    async insertMany(
      rows: { topic: string; payload: unknown; dedupeKey: string | null; maxAttempts: number; nextAttemptAt?: Date }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      const topics = [...new Set(rows.map((row) => row.topic))];
      await Promise.all([
        // The statement text made once (db/insert-rows.ts): this runs for every sign-up.
        insertRows(db, m, rows, ON_DUPLICATE_NOTHING),
        db.execute(
          sql`select pg_notify(${OUTBOX_CHANNEL}, topic) from unnest(array[${sql.join(
            topics.map((topic) => sql`${topic}`),
            sql`, `,
          )}]::text[]) as t(topic)`,
        ),
      ]);
    },

    /** The messages of one topic with their payloads, oldest first: what was queued (tests, support). */
    async listByTopic(topic: string): Promise<OutboxMessage[]> {
      return db.select().from(m).where(eq(m.topic, topic)).orderBy(m.createdAt);
    },

    /** Waiting, overdue (due more than `overdueAfterSeconds` ago) and parked rows. */
    async health(overdueAfterSeconds: number) {
      const [row] = await db
        .select({
          pending: sql<number>`count(*) filter (where ${m.status} = 'pending')`.mapWith(Number),
          overdue:
            sql<number>`count(*) filter (where ${m.status} = 'pending' and ${m.nextAttemptAt} < now() - make_interval(secs => ${overdueAfterSeconds}))`.mapWith(
              Number,
            ),
          failed: sql<number>`count(*) filter (where ${m.status} = 'failed')`.mapWith(Number),
        })
        .from(m)
        .where(inArray(m.status, ['pending', 'failed']));
      return { pending: row?.pending ?? 0, overdue: row?.overdue ?? 0, failed: row?.failed ?? 0 };
    },

    /** Parked messages, newest first, without payloads (they hold addresses). */
    async listFailed(limit: number) {
      return db
        .select({
          id: m.id,
          topic: m.topic,
          attempts: m.attempts,
          lastError: m.lastError,
          createdAt: m.createdAt,
          failedAt: m.failedAt,
        })
        .from(m)
        .where(eq(m.status, 'failed'))
        .orderBy(desc(m.failedAt))
        .limit(limit);
    },

    /** Puts a parked message back in the queue; false if it was not failed. */
    async retryFailed(id: string): Promise<boolean> {
      const updated = await db
        .update(m)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: sql`now()`,
          failedAt: null,
          lockedUntil: null,
          lockedBy: null,
        })
        .where(and(eq(m.id, id), eq(m.status, 'failed')))
        .returning({ id: m.id });
      if (updated.length) await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${'retry'})`);
      return updated.length > 0;
    },

    /** Depth per topic, age of the oldest waiting message and parked rows (monitoring). */
    async backlog() {
      const rows = await db
        .select({
          topic: m.topic,
          pending: sql<number>`count(*) filter (where ${m.status} = 'pending')`.mapWith(Number),
          failed: sql<number>`count(*) filter (where ${m.status} = 'failed')`.mapWith(Number),
          oldest:
            sql<number>`coalesce(extract(epoch from now() - min(${m.createdAt}) filter (where ${m.status} = 'pending')), 0)`.mapWith(
              Number,
            ),
        })
        .from(m)
        .where(inArray(m.status, ['pending', 'failed']))
        .groupBy(m.topic);
      return rows;
    },

    /** Failed and overdue messages of one topic, oldest first, with their payloads. */
    async listStuck({ topic, now, overdueAfterMs, limit }: StuckQuery & { limit: number }) {
      return db
        .select()
        .from(m)
        .where(stuck(topic, now, overdueAfterMs))
        .orderBy(asc(m.createdAt))
        .limit(limit);
    },

    /** Makes a stuck message due at once with its attempts reset; its payload, or null when it is not stuck. */
    async requeueStuck({ id, topic, now, overdueAfterMs }: StuckQuery & { id: string }) {
      const [row] = await db
        .update(m)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: sql`now()`,
          failedAt: null,
          lockedUntil: null,
          lockedBy: null,
        })
        .where(and(eq(m.id, id), stuck(topic, now, overdueAfterMs)))
        .returning({ payload: m.payload });
      if (row) await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${'retry'})`);
      return row ?? null;
    },

    /** Deletes a stuck message; its payload, or null when it is not stuck. */
    async discardStuck({ id, topic, now, overdueAfterMs }: StuckQuery & { id: string }) {
      const [row] = await db
        .delete(m)
        .where(and(eq(m.id, id), stuck(topic, now, overdueAfterMs)))
        .returning({ payload: m.payload });
      return row ?? null;
    },

    /** Rows whose last lease ran out after the final attempt (a crashed worker) are parked. */
    async parkExhausted() {
      await db
        .update(m)
        .set({
          status: 'failed',
          failedAt: sql`now()`,
          lockedUntil: null,
          lastError: sql`coalesce(${m.lastError}, 'worker stopped during delivery')`,
        })
        .where(and(eq(m.status, 'pending'), sql`${m.attempts} >= ${m.maxAttempts}`, sql`${m.nextAttemptAt} <= now()`));
    },

    /**
     * Takes up to `batchSize` due rows of these topics (FOR UPDATE SKIP LOCKED: other workers
     * skip them) and leases them to `workerId` for `leaseMs`, counting the attempt.
     */
    async claimDue(input: { topics: string[]; batchSize: number; leaseMs: number; workerId: string }) {
      const due = db
        .select({ id: m.id })
        .from(m)
        .where(
          and(
            eq(m.status, 'pending'),
            sql`${m.nextAttemptAt} <= now()`,
            sql`${m.attempts} < ${m.maxAttempts}`,
            inArray(m.topic, input.topics),
          ),
        )
        .orderBy(m.nextAttemptAt)
        .limit(input.batchSize)
        .for('update', { skipLocked: true });
      return db
        .update(m)
        .set({
          attempts: sql`${m.attempts} + 1`,
          nextAttemptAt: sql`now() + ${interval(input.leaseMs)}`,
          lockedUntil: sql`now() + ${interval(input.leaseMs)}`,
          lockedBy: input.workerId,
        })
        .where(inArray(m.id, due))
        .returning();
    },

    /** Delivered; false when the lease was lost meanwhile (another worker may have it). */
    async markDone(id: string, workerId: string): Promise<boolean> {
      const marked = await db
        .update(m)
        .set({ status: 'done', doneAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(leasedTo(id, workerId))
        .returning({ id: m.id });
      return marked.length > 0;
    },

    async markFailed(id: string, workerId: string, lastError: string) {
      await db
        .update(m)
        .set({ status: 'failed', failedAt: sql`now()`, lockedUntil: null, lastError })
        .where(leasedTo(id, workerId));
    },

    async scheduleRetry(id: string, workerId: string, delayMs: number, lastError: string) {
      await db
        .update(m)
        .set({ nextAttemptAt: sql`now() + ${interval(delayMs)}`, lockedUntil: null, lastError })
        .where(leasedTo(id, workerId));
    },

    /**
     * Deletes the messages about one sign-up (privacy): any message whose payload names its id,
     * and mail to `email` unless the address is shared with someone else and the mail is still
     * to be sent. Returns the deleted ids (the development mailbox names its files after them).
     */
    async deleteAbout(about: { registrationId: string; email: string | null; emailShared: boolean }) {
      const mentions = sql`strpos(${m.payload}::text, ${about.registrationId}) > 0`;
      const toAddress =
        about.email === null
          ? undefined
          : and(eq(sql`${m.payload}->>'to'`, about.email), about.emailShared ? ne(m.status, 'pending') : undefined);
      const rows = await db
        .delete(m)
        .where(toAddress ? or(mentions, toAddress) : mentions)
        .returning({ id: m.id });
      return rows.map((row) => row.id);
    },

    /** Which of these message ids still exist (the retention job's sweep of mail files). */
    async existingIds(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      // One array parameter: a mailbox of any size stays one statement.
      const rows = await db
        .select({ id: m.id })
        .from(m)
        .where(sql`${m.id} = any(${sql.param([...ids])}::uuid[])`);
      return new Set(rows.map((row) => row.id));
    },

    /** Deletes delivered rows older than `retentionMs` (they hold addresses and one-time links). */
    async purgeDelivered(retentionMs: number) {
      await db.delete(m).where(and(eq(m.status, 'done'), sql`${m.doneAt} < now() - ${interval(retentionMs)}`));
    },
  };
}

/** The row is still pending and leased to this worker. */
function leasedTo(id: string, workerId: string) {
  return and(eq(m.id, id), eq(m.lockedBy, workerId), eq(m.status, 'pending'));
}

type StuckQuery = { topic: string; now: Date; overdueAfterMs: number };

/** Messages of `topic` that need a person: failed, or pending longer than `overdueAfterMs` past due (not being delivered). */
function stuck(topic: string, now: Date, overdueAfterMs: number) {
  return and(
    eq(m.topic, topic),
    or(
      eq(m.status, 'failed'),
      and(
        eq(m.status, 'pending'),
        lt(m.nextAttemptAt, new Date(now.getTime() - overdueAfterMs)),
        or(isNull(m.lockedUntil), lt(m.lockedUntil, now)),
      ),
    ),
  );
}
