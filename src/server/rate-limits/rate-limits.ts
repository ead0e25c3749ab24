/**
 * Rate limits as token buckets in PostgreSQL: they survive restarts and are shared by every
 * instance. A bucket holds at most `limit` tokens and refills continuously at `limit` tokens per
 * `windowMs`; each request takes one token. Refill is computed in MILLISECONDS from the stored
 * timestamp (old example code refilled in seconds, letting through 1000x too much; see
 * docs/decisions/009-sign-up-abuse-and-repeats.md).
 *
 * One UPSERT statement per request, so concurrent requests on the same key are serialised by the
 * row lock and can never take the same token twice.
 */
import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { rateLimits } from './rate-limits.table';

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
  const nowIso = now.toISOString();
  // Tokens available now: stored tokens plus the refill since refilled_at, in milliseconds,
  // capped at the limit. A clock that went backwards (another instance) refills nothing.
  const available = sql`least(${limit}::double precision, ${rateLimits.tokens} + greatest(0, extract(epoch from (${nowIso}::timestamptz - ${rateLimits.refilledAt})) * 1000) * ${limit}::double precision / ${windowMs}::double precision)`;
  const rows = await db
    .insert(rateLimits)
    .values({
      key,
      tokens: limit - 1,
      refilledAt: now,
      allowed: true,
      expiresAt: new Date(now.getTime() + Math.ceil(windowMs / limit)),
    })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        tokens: sql`case when ${available} >= 1 then ${available} - 1 else ${available} end`,
        allowed: sql`${available} >= 1`,
        refilledAt: sql`${nowIso}::timestamptz`,
        // When the bucket will be full again (after that the row carries no information).
        expiresAt: sql`${nowIso}::timestamptz + make_interval(secs => (${limit}::double precision - (case when ${available} >= 1 then ${available} - 1 else ${available} end)) * ${windowMs}::double precision / ${limit}::double precision / 1000)`,
      },
    })
    .returning({ tokens: rateLimits.tokens, allowed: rateLimits.allowed });
  const row = rows[0]!;
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
  const deleted = await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now)).returning({ key: rateLimits.key });
  return deleted.length;
}
