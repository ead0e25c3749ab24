/**
 * Writing to the outbox. Call `enqueueOutboxMessage` with the transaction that writes the data
 * the side effect belongs to: if that transaction rolls back, nothing is sent; once it commits,
 * a NOTIFY wakes the worker. See docs/decisions/003-outbox.md.
 */
import type { DbOrTx } from '~/server/db/db';
import { createOutboxRepository } from './outbox.repository';

/** Attempts before a message is parked as failed (see EnqueueOutboxMessage.maxAttempts). */
export const DEFAULT_MAX_ATTEMPTS = 20;

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
  return createOutboxRepository({ db: tx }).insert({
    topic: message.topic,
    payload: message.payload,
    dedupeKey: message.dedupeKey ?? null,
    maxAttempts: message.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
  });
}

/** Adds several messages to the outbox inside `tx` in one round trip (see insertMany). */
export async function enqueueOutboxMessages(tx: DbOrTx, messages: EnqueueOutboxMessage[]): Promise<void> {
  if (messages.some((message) => !message.topic.trim())) throw new Error('outbox topic is empty');
  await createOutboxRepository({ db: tx }).insertMany(
    messages.map((message) => ({
      topic: message.topic,
      payload: message.payload,
      dedupeKey: message.dedupeKey ?? null,
      maxAttempts: message.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
    })),
  );
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
  return createOutboxRepository({ db }).health(overdueAfterSeconds);
}

export type OutboxBacklog = {
  byTopic: { topic: string; pending: number }[];
  /** Seconds since the oldest waiting message was written (0 when none waits). */
  oldestPendingSeconds: number;
  failed: number;
};

/** Depth and age of the queue, for monitoring (/metrics, /healthz details). */
export async function getOutboxBacklog(db: DbOrTx): Promise<OutboxBacklog> {
  const rows = await createOutboxRepository({ db }).backlog();
  return {
    byTopic: rows.filter((row) => row.pending > 0).map((row) => ({ topic: row.topic, pending: row.pending })),
    oldestPendingSeconds: Math.max(0, ...rows.map((row) => row.oldest)),
    failed: rows.reduce((sum, row) => sum + row.failed, 0),
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
  return createOutboxRepository({ db }).listFailed(limit);
}

/** Puts a parked message back in the queue (after someone fixed the cause); false if it was not failed. */
export async function retryFailedOutboxMessage(db: DbOrTx, id: string): Promise<boolean> {
  return createOutboxRepository({ db }).retryFailed(id);
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
const OVERDUE_AFTER_MS = 5 * 60_000;

/** Failed and overdue messages of one topic (pending longer than `overdueAfterMs` past due, not being delivered), oldest first, with their payloads (the caller shows only what is safe). */
export async function listStuckOutboxMessages(
  db: DbOrTx,
  {
    topic,
    now,
    overdueAfterMs = OVERDUE_AFTER_MS,
    limit = 200,
  }: { topic: string; now: Date; overdueAfterMs?: number; limit?: number },
): Promise<StuckOutboxMessage[]> {
  const rows = await createOutboxRepository({ db }).listStuck({ topic, now, overdueAfterMs, limit });
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
  {
    id,
    topic,
    now,
    overdueAfterMs = OVERDUE_AFTER_MS,
  }: { id: string; topic: string; now: Date; overdueAfterMs?: number },
): Promise<{ payload: unknown } | null> {
  if (!UUID.test(id)) return null;
  return createOutboxRepository({ db }).requeueStuck({ id, topic, now, overdueAfterMs });
}

/** Throws a stuck message away (it will never be sent). Returns its payload, or null when it is not stuck. */
export async function discardOutboxMessage(
  db: DbOrTx,
  {
    id,
    topic,
    now,
    overdueAfterMs = OVERDUE_AFTER_MS,
  }: { id: string; topic: string; now: Date; overdueAfterMs?: number },
): Promise<{ payload: unknown } | null> {
  if (!UUID.test(id)) return null;
  return createOutboxRepository({ db }).discardStuck({ id, topic, now, overdueAfterMs });
}
