/**
 * Rate limits as token buckets in PostgreSQL: they survive restarts and are shared by every
 * instance. A bucket holds at most `limit` tokens and refills continuously at `limit` tokens per
 * `windowMs`; each request takes one token. Refill is computed in MILLISECONDS from the stored
 * timestamp (old example code refilled in seconds, letting through 1000x too much; see
 * docs/decisions/009-sign-up-abuse-and-repeats.md).
 *
 * One UPSERT statement per request (rate-limits.repository.ts), so concurrent requests on the
 * same key are serialised by the row lock and can never take the same token twice.
 */
import type { DbOrTx } from '~/server/db/db';
import { createRateLimitsRepository } from './rate-limits.repository';

export type RateLimitRule = {
  /** Bucket key, e.g. `registration:address:203.0.113.9`. Keep personal data out (hash it). */
  key: string;
  /** Requests allowed per window (also the burst size). */
  limit: number;
  /** Window in milliseconds in which `limit` tokens are refilled. */
  windowMs: number;
  now: Date;
};

export type RateLimitResult = {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When not allowed: how long until one token is available again (0 when allowed). */
  retryAfterMs: number;
};

export async function consumeRateLimit(
  db: DbOrTx,
  { key, limit, windowMs, now }: RateLimitRule,
): Promise<RateLimitResult> {
  if (!(limit >= 1) || !(windowMs >= 1)) throw new Error('consumeRateLimit: limit and windowMs must be at least 1');
  const row = await createRateLimitsRepository({ db }).take({ key, limit, windowMs, now });
  const tokens = row.tokens;
  return {
    allowed: row.allowed,
    remaining: Math.max(0, Math.floor(tokens + 1e-9)),
    // The small epsilon keeps float noise (0.99995 tokens) from rounding 1 ms up to 2.
    retryAfterMs: row.allowed ? 0 : Math.max(1, Math.ceil(((1 - tokens) * windowMs) / limit - 1e-6)),
  };
}

/** Deletes buckets that are full again; run now and then (they hold no information any more). */
export async function pruneRateLimits(db: DbOrTx, now: Date): Promise<number> {
  return createRateLimitsRepository({ db }).deleteExpired(now);
}
