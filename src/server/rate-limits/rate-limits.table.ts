import { boolean, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from '~/server/db/columns.helpers';

/**
 * Token buckets for rate limits, kept in PostgreSQL so they survive restarts and are shared by
 * every instance. One row per key (e.g. "registration:ip:203.0.113.9"). See rate-limits.ts.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().primaryKey(),
    /** Tokens left after the last request (fractional: refill is continuous). */
    tokens: doublePrecision().notNull(),
    /** When `tokens` was computed; refill is measured from here in milliseconds. */
    refilledAt: timestamptz('refilled_at').notNull(),
    /** Whether the last request was let through (read back by the single UPSERT). */
    allowed: boolean().notNull(),
    /** When the bucket is full again; after that the row can be deleted. */
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);

/**
 * Failures with exponential back-off (logins): only failed attempts count, a few are free, then
 * every further failure doubles the wait before the next attempt (no hard lock). One row per key
 * (e.g. account + client address, hashed). See failure-backoff in rate-limits.ts.
 */
export const failureBackoffs = pgTable(
  'failure_backoffs',
  {
    key: text().primaryKey(),
    failures: integer().notNull(),
    lastFailureAt: timestamptz('last_failure_at').notNull(),
    /** No attempt before this moment. */
    blockedUntil: timestamptz('blocked_until').notNull(),
    /** After this the failures are forgotten and the row can be deleted. */
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('failure_backoffs_expires_idx').on(t.expiresAt)],
);
