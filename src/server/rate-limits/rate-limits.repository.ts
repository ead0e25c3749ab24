/** The only code that reads or writes the token buckets (`rate_limits`); see rate-limits.ts for the rules. */
import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/server/db/db';
import { rateLimits } from './rate-limits.table';

export function createRateLimitsRepository({ db }: { db: DbOrTx }) {
  return {
    /**
     * Takes one token from the bucket `key` (made full on first use) in ONE upsert, so
     * concurrent requests on the same key are serialised by the row lock. Returns the tokens
     * left and whether this request was let through.
     */
    async take({ key, limit, windowMs, now }: { key: string; limit: number; windowMs: number; now: Date }) {
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
      return rows[0]!;
    },

    /** Deletes buckets that are full again; returns how many. */
    async deleteExpired(now: Date): Promise<number> {
      const deleted = await db
        .delete(rateLimits)
        .where(lt(rateLimits.expiresAt, now))
        .returning({ key: rateLimits.key });
      return deleted.length;
    },
  };
}
