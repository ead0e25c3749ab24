/**
 * Writing to the outbox. Call `enqueueOutboxMessage` with the transaction that writes the data
 * the side effect belongs to: if that transaction rolls back, nothing is sent; once it commits,
 * a NOTIFY wakes the worker. See docs/decisions/003-outbox.md.
 */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { outboxMessages } from './outbox.table';

/** Attempts before a message is parked as failed (see EnqueueOutboxMessage.maxAttempts). */
export const DEFAULT_MAX_ATTEMPTS = 20;

/** The LISTEN/NOTIFY channel the worker listens on. */
export const OUTBOX_CHANNEL = 'outbox_messages';

export type EnqueueOutboxMessage = {
  /** Which handler delivers it, e.g. 'email' or 'search.index'. */
  topic: string;
  /** JSON-serialisable; keep it small and free of data the handler does not need. */
  payload: unknown;
  /**
   * Same topic + key twice keeps only the first message (returns its id), also after it was
   * delivered, until delivered rows are purged (7 days). Put a day or version in the key,
   * e.g. `digest:2026-11-23:<staff id>`.
   */
  dedupeKey?: string;
  /** Default 20 attempts: with the worker's default backoff (15 s doubling, at most 1 h) retries go on for 6 to 12 hours. */
  maxAttempts?: number;
  /** Deliver no earlier than this (e.g. a reminder). Default: now. */
  notBefore?: Date;
};

/** Adds a message to the outbox inside `tx`; returns its stable id. */
export async function enqueueOutboxMessage(tx: DbOrTx, message: EnqueueOutboxMessage): Promise<{ id: string }> {
  if (!message.topic.trim()) throw new Error('outbox topic is empty');
  const values = {
    topic: message.topic,
    payload: message.payload,
    dedupeKey: message.dedupeKey ?? null,
    maxAttempts: message.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
  };
  const inserted = message.dedupeKey
    ? await tx
        .insert(outboxMessages)
        .values(values)
        .onConflictDoNothing({
          target: [outboxMessages.topic, outboxMessages.dedupeKey],
          where: sql`${outboxMessages.dedupeKey} is not null`,
        })
        .returning({ id: outboxMessages.id })
    : await tx.insert(outboxMessages).values(values).returning({ id: outboxMessages.id });
  let id = inserted[0]?.id;
  if (!id) {
    const [existing] = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.topic, message.topic), eq(outboxMessages.dedupeKey, message.dedupeKey!)));
    id = existing!.id;
  }
  // Delivered by PostgreSQL only when the transaction commits.
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${message.topic})`);
  return { id };
}

export type OutboxHealth = {
  /** Waiting rows, including ones not yet due. */
  pending: number;
  /** Pending rows that should have gone out more than `overdueAfterSeconds` ago. */
  overdue: number;
  /** Parked after the last attempt or a permanent error: need a person to look. */
  failed: number;
};

/** Counts for /healthz and the backoffice: failed and overdue rows mean mail is not arriving. */
export async function getOutboxHealth(
  db: DbOrTx,
  { overdueAfterSeconds = 300 }: { overdueAfterSeconds?: number } = {},
): Promise<OutboxHealth> {
  const m = outboxMessages;
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
}

export type OutboxBacklog = {
  byTopic: { topic: string; pending: number }[];
  /** Seconds since the oldest waiting message was written (0 when none waits). */
  oldestPendingSeconds: number;
  failed: number;
};

/** Depth and age of the queue, for monitoring (/metrics, /healthz details). */
export async function getOutboxBacklog(db: DbOrTx): Promise<OutboxBacklog> {
  const m = outboxMessages;
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
  return {
    byTopic: rows.filter((r) => r.pending > 0).map((r) => ({ topic: r.topic, pending: r.pending })),
    oldestPendingSeconds: Math.max(0, ...rows.map((r) => r.oldest)),
    failed: rows.reduce((sum, r) => sum + r.failed, 0),
  };
}

export type FailedOutboxMessage = {
  id: string;
  topic: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date | null;
};

/** Parked messages for the backoffice, newest first; without payloads (they hold addresses). */
export async function listFailedOutboxMessages(
  db: DbOrTx,
  { limit = 50 }: { limit?: number } = {},
): Promise<FailedOutboxMessage[]> {
  const m = outboxMessages;
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
}

/** Puts a parked message back in the queue (after someone fixed the cause); false if it was not failed. */
export async function retryFailedOutboxMessage(db: DbOrTx, id: string): Promise<boolean> {
  const m = outboxMessages;
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
}

export type StuckOutboxMessage = {
  id: string;
  state: 'failed' | 'overdue';
  payload: unknown;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  /** When it was parked (failed) or should have gone out (overdue). */
  since: Date;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Messages of `topic` that need a person: failed, or pending longer than `overdueAfterMs` past due (not being delivered). */
function stuck(topic: string, now: Date, overdueAfterMs: number) {
  const m = outboxMessages;
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

/** Failed and overdue messages of one topic, oldest first, with their payloads (the caller shows only what is safe). */
export async function listStuckOutboxMessages(
  db: DbOrTx,
  {
    topic,
    now,
    overdueAfterMs = 5 * 60_000,
    limit = 200,
  }: { topic: string; now: Date; overdueAfterMs?: number; limit?: number },
): Promise<StuckOutboxMessage[]> {
  const m = outboxMessages;
  const rows = await db
    .select()
    .from(m)
    .where(stuck(topic, now, overdueAfterMs))
    .orderBy(asc(m.createdAt))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    state: row.status === 'failed' ? 'failed' : 'overdue',
    payload: row.payload,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    since: row.status === 'failed' ? (row.failedAt ?? row.createdAt) : row.nextAttemptAt,
  }));
}

/**
 * Sends a stuck message again now: a failed one starts over with its attempts, an overdue one is
 * due at once. Returns its payload, or null when it is not stuck (delivered, gone, being sent).
 */
export async function requeueOutboxMessage(
  db: DbOrTx,
  { id, topic, now, overdueAfterMs = 5 * 60_000 }: { id: string; topic: string; now: Date; overdueAfterMs?: number },
): Promise<{ payload: unknown } | null> {
  if (!UUID.test(id)) return null;
  const m = outboxMessages;
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
}

/** Throws a stuck message away (it will never be sent). Returns its payload, or null when it is not stuck. */
export async function discardOutboxMessage(
  db: DbOrTx,
  { id, topic, now, overdueAfterMs = 5 * 60_000 }: { id: string; topic: string; now: Date; overdueAfterMs?: number },
): Promise<{ payload: unknown } | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .delete(outboxMessages)
    .where(and(eq(outboxMessages.id, id), stuck(topic, now, overdueAfterMs)))
    .returning({ payload: outboxMessages.payload });
  return row ?? null;
}
