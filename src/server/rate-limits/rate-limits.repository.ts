/**
 * The only code that reads or writes the token buckets (`rate_limits`) and the failure counts
 * with back-off (`failure_backoffs`); see rate-limits.ts for the rules.
 */
import { inArray, lt, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { failureBackoffs, rateLimits } from './rate-limits.table';

export function createRateLimitsRepository({ db }: { db: DbOrTx }) {
  return {
    /**
     * Takes one token from each bucket in `buckets` (made full on first use) in ONE upsert, so
     * concurrent requests on the same key are serialised by the row lock (taken in key order, so
     * two requests never wait for each other crosswise). All buckets share `windowMs`. Returns,
     * per key, the tokens left and whether this request was let through.
     */
    async take({
      buckets,
      windowMs,
      now,
    }: {
      buckets: { key: string; limit: number }[];
      windowMs: number;
      now: Date;
    }): Promise<Map<string, { tokens: number; allowed: boolean }>> {
      const nowIso = now.toISOString();
      const sorted = [...new Map(buckets.map((bucket) => [bucket.key, bucket])).values()].sort((a, b) =>
        a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
      // A new bucket is stored full minus this token, so `excluded.tokens + 1` is the row's limit.
      const limit = sql`(excluded.tokens + 1)`;
      // Tokens available now: stored tokens plus the refill since refilled_at, in milliseconds,
      // capped at the limit. A clock that went backwards (another instance) refills nothing.
      const available = sql`least(${limit}, ${rateLimits.tokens} + greatest(0, extract(epoch from (${nowIso}::timestamptz - ${rateLimits.refilledAt})) * 1000) * ${limit} / ${windowMs}::double precision)`;
      const rows = await db
        .insert(rateLimits)
        .values(
          sorted.map(({ key, limit }) => ({
            key,
            tokens: limit - 1,
            refilledAt: now,
            allowed: true,
            expiresAt: new Date(now.getTime() + Math.ceil(windowMs / limit)),
          })),
        )
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            tokens: sql`case when ${available} >= 1 then ${available} - 1 else ${available} end`,
            allowed: sql`${available} >= 1`,
            refilledAt: sql`${nowIso}::timestamptz`,
            // When the bucket will be full again (after that the row carries no information).
            expiresAt: sql`${nowIso}::timestamptz + make_interval(secs => (${limit} - (case when ${available} >= 1 then ${available} - 1 else ${available} end)) * ${windowMs}::double precision / ${limit} / 1000)`,
          },
        })
        .returning({ key: rateLimits.key, tokens: rateLimits.tokens, allowed: rateLimits.allowed });
      return new Map(rows.map((row) => [row.key, { tokens: row.tokens, allowed: row.allowed }]));
    },

    /** Deletes buckets that are full again and failures that are forgotten; returns how many. */
    async deleteExpired(now: Date): Promise<number> {
      const deleted = await db
        .delete(rateLimits)
        .where(lt(rateLimits.expiresAt, now))
        .returning({ key: rateLimits.key });
      const forgotten = await db
        .delete(failureBackoffs)
        .where(lt(failureBackoffs.expiresAt, now))
        .returning({ key: failureBackoffs.key });
      return deleted.length + forgotten.length;
    },

    /** The latest `blocked_until` over `keys`, or null when none of them has failures. */
    async blockedUntil(keys: string[]): Promise<Date | null> {
      const [row] = await db
        .select({ until: max(failureBackoffs.blockedUntil) })
        .from(failureBackoffs)
        .where(inArray(failureBackoffs.key, keys));
      return row?.until ? new Date(row.until) : null;
    },

    /**
     * Counts one failure under `key` in ONE upsert (concurrent failures all count): failures
     * older than `forgetAfterMs` start the count again; the wait follows `delayMs` in SQL.
     */
    async recordFailure({
      key,
      now,
      freeFailures,
      baseDelayMs,
      maxDelayMs,
      forgetAfterMs,
      firstDelayMs,
    }: {
      key: string;
      now: Date;
      freeFailures: number;
      baseDelayMs: number;
      maxDelayMs: number;
      forgetAfterMs: number;
      /** The wait after a first failure (computed by the caller's policy). */
      firstDelayMs: number;
    }): Promise<void> {
      const nowIso = now.toISOString();
      const failures = sql`case when ${failureBackoffs.lastFailureAt} < ${nowIso}::timestamptz - make_interval(secs => ${forgetAfterMs / 1000}) then 1 else ${failureBackoffs.failures} + 1 end`;
      const delay = sql`least(${maxDelayMs}::double precision, case when ${failures} < ${freeFailures} then 0 else ${baseDelayMs}::double precision * power(2, least(${failures} - ${freeFailures}, 30)) end)`;
      await db
        .insert(failureBackoffs)
        .values({
          key,
          failures: 1,
          lastFailureAt: now,
          blockedUntil: new Date(now.getTime() + firstDelayMs),
          expiresAt: new Date(now.getTime() + forgetAfterMs),
        })
        .onConflictDoUpdate({
          target: failureBackoffs.key,
          set: {
            failures,
            lastFailureAt: sql`${nowIso}::timestamptz`,
            blockedUntil: sql`${nowIso}::timestamptz + make_interval(secs => ${delay} / 1000)`,
            expiresAt: sql`${nowIso}::timestamptz + make_interval(secs => ${forgetAfterMs / 1000})`,
          },
        });
    },

    /** Forgets the failures under `keys`. */
    async clearFailures(keys: string[]): Promise<void> {
      await db.delete(failureBackoffs).where(inArray(failureBackoffs.key, keys));
    },
  };
}
