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
