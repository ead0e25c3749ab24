import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, timestamptz } from '~/server/db/columns.helpers';

export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'done', 'failed']);
export type OutboxStatus = (typeof outboxStatusEnum.enumValues)[number];

/**
 * Side effects (e-mail, search-index updates …) written in the same transaction as the data
 * that causes them, delivered later by the outbox worker. See docs/decisions/003-outbox.md.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    /** Stable message id: the e-mail Message-ID is derived from it, so a re-send is the same message. */
    id: idColumn(),
    /** Which handler delivers it: 'email', later 'search.index' … */
    topic: text().notNull(),
    payload: jsonb().notNull(),
    /**
     * Optional idempotency key per topic: enqueueing the same key twice keeps the first row
     * (e.g. 'digest:2026-11-23:<staff id>').
     */
    dedupeKey: text(),
    status: outboxStatusEnum().notNull().default('pending'),
    /** Delivery attempts started so far (a claim counts as an attempt). */
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(10),
    /** When the row is due (again). */
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /** Lease of the worker delivering it; after it expires another worker may take over. */
    lockedUntil: timestamptz('locked_until'),
    lockedBy: text(),
    /** Last failure, without personal data (error code and short message). */
    lastError: text(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    doneAt: timestamptz('done_at'),
    failedAt: timestamptz('failed_at'),
  },
  (t) => [
    // The worker's claim query: due pending rows, oldest first.
    index('outbox_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_messages_status_idx').on(t.status, t.topic),
    uniqueIndex('outbox_messages_dedupe_unique').on(t.topic, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    check('outbox_messages_attempts_check', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

export type OutboxMessage = typeof outboxMessages.$inferSelect;
